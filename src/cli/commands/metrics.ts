import { readFileSync } from 'node:fs';
import { type Command, UsageError } from '../command.ts';
import {
  type MotionOptionsInput,
  type NamedTrack,
  TrajectoryCsvError,
  bimanualMetrics,
  bimanualMetricsJson,
  motionMetrics,
  motionMetricsJson,
  motionOptions,
  motionSpeeds,
  parseTrajectoryCsv,
} from '../../core/metrics/index.ts';

const USAGE = 'scrub metrics <trajectory.csv> [--idle-speed M_PER_S] [--expert-path-length M] [--trocar X,Y,Z] [--force-threshold N]';

export const metrics: Command = {
  name: 'metrics',
  summary: 'motion metrics (path length, idle time, smoothness, …) of a trajectory CSV, as JSON',
  usage: USAGE,
  run(args) {
    const { file, options } = parseArgs(args);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    let tracks: NamedTrack[];
    try {
      tracks = parseTrajectoryCsv(text);
    } catch (error) {
      if (!(error instanceof TrajectoryCsvError)) throw error;
      console.error(`scrub metrics: ${file}: ${error.message}`);
      return 1;
    }
    const hands: Record<string, Record<string, number | null>> = {};
    const pathLengths = new Map<string, number>();
    for (const { hand, track } of tracks) {
      const m = motionMetrics(track, options);
      hands[hand] = motionMetricsJson(m);
      pathLengths.set(hand, m.pathLength);
    }
    console.log(JSON.stringify({ hands, bimanual: bimanual(tracks, pathLengths, options) }, null, 2));
    return 0;
  },
};

/** The left and right hands if so named, else the first two; null with fewer or if sampled at different times. */
function bimanual(tracks: NamedTrack[], pathLengths: Map<string, number>, options: MotionOptionsInput) {
  const named = ['left', 'right'].map((h) => tracks.find((t) => t.hand === h));
  const [a, b] = named[0] && named[1] ? named : tracks;
  if (!a || !b) return null;
  const sameTimes = a.track.t.length === b.track.t.length && a.track.t.every((t, i) => Math.abs(t - b.track.t[i]!) < 1e-9);
  if (!sameTimes) {
    console.error(`scrub metrics: no bimanual metrics: hands '${a.hand}' and '${b.hand}' are not sampled at the same times`);
    return null;
  }
  const { idleSpeed, jumpSpeed } = motionOptions(options);
  const m = bimanualMetrics(
    motionSpeeds(a.track, jumpSpeed),
    motionSpeeds(b.track, jumpSpeed),
    [pathLengths.get(a.hand)!, pathLengths.get(b.hand)!],
    idleSpeed,
  );
  return { hands: [a.hand, b.hand], ...bimanualMetricsJson(m) };
}

function parseArgs(args: string[]): { file: string; options: MotionOptionsInput } {
  const options: MotionOptionsInput = {};
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      if (file !== undefined) throw new UsageError(`one trajectory file at a time (got '${file}' and '${arg}')`);
      file = arg;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (arg === '--idle-speed') options.idleSpeed = positive(arg, value);
    else if (arg === '--expert-path-length') options.expertPathLength = positive(arg, value);
    else if (arg === '--force-threshold') options.forceThreshold = positive(arg, value);
    else if (arg === '--trocar') {
      const xyz = value.split(',').map(Number);
      if (xyz.length !== 3 || !xyz.every(Number.isFinite)) throw new UsageError(`--trocar wants X,Y,Z in metres, got '${value}'`);
      options.trocar = [xyz[0]!, xyz[1]!, xyz[2]!];
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (file === undefined) throw new UsageError('which trajectory file?');
  return { file, options };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`${name} wants a positive number, got '${text}'`);
  return value;
}
