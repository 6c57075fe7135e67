/**
 * The soak: an accelerated session headless in Node — the expert scripts of every procedure in turn, each an
 * attempt driven through the same core `tick` and recorded to a .scrub as it runs, for `--minutes` simulated
 * minutes (3 by default; 60 for the full soak). After each attempt it re-verifies the recording (re-simulation:
 * every tick there, the final state hash the live attempt's), searches the attempt's state and report for NaN or
 * infinite numbers, and samples the heap (after a forced collection: Node runs with --expose-gc) and the median
 * and 95th-percentile tick time. Per procedure the first round is the warm-up; the late rounds may not grow by more
 * than 10 % beyond the first rounds after it (`soakGrowth`). `npm run soak -- --minutes 60 [--json]`; exit 1 when a
 * check fails, each failure one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Attempt } from '../src/core/attempt/attempt.ts';
import { TICK_HZ, idleInput } from '../src/core/kernel/index.ts';
import { type Protocol, loadProtocol } from '../src/core/procedure/index.ts';
import { KeyframePlayer, type KeyframeScript, parseKeyframeScript } from '../src/core/recording/keyframes.ts';
import { attemptForScript } from '../src/core/recording/play.ts';
import { AttemptRecorder, Replayer } from '../src/core/recording/replayer.ts';
import { assembleScrub } from '../src/core/recording/scrub-file.ts';
import { median, percentile } from './harness.ts';

const root = join(import.meta.dirname, '..');
export const SOAK_PROCEDURES = ['lap-chole-cvs', 'fls-peg-transfer', 'interrupted-suture', 'elliptical-excision'] as const;
/** Growth allowed after the warm-up, as a fraction. */
export const SOAK_GROWTH_LIMIT = 0.1;
/** Rounds of each procedure counted as warm-up (JIT, caches, first allocations), not compared. */
export const SOAK_WARMUP_ROUNDS = 1;
/** At most this many rounds on each side of the comparison (their medians are compared). */
const SOAK_WINDOW_ROUNDS = 3;

/** One attempt of the soak. */
export interface SoakSample {
  procedure: string;
  /** 1 for each procedure's first attempt. */
  round: number;
  /** False for the last attempt when the session's minutes ran out before its script did: not compared. */
  complete: boolean;
  ticks: number;
  /** Ticks the recording re-simulated (equal to `ticks` when nothing was dropped). */
  ticksVerified: number;
  /** Heap in use after the attempt (MB), after a forced collection when available. */
  heapMb: number;
  tickMedianMs: number;
  tickP95Ms: number;
  /** Wall time of the attempt: playing, recording, reporting and re-verifying. */
  wallS: number;
  /** One-minute load average at the attempt's end (what else the machine was doing). */
  load1: number;
}

/** One procedure's growth: the late rounds' medians against the first rounds' after the warm-up. */
export interface ProcedureGrowth {
  procedure: string;
  /** Complete rounds, warm-up included. */
  rounds: number;
  /** The rounds compared: first after the warm-up, and last. Empty when fewer than two rounds followed the warm-up. */
  earlyRounds: number[];
  lateRounds: number[];
  earlyHeapMb: number;
  lateHeapMb: number;
  earlyTickMedianMs: number;
  lateTickMedianMs: number;
  /** Median of the late rounds' 95th percentiles. */
  lateTickP95Ms: number;
  /** Fractions (0.05 is 5 % more), or null without enough rounds. */
  heapGrowth: number | null;
  tickGrowth: number | null;
}

export interface SoakResult {
  minutes: number;
  ticks: number;
  attempts: number;
  wallS: number;
  gc: boolean;
  samples: SoakSample[];
  growth: ProcedureGrowth[];
  problems: string[];
}

/**
 * Per procedure, the medians of its last complete rounds against those of its first rounds after the warm-up
 * (up to three on each side, never overlapping): a problem for each figure that grew more than `limit`.
 */
export function soakGrowth(
  samples: readonly SoakSample[],
  limit = SOAK_GROWTH_LIMIT,
  warmup = SOAK_WARMUP_ROUNDS,
): { growth: ProcedureGrowth[]; problems: string[] } {
  const growth: ProcedureGrowth[] = [];
  const problems: string[] = [];
  const procedures = [...new Set(samples.map((s) => s.procedure))];
  for (const procedure of procedures) {
    const rounds = samples.filter((s) => s.procedure === procedure && s.complete);
    const after = rounds.filter((s) => s.round > warmup);
    const window = Math.min(SOAK_WINDOW_ROUNDS, Math.floor(after.length / 2));
    const early = after.slice(0, window);
    const late = window > 0 ? after.slice(-window) : [];
    const med = (xs: SoakSample[], f: (s: SoakSample) => number): number => (xs.length > 0 ? median(xs.map(f)) : Number.NaN);
    const g: ProcedureGrowth = {
      procedure,
      rounds: rounds.length,
      earlyRounds: early.map((s) => s.round),
      lateRounds: late.map((s) => s.round),
      earlyHeapMb: med(early, (s) => s.heapMb),
      lateHeapMb: med(late, (s) => s.heapMb),
      earlyTickMedianMs: med(early, (s) => s.tickMedianMs),
      lateTickMedianMs: med(late, (s) => s.tickMedianMs),
      lateTickP95Ms: med(late, (s) => s.tickP95Ms),
      heapGrowth: null,
      tickGrowth: null,
    };
    if (window > 0) {
      g.heapGrowth = round3(g.lateHeapMb / g.earlyHeapMb - 1);
      g.tickGrowth = round3(g.lateTickMedianMs / g.earlyTickMedianMs - 1);
      const rs = `rounds ${g.lateRounds.join(', ')} against ${g.earlyRounds.join(', ')}`;
      if (!(g.heapGrowth <= limit)) {
        problems.push(`${procedure}: heap grew ${percent(g.heapGrowth)} (${g.earlyHeapMb} → ${g.lateHeapMb} MB, ${rs}), more than ${percent(limit)}`);
      }
      if (!(g.tickGrowth <= limit)) {
        problems.push(
          `${procedure}: median tick time grew ${percent(g.tickGrowth)} (${g.earlyTickMedianMs} → ${g.lateTickMedianMs} ms, ${rs}), more than ${percent(limit)}`,
        );
      }
    }
    growth.push(g);
  }
  return { growth, problems };
}

interface Performance {
  protocol: Protocol;
  script: KeyframeScript;
  player: KeyframePlayer;
}

function performances(): Performance[] {
  return SOAK_PROCEDURES.map((id) => {
    const loaded = loadProtocol(readFileSync(join(root, 'procedures', `${id}.yaml`), 'utf8'), id);
    if (!loaded.ok) throw new Error(`${id}.yaml does not load`);
    const script = parseKeyframeScript(JSON.parse(readFileSync(join(root, 'assets/experts', `${id}.json`), 'utf8')));
    return { protocol: loaded.protocol, script, player: new KeyframePlayer(script) };
  });
}

const INFO = {
  app: { name: 'scrub', version: 'soak' },
  learner: 'Soak',
  handedness: 'right',
  inputKind: 'script',
  startedAt: '2026-12-07T00:00:00.000Z',
} as const;

/** The path of the first NaN or infinite number in `value` (objects, arrays, typed arrays), or null. */
export function nonFinite(value: unknown, path = 'state'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const i = Array.from(value as unknown as ArrayLike<number>).findIndex((x) => typeof x === 'number' && !Number.isFinite(x));
    return i < 0 ? null : `${path}[${i}]`;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = nonFinite(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Re-verifies a recording made of a finished attempt: re-simulated without a difference, every one of the `ticks`
 * played there, ending at the live attempt's state hash. Returns the ticks re-simulated (0 when the file does
 * not read) and the problems.
 */
export function checkRecording(
  name: string,
  scrub: Uint8Array,
  protocol: Protocol,
  ticks: number,
  stateHash: string,
): { ticksVerified: number; problems: string[] } {
  let verified: ReturnType<Replayer['verify']>;
  try {
    // No seek follows, so no snapshots: they would cost more than the re-simulation.
    verified = Replayer.load(scrub, protocol).verify({ snapshotEvery: 0 });
  } catch (e) {
    return { ticksVerified: 0, problems: [`${name}: the recording does not read (${(e as Error).message})`] };
  }
  const problems: string[] = [];
  if (!verified.ok) problems.push(`${name}: the recording does not re-verify (${verified.divergence?.what ?? 'unknown'})`);
  if (verified.ticks !== ticks) problems.push(`${name}: ${ticks} ticks played, ${verified.ticks} recorded`);
  if (verified.stateHash !== stateHash) problems.push(`${name}: final state hash ${stateHash}, re-simulated ${verified.stateHash}`);
  return { ticksVerified: verified.ticks, problems };
}

/** Plays one performance (at most `ticksLeft` ticks), recording it, then checks state, report and recording. */
function playRecorded(p: Performance, ticksLeft: number, name: string): { ticks: number; ticksVerified: number; tickMs: Float64Array; problems: string[] } {
  const attempt: Attempt = attemptForScript(p.protocol, p.script);
  const recorder = new AttemptRecorder(attempt, INFO, p.script.seed);
  const parts = [recorder.headerBytes];
  const input = idleInput();
  const ticks = Math.min(p.player.ticks, ticksLeft);
  const tickMs = new Float64Array(ticks);
  for (let tick = 0; tick < ticks; tick++) {
    p.player.inputAt(tick, input);
    const t0 = performance.now();
    attempt.tick(input);
    tickMs[tick] = performance.now() - t0;
    const chunk = recorder.afterTick(input);
    if (chunk) parts.push(chunk);
  }
  const problems: string[] = [];
  const badState = nonFinite(attempt.snapshot());
  if (badState) problems.push(`${name}: ${badState} is not a finite number`);
  attempt.finish();
  const badMetric = nonFinite(attempt.report().metrics, 'report.metrics');
  if (badMetric) problems.push(`${name}: ${badMetric} is not a finite number`);
  parts.push(...recorder.afterFinish(INFO.startedAt));
  const checked = checkRecording(name, assembleScrub(parts), p.protocol, ticks, attempt.stateHash());
  problems.push(...checked.problems);
  return { ticks, ticksVerified: checked.ticksVerified, tickMs, problems };
}

/** Runs the soak; `onSample` hears each attempt's sample as it is taken (progress for a long run). */
export function soak(minutes: number, onSample?: (s: SoakSample) => void): SoakResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const all = performances();
  const target = Math.round(minutes * 60 * TICK_HZ);
  const samples: SoakSample[] = [];
  const problems: string[] = [];
  let ticks = 0;
  const started = performance.now();
  for (let round = 1; ticks < target; round++) {
    for (const p of all) {
      if (ticks >= target) break;
      const t0 = performance.now();
      const name = `${p.script.procedure} round ${round}`;
      const played = playRecorded(p, target - ticks, name);
      ticks += played.ticks;
      problems.push(...played.problems);
      gc?.();
      const tickMs = Array.from(played.tickMs);
      const sample: SoakSample = {
        procedure: p.script.procedure,
        round,
        complete: played.ticks === p.player.ticks,
        ticks: played.ticks,
        ticksVerified: played.ticksVerified,
        heapMb: round2(process.memoryUsage().heapUsed / 1e6),
        tickMedianMs: round3(median(tickMs)),
        tickP95Ms: round3(percentile(tickMs, 95)),
        wallS: Math.round((performance.now() - t0) / 100) / 10,
        load1: round2(loadavg()[0]!),
      };
      samples.push(sample);
      onSample?.(sample);
    }
  }
  const growth = soakGrowth(samples);
  return {
    minutes,
    ticks,
    attempts: samples.length,
    wallS: Math.round((performance.now() - started) / 100) / 10,
    gc: gc !== undefined,
    samples,
    growth: growth.growth,
    problems: [...problems, ...growth.problems],
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function percent(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--minutes');
  const minutes = at >= 0 ? Number(args[at + 1]) : 3;
  if (!(minutes > 0)) throw new Error('--minutes wants a positive number');
  const json = args.includes('--json');
  const result = soak(minutes, (s) =>
    console.error(
      `  ${s.procedure} round ${s.round}${s.complete ? '' : ' (partial)'}: ${s.ticks} ticks, ${s.ticksVerified} re-verified, heap ${s.heapMb} MB, tick median ${s.tickMedianMs} ms, p95 ${s.tickP95Ms} ms, ${s.wallS} s, load ${s.load1}`,
    ),
  );
  if (json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      `soak: ${result.minutes} simulated min, ${result.ticks} ticks, ${result.attempts} attempts, ${result.wallS} s wall, gc ${result.gc ? 'forced' : 'not available'}`,
    );
    for (const g of result.growth) {
      const figures =
        g.heapGrowth === null || g.tickGrowth === null
          ? 'fewer than two rounds after the warm-up: no growth figure'
          : `heap ${g.earlyHeapMb} → ${g.lateHeapMb} MB (${percent(g.heapGrowth)}), tick median ${g.earlyTickMedianMs} → ${g.lateTickMedianMs} ms (${percent(g.tickGrowth)})`;
      console.log(`  ${g.procedure}: ${g.rounds} complete rounds; ${figures}`);
    }
  }
  for (const p of result.problems) console.error(`soak: ${p}`);
  if (!result.gc) console.error('soak: no forced collection (run Node with --expose-gc): heap figures are noisy');
  process.exitCode = result.problems.length > 0 ? 1 : 0;
}
