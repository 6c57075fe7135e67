/**
 * The soak: an accelerated session headless in Node — the expert scripts of every procedure in turn, each an
 * attempt driven through the same core `tick` and recorded to a .scrub as it runs, for `--minutes` simulated
 * minutes (3 by default; 60 for the full soak). It samples the heap (after a forced collection when Node runs
 * with --expose-gc) and the tick time per round of procedures, and checks that no state holds NaN, that each
 * recording re-verifies with nothing dropped, and that neither heap nor tick time grows by more than 10 % after
 * the first round (the warm-up). `npm run soak -- --minutes 60 [--json]`; exit 1 when a check fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attempt } from '../src/core/attempt/attempt.ts';
import { TICK_HZ, idleInput } from '../src/core/kernel/index.ts';
import { type Protocol, loadProtocol } from '../src/core/procedure/index.ts';
import { KeyframePlayer, type KeyframeScript, parseKeyframeScript } from '../src/core/recording/keyframes.ts';
import { attemptForScript } from '../src/core/recording/play.ts';
import { AttemptRecorder, Replayer } from '../src/core/recording/replayer.ts';
import { assembleScrub } from '../src/core/recording/scrub-file.ts';
import { median } from './harness.ts';

const root = join(import.meta.dirname, '..');
export const SOAK_PROCEDURES = ['lap-chole-cvs', 'fls-peg-transfer', 'interrupted-suture', 'elliptical-excision'] as const;
/** Growth allowed after the warm-up round, as a fraction. */
export const SOAK_GROWTH_LIMIT = 0.1;

export interface SoakRound {
  /** Simulated seconds at the end of the round. */
  simulatedS: number;
  /** Heap in use after the round (MB), after a forced collection if available. */
  heapMb: number;
  /** Median and 99th-percentile tick time in the round, ms. */
  tickMedianMs: number;
  tickP99Ms: number;
}

export interface SoakResult {
  minutes: number;
  ticks: number;
  attempts: number;
  wallS: number;
  gc: boolean;
  rounds: SoakRound[];
  /** Last round against the warm-up round (the first), as fractions: 0.05 is 5 % more. */
  heapGrowth: number;
  tickGrowth: number;
  problems: string[];
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

/** Whether any number in the attempt's snapshot is NaN or infinite (the path of the first, or null). */
function nonFinite(value: unknown, path = 'state'): string | null {
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

/** Plays one performance, recording it; returns its tick times and any problem. */
function playRecorded(p: Performance, ticksLeft: number, tickMs: number[]): { ticks: number; problems: string[] } {
  const attempt: Attempt = attemptForScript(p.protocol, p.script);
  const recorder = new AttemptRecorder(attempt, INFO, p.script.seed);
  const parts = [recorder.headerBytes];
  const input = idleInput();
  const ticks = Math.min(p.player.ticks, ticksLeft);
  for (let tick = 0; tick < ticks; tick++) {
    p.player.inputAt(tick, input);
    const t0 = performance.now();
    attempt.tick(input);
    tickMs.push(performance.now() - t0);
    const chunk = recorder.afterTick(input);
    if (chunk) parts.push(chunk);
  }
  const problems: string[] = [];
  const bad = nonFinite(attempt.snapshot());
  if (bad) problems.push(`${p.script.procedure}: ${bad} is not a finite number`);
  attempt.finish();
  parts.push(...recorder.afterFinish(INFO.startedAt));
  const verified = Replayer.load(assembleScrub(parts), p.protocol).verify();
  if (!verified.ok) problems.push(`${p.script.procedure}: the recording does not re-verify (${verified.divergence?.what ?? 'unknown'})`);
  else if (verified.ticks !== ticks) problems.push(`${p.script.procedure}: ${ticks} ticks played, ${verified.ticks} recorded`);
  return { ticks, problems };
}

export function soak(minutes: number): SoakResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const all = performances();
  const target = Math.round(minutes * 60 * TICK_HZ);
  const rounds: SoakRound[] = [];
  const problems: string[] = [];
  let ticks = 0;
  let attempts = 0;
  const started = performance.now();
  while (ticks < target) {
    const tickMs: number[] = [];
    for (const p of all) {
      if (ticks >= target) break;
      const played = playRecorded(p, target - ticks, tickMs);
      ticks += played.ticks;
      attempts++;
      problems.push(...played.problems);
    }
    gc?.();
    const sorted = tickMs.sort((a, b) => a - b);
    rounds.push({
      simulatedS: Math.round(ticks / TICK_HZ),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e4) / 100,
      tickMedianMs: Math.round(median(sorted) * 1000) / 1000,
      tickP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)]! * 1000) / 1000,
    });
  }
  // Growth: the last complete round against the first (the warm-up); a partial last round is not compared.
  const complete = rounds.length > 1 && ticks % roundTicks(all) !== 0 ? rounds.slice(0, -1) : rounds;
  const first = complete[0]!;
  const last = complete.at(-1)!;
  const heapGrowth = round3(last.heapMb / first.heapMb - 1);
  const tickGrowth = round3(last.tickMedianMs / first.tickMedianMs - 1);
  if (heapGrowth > SOAK_GROWTH_LIMIT) problems.push(`heap grew ${Math.round(heapGrowth * 100)} % after the warm-up round`);
  if (tickGrowth > SOAK_GROWTH_LIMIT) problems.push(`median tick time grew ${Math.round(tickGrowth * 100)} % after the warm-up round`);
  return {
    minutes,
    ticks,
    attempts,
    wallS: Math.round((performance.now() - started) / 100) / 10,
    gc: gc !== undefined,
    rounds,
    heapGrowth,
    tickGrowth,
    problems,
  };
}

function roundTicks(all: Performance[]): number {
  return all.reduce((n, p) => n + p.player.ticks, 0);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--minutes');
  const minutes = at >= 0 ? Number(args[at + 1]) : 3;
  if (!(minutes > 0)) throw new Error('--minutes wants a positive number');
  const result = soak(minutes);
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      `soak: ${result.minutes} simulated min, ${result.ticks} ticks, ${result.attempts} attempts, ${result.wallS} s wall, gc ${result.gc ? 'forced' : 'not available'}`,
    );
    for (const r of result.rounds) console.log(`  ${r.simulatedS} s: heap ${r.heapMb} MB, tick median ${r.tickMedianMs} ms, p99 ${r.tickP99Ms} ms`);
    console.log(`  growth after warm-up: heap ${Math.round(result.heapGrowth * 1000) / 10} %, tick ${Math.round(result.tickGrowth * 1000) / 10} %`);
    for (const p of result.problems) console.error(`soak: ${p}`);
  }
  process.exitCode = result.problems.length > 0 ? 1 : 0;
}
