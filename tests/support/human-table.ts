/**
 * The experts played by human hands (human-hand.ts: tremor A, 2 mm drift corrected by sight, uneven timing)
 * and what came of it: one run per procedure × amplitude × seed, and the table of them. Shared by
 * scripts/human-table.ts and tests/unit/experts/human-hands.test.ts.
 *
 * Complete: every step instance completed. Clean: complete, and no error whose code the plain expert run
 * (tick by tick, no tremor or drift) does not also raise.
 */
import { TICK_HZ } from '../../src/core/kernel/clock.ts';
import { play } from './experts.ts';
import { playHuman } from './human-hand.ts';
import { aimAtObjects } from './aim-at-objects.ts';

export const PROCEDURES = ['fls-peg-transfer', 'lap-chole-cvs', 'interrupted-suture', 'elliptical-excision'] as const;

/** Procedures where the person aims at this run's loose objects (rings, the needle), not at the expert's (aim-at-objects.ts). */
export const AIM_AT_OBJECTS: ReadonlySet<string> = new Set(['fls-peg-transfer', 'interrupted-suture']);

export interface HumanRun {
  procedure: string;
  /** Tremor amplitude, metres. */
  amplitude: number;
  seed: number;
  complete: boolean;
  clean: boolean;
  steps: { id: string; status: string }[];
  /** `t`: seconds of the attempt; `scriptT`: the script's time the hand was at then; `unearned`: not in the plain run. */
  errors: { code: string; step: string | null; t: number; scriptT: number; unearned: boolean }[];
  /** Wall-clock seconds the run took. */
  wallSec: number;
}

const plainCodes = new Map<string, Set<string>>();

/** The error codes of the plain expert run (played once per process). */
function earned(procedure: string): Set<string> {
  let codes = plainCodes.get(procedure);
  if (!codes)
    plainCodes.set(
      procedure,
      (codes = new Set(
        play(procedure)
          .report()
          .errors.map((e) => e.code),
      )),
    );
  return codes;
}

export function humanRun(procedure: string, amplitude: number, seed: number): HumanRun {
  const plain = earned(procedure);
  const start = performance.now();
  const aim = AIM_AT_OBJECTS.has(procedure) ? { aim: aimAtObjects } : {};
  const { report, scriptTicks } = playHuman(procedure, { amplitude, seed, timing: 'uneven', ...aim });
  const wallSec = (performance.now() - start) / 1000;
  const complete = report.steps.every((s) => s.status === 'completed');
  const errors = report.errors.map((e) => {
    const tick = Math.min(scriptTicks.length - 1, Math.round(e.t * TICK_HZ));
    return { code: e.code, step: e.step, t: e.t, scriptT: scriptTicks[tick]! / TICK_HZ, unearned: !plain.has(e.code) };
  });
  return {
    procedure,
    amplitude,
    seed,
    complete,
    clean: complete && errors.every((e) => !e.unearned),
    steps: report.steps.map((s) => ({ id: s.id, status: s.status })),
    errors,
    wallSec,
  };
}

/** `| procedure | A = 0 | A = 0.5 mm | … |`, each cell "k/n complete, m clean", then error codes and steps left undone, with counts. */
export function humanTable(runs: readonly HumanRun[], procedures: readonly string[], amplitudes: readonly number[]): string {
  const head = amplitudes.map((a) => (a === 0 ? 'A = 0' : `A = ${+(a * 1000).toFixed(3)} mm`));
  const lines = [`| procedure | ${head.join(' | ')} |`, `|---|${head.map(() => '---|').join('')}`];
  for (const procedure of procedures) {
    const cells = amplitudes.map((amplitude) => {
      const cell = runs.filter((r) => r.procedure === procedure && r.amplitude === amplitude);
      const errors = counts(cell.flatMap((r) => r.errors.map((e) => e.code)));
      const undone = counts(cell.flatMap((r) => r.steps.filter((s) => s.status !== 'completed').map((s) => s.id)));
      return [
        `${cell.filter((r) => r.complete).length}/${cell.length} complete, ${cell.filter((r) => r.clean).length} clean`,
        ...errors.map(([code, n]) => `${code} ×${n}`),
        ...undone.map(([id, n]) => `undone ${id} ×${n}`),
      ].join('; ');
    });
    lines.push(`| ${procedure} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Each distinct value and how often it occurs, most frequent first. */
function counts(values: readonly string[]): [string, number][] {
  const n = new Map<string, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1]);
}
