import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODES, type Mode } from '../../core/procedure/index.ts';
import { KeyframePlayer, type KeyframeScript, parseKeyframeScript } from '../../core/recording/keyframes.ts';
import { attemptForScript } from '../../core/recording/play.ts';
import { recordInputs } from '../../core/recording/replayer.ts';
import { type Command, UsageError } from '../command.ts';
import { loadProtocolOption, readText } from '../files.ts';
import { APP_VERSION } from '../recordings.ts';

const USAGE =
  'scrub simulate --procedure <id|file.yaml> --script expert|<keyframes.json> [--seed N] [--mode learn|practice|assess] [--learner NAME] --out <file.scrub>';

/** `scrub simulate`: performs a keyframe script headlessly and writes the attempt as a .scrub recording. */
export const simulate: Command = {
  name: 'simulate',
  summary: 'perform a keyframe script (or the expert) headlessly and write the recording (.scrub)',
  usage: USAGE,
  run(args) {
    const opts = parseOptions(args);
    const protocol = loadProtocolOption(opts.procedure);
    if (!protocol) return 1;
    const scriptFile = opts.script === 'expert' ? expertFile(protocol.id) : opts.script;
    let script: KeyframeScript;
    try {
      script = parseKeyframeScript(JSON.parse(readText(scriptFile)));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      console.error(`scrub simulate: ${scriptFile}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    if (script.procedure !== protocol.id) throw new UsageError(`${scriptFile} performs ${script.procedure}, not ${protocol.id}`);
    if (opts.seed !== undefined) script = { ...script, seed: opts.seed };
    const mode = opts.mode ?? script.mode ?? 'assess';
    const attempt = attemptForScript(protocol, script, mode);
    const startedAt = new Date().toISOString();
    const bytes = recordInputs(attempt, script.seed, new KeyframePlayer(script), {
      app: { name: 'scrub', version: APP_VERSION },
      learner: opts.learner ?? null,
      handedness: null,
      inputKind: 'script',
      startedAt,
      endedAt: () => new Date().toISOString(),
      source: `scrub simulate --script ${opts.script === 'expert' ? 'expert' : scriptFile}`,
    });
    try {
      writeFileSync(opts.out, bytes);
    } catch (error) {
      throw new UsageError(`cannot write ${opts.out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const report = attempt.report();
    const ticks = attempt.world.ticks;
    console.log(
      `wrote ${opts.out}: ${protocol.id} ${protocol.version}, seed ${script.seed}, ${ticks} ticks (${(ticks / 120).toFixed(1)} s), ` +
        `${(bytes.length / 1024).toFixed(1)} KB; ${report.outcome}, score ${report.score}${report.errors.length ? `, errors: ${report.errors.map((e) => e.code).join(', ')}` : ''}`,
    );
    return 0;
  },
};

interface Options {
  procedure: string;
  script: string;
  out: string;
  seed?: number;
  mode?: Mode;
  learner?: string;
}

function parseOptions(args: string[]): Options {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    if (!['--procedure', '--script', '--out', '--seed', '--mode', '--learner'].includes(name)) throw new UsageError(`unknown option '${name}'`);
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values[name.slice(2)] = value;
  }
  const { procedure, script, out, seed, mode, learner } = values;
  if (procedure === undefined) throw new UsageError('--procedure is required');
  if (script === undefined) throw new UsageError('--script is required (expert, or a keyframes .json file)');
  if (out === undefined) throw new UsageError('--out is required');
  const options: Options = { procedure, script, out };
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new UsageError('--seed must be a whole number');
    options.seed = Number(seed);
  }
  if (mode !== undefined) {
    if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
    options.mode = mode as Mode;
  }
  if (learner !== undefined) options.learner = learner;
  return options;
}

function expertFile(id: string): string {
  const candidates = [join('assets/experts', `${id}.json`), join(import.meta.dirname, '../../../assets/experts', `${id}.json`)];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) throw new UsageError(`no expert script for '${id}' (looked for ${candidates[0]})`);
  return found;
}
