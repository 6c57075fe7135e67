/**
 * Recordings (docs/recordings.md, "The .scrub file"): file size per minute of each expert, re-simulation speed
 * (× real time, one core and all cores: what `scrub verify`/`scrub grade` pay), and seeking at the end of a
 * 30-minute attempt (SCRUB_BENCH_SEEK_MINUTES to change; the recording is made and verified in the setup, which
 * re-simulates it twice: minutes on a slow machine).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TICK_HZ, type ToolInput } from '../../src/core/kernel/index.ts';
import { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import { Replayer, type RecordingInfo, recordInputs } from '../../src/core/recording/replayer.ts';
import { readScrub } from '../../src/core/recording/scrub-file.ts';
import { processFiles } from '../../src/cli/recordings.ts';
import { attemptFor, expertScript, protocol } from '../../tests/support/experts.ts';
import { standingHeadAt } from '../../tests/support/head-track.ts';
import { LiveSession } from '../../src/app/live-session.ts';
import { ScrubTape } from '../../src/app/scrub-tape.ts';
import { type Benchmark, type Figures, type Suite, median, percentile, round } from '../harness.ts';

const EXPERTS = ['fls-peg-transfer', 'lap-chole-cvs', 'elliptical-excision', 'interrupted-suture'];
const INFO: RecordingInfo = { app: { name: 'scrub', version: 'bench' }, learner: null, handedness: null, inputKind: 'script', startedAt: null };
const SEEK_MINUTES = Number(process.env.SCRUB_BENCH_SEEK_MINUTES ?? 30);
const SEEK_PROCEDURE = 'interrupted-suture';
/** In-memory snapshot interval of the seek benchmark (ticks): the Replayer's default, one second. */
const SNAPSHOT_EVERY = 120;

const files = new Map<string, Uint8Array>();
function recording(name: string): Uint8Array {
  let bytes = files.get(name);
  if (!bytes) {
    const script = expertScript(name);
    bytes = recordInputs(attemptFor(script), script.seed, new KeyframePlayer(script), INFO);
    files.set(name, bytes);
  }
  return bytes;
}

function vrRecording(name: string): Uint8Array {
  const script = expertScript(name);
  const player = new KeyframePlayer(script);
  const session = new LiveSession({
    protocol: protocol(script.procedure),
    mode: script.mode ?? 'practice',
    seed: script.seed,
    ...(script.variant !== undefined ? { variant: script.variant } : {}),
  });
  const tape = new ScrubTape(session.attempt, { ...INFO, inputKind: 'controllers', head: true }, script.seed);
  session.tape = tape;
  session.headTracked = true;
  for (let tick = 0; tick < player.ticks; tick++) {
    player.inputAt(tick, session.input);
    standingHeadAt(tick, session.head);
    session.stepTicks(1);
  }
  session.attempt.finish();
  tape.finish(0);
  return tape.bytes();
}

/**
 * CPU milliseconds (this process, all its threads) of each sample of a benchmark: on a machine shared with other
 * work, wall time measures the load as much as the code, CPU time much less so.
 */
const cpuMs = new Map<string, number[]>();
function cpuTimed(name: string, run: () => void): () => void {
  return () => {
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    cpuMs.set(name, [...(cpuMs.get(name) ?? []), (c.user + c.system) / 1000]);
  };
}

/** Re-simulating and checking a whole expert recording, as `scrub verify` does per file. */
function verifyExpert(name: string): Benchmark {
  return {
    name: `replay.verify.${name}`,
    unit: 'one whole recording',
    samples: 3,
    warmup: 0,
    setup: () => {
      const bytes = recording(name);
      const p = protocol(expertScript(name).procedure);
      return cpuTimed(`replay.verify.${name}`, () => {
        const result = Replayer.load(bytes, p).verify({ snapshotEvery: 0 });
        if (!result.ok) throw new Error(`${name} does not verify: ${result.divergence?.what}`);
      });
    },
  };
}

let seeker: Replayer | null = null;
/** The expert's suture, then its hands held still until the attempt is SEEK_MINUTES long; verified with snapshots. */
function longAttempt(): Replayer {
  if (seeker) return seeker;
  const script = expertScript(SEEK_PROCEDURE);
  const player = new KeyframePlayer(script);
  const ticks = Math.round(SEEK_MINUTES * 60 * TICK_HZ);
  const source = { ticks, inputAt: (t: number, out?: ToolInput) => player.inputAt(Math.min(t, player.ticks - 1), out) };
  const bytes = recordInputs(attemptFor(script), script.seed, source, INFO);
  const replayer = Replayer.load(bytes, protocol(SEEK_PROCEDURE));
  const result = replayer.verify({ snapshotEvery: SNAPSHOT_EVERY });
  if (!result.ok) throw new Error(`the ${SEEK_MINUTES}-minute attempt does not verify: ${result.divergence?.what}`);
  seeker = replayer;
  return replayer;
}

const seek: Benchmark = {
  name: 'replay.seek-end',
  unit: `seek to the last ticks of a ${SEEK_MINUTES}-minute ${SEEK_PROCEDURE} attempt (restore + up to 119 ticks)`,
  samples: 20,
  warmup: 2,
  setup: () => {
    const replayer = longAttempt();
    const end = replayer.recording.ticks;
    let k = 0;
    // Alternating targets, each before the other's: every seek restores a snapshot, then re-simulates 118–119 ticks.
    return cpuTimed('replay.seek-end', () => {
      replayer.seek(end - 1 - (k++ % 2));
    });
  },
};

async function allCores(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'scrub-bench-'));
  const name = 'lap-chole-cvs';
  const cores = availableParallelism();
  const list = Array.from({ length: 6 * cores }, (_, i) => {
    const file = join(dir, `${i}.scrub`);
    writeFileSync(file, recording(name));
    return file;
  });
  const seconds = readScrub(recording(name)).durationSeconds * list.length;
  const t0 = performance.now();
  const results = await processFiles(list, 'verify', cores, () => {});
  const wall = (performance.now() - t0) / 1000;
  if (results.some((r) => !r.ok)) throw new Error('a recording failed to verify');
  return { all_cores: round(seconds / wall, 1), cores, files: list.length };
}

/** Each expert's recording (made by `record`), in KB per minute of the attempt; beside it its ticks and KB. */
function kbPerMinute(record: (name: string) => Uint8Array): Figures {
  return Object.fromEntries(
    EXPERTS.flatMap((name) => {
      const bytes = record(name);
      const { ticks, durationSeconds } = readScrub(bytes);
      return [
        [name, round(bytes.length / 1024 / (durationSeconds / 60), 1)],
        [`${name}.ticks`, ticks],
        [`${name}.kb`, round(bytes.length / 1024, 1)],
      ];
    }),
  );
}

export const suite: Suite = {
  benchmarks: [...EXPERTS.map(verifyExpert), seek],
  derived: [
    {
      name: 'recording.kb_per_min',
      compute: () => kbPerMinute(recording),
    },
    {
      // A VR attempt's recording with the head pose (docs/recordings.md): the expert's input through the app's
      // own path (LiveSession + ScrubTape, the head held for 4 ticks: 30 Hz), a standing trainee's tracked head.
      name: 'recording.kb_per_min_vr_head',
      compute: () => kbPerMinute(vrRecording),
    },
    {
      name: 'grade.x_realtime',
      compute: (results) => {
        const perCore = Object.fromEntries(
          EXPERTS.flatMap((name) => {
            const ms = results[`replay.verify.${name}`]?.median_ms;
            return ms === undefined ? [] : [[`per_core.${name}`, round((readScrub(recording(name)).durationSeconds * 1000) / ms, 1)]];
          }),
        );
        const values = Object.values(perCore);
        const perCoreCpu = Object.fromEntries(
          EXPERTS.flatMap((name) => {
            const ms = cpuMs.get(`replay.verify.${name}`);
            return ms === undefined ? [] : [[`per_cpu_second.${name}`, round((readScrub(recording(name)).durationSeconds * 1000) / median(ms), 1)]];
          }),
        );
        return values.length ? { ...perCore, per_core_min: Math.min(...values), ...perCoreCpu } : {};
      },
    },
    {
      name: 'replay.seek_ms',
      compute: (results) => {
        const r = results['replay.seek-end'];
        if (!r || !seeker) return {};
        const seekCpu = (cpuMs.get('replay.seek-end') ?? []).slice(-(r.samples ?? 0));
        // Where a seek's time goes: restoring the snapshot (inflate, parse, restore), then the ticks after it.
        const end = seeker.recording.ticks;
        const restoreMs: number[] = [];
        const tickMs: number[] = [];
        for (let i = 0; i < 5; i++) {
          seeker.seek(end - 1);
          let t0 = performance.now();
          seeker.seek(end - 120);
          restoreMs.push(performance.now() - t0);
          t0 = performance.now();
          seeker.seek(end - 1);
          tickMs.push((performance.now() - t0) / 119);
        }
        return {
          median: r.median_ms!,
          p95: r.p95_ms!,
          // The measured samples' CPU time (the warm-up ones, first, left out).
          cpu_median: round(median(seekCpu), 1),
          cpu_p95: round(percentile(seekCpu, 95), 1),
          minutes: SEEK_MINUTES,
          snapshot_every_ticks: SNAPSHOT_EVERY,
          snapshots_mb: round(seeker.snapshotBytes / 2 ** 20, 1),
          restore_ms: round(median(restoreMs), 2),
          tick_ms_at_end: round(median(tickMs), 3),
        };
      },
    },
  ],
  derivedAsync: [{ name: 'grade.x_realtime_all_cores', compute: allCores }],
};
