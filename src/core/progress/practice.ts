/** What to practise within a procedure: the step to drill, how much hinting, which patient variant next. */
import { stepFailures } from './dashboard.ts';
import { type AttemptRecord, type ProcedurePlan, attemptsOf } from './history.ts';

/** The step failed most in the recent attempts (see {@link stepFailures}); null when nothing failed. */
export function drillStep(history: readonly AttemptRecord[], procedure: string): string | null {
  return stepFailures(history, procedure)[0]?.step ?? null;
}

export type HintLevel = 'auto' | 'on-request' | 'none';
const LEVELS: readonly HintLevel[] = ['auto', 'on-request', 'none'];
/** Successes in a row that fade hints one level. */
export const FADE_AFTER = 2;

/**
 * Hints fade as the learner succeeds: automatic at first, on request after FADE_AFTER clean attempts in a row,
 * none after FADE_AFTER more; a failed attempt brings them back one level. Clean = passed with every step done
 * and no errors.
 */
export function hintLevel(history: readonly AttemptRecord[], procedure: string): HintLevel {
  let level = 0;
  let streak = 0;
  for (const a of attemptsOf(history, procedure)) {
    const clean = a.report.passed && a.report.errors.length === 0 && a.report.steps.every((s) => s.status === 'completed');
    if (clean) {
      streak++;
      if (streak >= FADE_AFTER) {
        level = Math.min(LEVELS.length - 1, level + 1);
        streak = 0;
      }
    } else {
      level = Math.max(0, level - 1);
      streak = 0;
    }
  }
  return LEVELS[level]!;
}

/**
 * The patient variant for the next practice or assess attempt: the one met least often, in plan order,
 * ties going to a required variant not yet passed. The learner thus meets every variant (the double cystic
 * artery included) while practising; {@link recommend} insists on a missing one once the benchmark is reached.
 */
export function nextVariant(history: readonly AttemptRecord[], plan: ProcedurePlan): string | null {
  const attempts = attemptsOf(history, plan.id).filter((a) => a.mode !== 'learn');
  const passed = new Set(attempts.filter((a) => a.report.passed).map((a) => a.variant));
  const rank = (v: string): number => 2 * attempts.filter((a) => a.variant === v).length - (plan.requiredVariants.includes(v) && !passed.has(v) ? 1 : 0);
  let best: string | null = null;
  for (const v of plan.variants) if (best === null || rank(v) < rank(best)) best = v;
  return best;
}
