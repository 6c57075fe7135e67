/** The dashboard's figures per procedure: learning curves, the weakest steps, the most frequent errors. */
import { isProficient } from '../scoring/proficiency.ts';
import type { Severity } from '../scoring/report.ts';
import type { Mode } from '../procedure/schema.ts';
import { type AttemptRecord, type ProcedurePlan, attemptsOf, ruleOf, timed } from './history.ts';

export interface CurvePoint {
  /** 1-based, in the order attempted. */
  attempt: number;
  endedAtMs: number;
  mode: Mode;
  variant: string;
  timeSec: number;
  errors: number;
  score: number;
  passed: boolean;
  proficient: boolean;
}

export function learningCurve(history: readonly AttemptRecord[], plan: ProcedurePlan): CurvePoint[] {
  const rule = ruleOf(plan);
  return attemptsOf(history, plan.id).map((a, i) => ({
    attempt: i + 1,
    endedAtMs: a.endedAtMs,
    mode: a.mode,
    variant: a.variant,
    timeSec: a.timeSec,
    errors: a.report.errors.length,
    score: a.report.score,
    passed: a.report.passed,
    proficient: isProficient(timed(a), rule),
  }));
}

/** Attempts looked at for the weakest steps and "drill this step". */
export const RECENT_WINDOW = 10;

/**
 * Failures per step over the recent attempts: errors attributed to it, plus one for each attempt that left it
 * undone. Most failed first; ties in step order. Steps that never failed are left out.
 */
export function stepFailures(history: readonly AttemptRecord[], procedure: string, recent = RECENT_WINDOW): { step: string; failures: number }[] {
  const counts = new Map<string, number>();
  const bump = (step: string, by: number): void => void counts.set(step, (counts.get(step) ?? 0) + by);
  for (const a of attemptsOf(history, procedure).slice(-recent)) {
    for (const step of a.report.steps) bump(step.id, step.status === 'completed' ? 0 : 1);
    for (const e of a.report.errors) if (e.step !== null) bump(e.step, 1);
  }
  return [...counts]
    .map(([step, failures], order) => ({ step, failures, order }))
    .filter((s) => s.failures > 0)
    .sort((a, b) => b.failures - a.failures || a.order - b.order)
    .map(({ step, failures }) => ({ step, failures }));
}

/** Error codes over the recent attempts, most frequent first (ties: the more severe, then the earlier seen). */
export function errorCodeCounts(
  history: readonly AttemptRecord[],
  procedure: string,
  recent = RECENT_WINDOW,
): { code: string; severity: Severity; count: number }[] {
  const counts = new Map<string, { code: string; severity: Severity; count: number }>();
  for (const a of attemptsOf(history, procedure).slice(-recent)) {
    for (const e of a.report.errors) {
      const entry = counts.get(e.code) ?? { code: e.code, severity: e.severity, count: 0 };
      entry.count++;
      counts.set(e.code, entry);
    }
  }
  const rank: Record<Severity, number> = { critical: 0, major: 1, minor: 2 };
  return [...counts.values()]
    .map((c, order) => ({ c, order }))
    .sort((a, b) => b.c.count - a.c.count || rank[a.c.severity] - rank[b.c.severity] || a.order - b.order)
    .map(({ c }) => c);
}
