/**
 * The goal of the issue "Made for human hands", for one procedure: played by human hands (human-hand.ts:
 * tremor A, 2 mm drift corrected by sight, uneven timing), at A = 1 mm it completes every step with no finding
 * the plain expert did not earn in ≥ 90 % of the seeds, and at A = 2 mm it still completes in every seed.
 * SCRUB_HUMAN_SEEDS seeds (default 10: the issue's table). Prints the procedure's row of the table.
 */
import { describe, expect, it } from 'vitest';
import { type HumanRun, humanRun, humanTable } from './human-table.ts';

const SEEDS = Number(process.env.SCRUB_HUMAN_SEEDS ?? 10);
const seeds = Array.from({ length: SEEDS }, (_, i) => i + 1);

/**
 * `completeAt2mm`: the share of seeds that must complete at A = 2 mm — 1, the goal, unless a procedure does not
 * meet it yet; then its floor as measured, so that it cannot slip back unseen, and docs/human-hands.md says why.
 */
export function humanGoal(procedure: string, completeAt2mm = 1): void {
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

    it(`at A = 2 mm completes every step in ${completeAt2mm === 1 ? 'every seed' : `≥ ${completeAt2mm * 100} % of the seeds (the goal, every seed, is not met yet)`}`, () => {
      const cell = seeds.map((seed) => humanRun(procedure, 0.002, seed));
      runs.push(...cell);
      console.log(humanTable(runs, [procedure], [0.001, 0.002]));
      const undone = cell.filter((r) => !r.complete).map((r) => ({ seed: r.seed, undone: r.steps.filter((s) => s.status !== 'completed').map((s) => s.id) }));
      expect(cell.length - undone.length, JSON.stringify(undone)).toBeGreaterThanOrEqual(completeAt2mm * cell.length);
    }, 900_000);
  });
}
