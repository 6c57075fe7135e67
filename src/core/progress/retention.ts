/**
 * Retention checks after a gap. Skill decays within 1–5 months without practice (Scerbo 2017: FLS suturing
 * time +35%), and one refresher nearly restores it. There is no validated surgical spacing schedule; this
 * expands Leitner-style: the first check falls due 30 days after the last attempt, then 60, then 120.
 * A check passes when the attempt passes with no critical error and within 1.2 × the proficiency time;
 * a failed check calls for practice (a refresher) until one proficient attempt, and restarts the intervals.
 */
import { isProficient } from '../scoring/proficiency.ts';
import { type AttemptRecord, DAY_MS, type ProcedurePlan, attemptsOf, hasCritical, ruleOf, timed } from './history.ts';

export const RETENTION_INTERVAL_DAYS: readonly number[] = [30, 60, 120];
export const RETENTION_TIME_FACTOR = 1.2;

export interface RetentionState {
  /** When the next check falls due, ms since the epoch. */
  dueAtMs: number;
  due: boolean;
  intervalDays: number;
  /** The last check failed: practise until a proficient attempt. */
  refresherNeeded: boolean;
}

/** Null until the learner is proficient (`proficientAtMs` from {@link procedureStatus}). */
export function retentionState(history: readonly AttemptRecord[], plan: ProcedurePlan, proficientAtMs: number | null, nowMs: number): RetentionState | null {
  if (proficientAtMs === null) return null;
  const rule = ruleOf(plan);
  let level = 0;
  let last = proficientAtMs;
  let refresher = false;
  for (const a of attemptsOf(history, plan.id)) {
    if (a.endedAtMs <= proficientAtMs) continue;
    const isCheck = a.endedAtMs - last >= RETENTION_INTERVAL_DAYS[level]! * DAY_MS;
    if (isCheck) {
      refresher = !retained(a, plan);
      level = refresher ? 0 : Math.min(level + 1, RETENTION_INTERVAL_DAYS.length - 1);
    } else if (refresher && isProficient(timed(a), rule)) {
      refresher = false;
    }
    last = a.endedAtMs;
  }
  const intervalDays = RETENTION_INTERVAL_DAYS[level]!;
  const dueAtMs = last + intervalDays * DAY_MS;
  return { dueAtMs, due: nowMs >= dueAtMs, intervalDays, refresherNeeded: refresher };
}

function retained(a: AttemptRecord, plan: ProcedurePlan): boolean {
  const limit = plan.proficiency?.maxTimeSec;
  return a.report.passed && !hasCritical(a) && (limit === undefined || a.timeSec <= RETENTION_TIME_FACTOR * limit);
}
