/**
 * The goal of the issue "Made for human hands", for one procedure: played by human hands (human-hand.ts:
 * tremor A, 2 mm drift corrected by sight, uneven timing), at A = 1 mm it completes every step with no finding
 * the plain expert did not earn in ≥ 90 % of the seeds, and at A = 2 mm it still completes in every seed.
 * SCRUB_HUMAN_SEEDS seeds (default 10: the table). Prints the procedure's row of the table.
 */
import { describe, expect, it } from 'vitest';
import { type HumanRun, humanRun, humanTable } from './human-table.ts';

const SEEDS = Number(process.env.SCRUB_HUMAN_SEEDS ?? 10);
const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);

export function humanGoal(procedure: string): void {
  describe(`${procedure} by human hands (2 mm drift, uneven timing, ${SEEDS} seeds)`, () => {
    const runs: HumanRun[] = [];

    it(`at A = 1 mm completes every step with no unearned finding in ≥ 90 % of the seeds`, () => {
      const cell = seeds.map((seed) => humanRun(procedure, 0.001, seed));
      runs.push(...cell);
      const failed = cell
        .filter((r) => !r.clean)
        .map((r) => ({ seed: r.seed, errors: r.errors.map((e) => e.code), undone: r.steps.filter((s) => s.status !== 'completed').map((s) => s.id) }));
      expect(cell.length - failed.length, JSON.stringify(failed)).toBeGreaterThanOrEqual(0.9 * cell.length);
    }, 900_000);

    it(`at A = 2 mm completes every step in every seed`, () => {
      const cell = seeds.map((seed) => humanRun(procedure, 0.002, seed));
      runs.push(...cell);
      console.log(humanTable(runs, [procedure], [0.001, 0.002]));
      expect(cell.filter((r) => !r.complete).map((r) => ({ seed: r.seed, undone: r.steps.filter((s) => s.status !== 'completed').map((s) => s.id) }))).toEqual(
        [],
      );
    }, 900_000);
  });
}
