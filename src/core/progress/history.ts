/** A learner's attempts as the progress functions read them: stored attempts, dates included (the core reads no clock). */
import type { Mode } from '../procedure/schema.ts';
import type { AttemptReport } from '../scoring/report.ts';
import type { ProficiencyRule, TimedAttempt } from '../scoring/proficiency.ts';

export interface AttemptRecord {
  procedure: string;
  mode: Mode;
  variant: string;
  /** When the attempt ended, ms since the epoch, from the stored attempt. */
  endedAtMs: number;
  /** The timed part of the attempt, s. */
  timeSec: number;
  report: AttemptReport;
}

/** What the curriculum says about one procedure. */
export interface ProcedurePlan {
  id: string;
  /** Its variants (virtual patients), in the order to rotate through. */
  variants: readonly string[];
  /** Variants the learner must have passed before being called proficient (e.g. the double cystic artery). */
  requiredVariants: readonly string[];
  /** The protocol's proficiency rule; without one, a passed attempt is proficient and one suffices. */
  proficiency: ProficiencyRule | null;
  /** From the protocol: new learners start with the shortest introductory procedure, and easier ones come first. */
  difficulty: 'introductory' | 'intermediate' | 'advanced';
  estimatedMinutes: number;
}

export const DAY_MS = 86_400_000;

/** The procedure's attempts, oldest first. */
export function attemptsOf(history: readonly AttemptRecord[], procedure: string): AttemptRecord[] {
  return history.filter((a) => a.procedure === procedure).sort((a, b) => a.endedAtMs - b.endedAtMs);
}

export function allStepsCompleted(a: AttemptRecord): boolean {
  return a.report.steps.length > 0 && a.report.steps.every((s) => s.status === 'completed');
}

export function hasCritical(a: AttemptRecord): boolean {
  return a.report.errors.some((e) => e.severity === 'critical');
}

export function timed(a: AttemptRecord): TimedAttempt {
  return { timeSec: a.timeSec, errors: a.report.errors, finished: allStepsCompleted(a) };
}

export function ruleOf(plan: ProcedurePlan): ProficiencyRule {
  return plan.proficiency ?? { consecutive: 1, additional: 0 };
}
