/**
 * Proficiency-based progression (Ritter & Scott 2007; Gallagher/Seymour): an attempt is proficient when it
 * is at or under the benchmark time and within the allowed errors; the task is mastered after a run of
 * `consecutive` proficient attempts and `consecutive + additional` proficient attempts in all
 * (FLS peg transfer: ≤ 48 s, no drop outside the view, 2 in a row + 10 more).
 */
import type { ReportError } from './report.ts';

export interface ProficiencyRule {
  maxTimeSec?: number;
  /** Most errors allowed, keyed by error code or by severity (minor/major/critical). */
  maxErrors?: Readonly<Record<string, number>>;
  consecutive: number;
  additional: number;
  maxAttempts?: number;
}

export interface TimedAttempt {
  timeSec: number;
  errors: readonly Pick<ReportError, 'code' | 'severity'>[];
  /** Attempts that did not finish (abandoned, over the cutoff) are never proficient. */
  finished: boolean;
}

/** The UTSW rule for FLS peg transfer (procedures/fls-peg-transfer.yaml carries the same). */
export const FLS_PEG_TRANSFER: ProficiencyRule = {
  maxTimeSec: 48,
  maxErrors: { 'drop-out-of-view': 0 },
  consecutive: 2,
  additional: 10,
  maxAttempts: 80,
};

export function isProficient(attempt: TimedAttempt, rule: ProficiencyRule): boolean {
  if (!attempt.finished) return false;
  if (rule.maxTimeSec !== undefined && attempt.timeSec > rule.maxTimeSec) return false;
  for (const [key, max] of Object.entries(rule.maxErrors ?? {})) {
    const count = attempt.errors.filter((e) => e.code === key || e.severity === key).length;
    if (count > max) return false;
  }
  return true;
}

export interface ProficiencyStatus {
  attempts: number;
  proficientAttempts: number;
  /** Proficient attempts in a row, ending with the latest. */
  currentRun: number;
  /** Whether a run of `consecutive` has happened. */
  runAchieved: boolean;
  achieved: boolean;
  /** Proficient attempts still needed (0 when achieved). */
  remaining: number;
  /** The attempt cap was reached without proficiency. */
  capReached: boolean;
}

/** Status after the attempts, oldest first. */
export function proficiencyStatus(attempts: readonly TimedAttempt[], rule: ProficiencyRule): ProficiencyStatus {
  let proficient = 0;
  let run = 0;
  let runAchieved = false;
  for (const attempt of attempts) {
    if (isProficient(attempt, rule)) {
      proficient++;
      run++;
      if (run >= rule.consecutive) runAchieved = true;
    } else {
      run = 0;
    }
  }
  const needed = rule.consecutive + rule.additional;
  const achieved = runAchieved && proficient >= needed;
  const remaining = achieved ? 0 : Math.max(needed - proficient, runAchieved ? 0 : rule.consecutive - run);
  return {
    attempts: attempts.length,
    proficientAttempts: proficient,
    currentRun: run,
    runAchieved,
    achieved,
    remaining,
    capReached: !achieved && rule.maxAttempts !== undefined && attempts.length >= rule.maxAttempts,
  };
}
