/**
 * Where a learner stands on a procedure: learning (until the steps are known), practising (to the
 * benchmark, on every required patient variant), confirming with an assessment, proficient.
 */
import { isProficient, proficiencyStatus, type ProficiencyStatus } from '../scoring/proficiency.ts';
import { type AttemptRecord, type ProcedurePlan, allStepsCompleted, attemptsOf, hasCritical, ruleOf, timed } from './history.ts';

/** Steps are known after this many attempts in a row with every step done and no critical error. */
export const KNOWN_AFTER = 2;

export type Stage = 'not-started' | 'learning' | 'practising' | 'assessing' | 'proficient';

export interface ProcedureStatus {
  procedure: string;
  stage: Stage;
  /** The benchmark rule over practice and assess attempts (learn attempts have guidance and do not count). */
  proficiency: ProficiencyStatus;
  /** Required variants not yet passed. */
  missingVariants: string[];
  attempts: number;
  lastAttemptMs: number | null;
  /** When proficiency was first reached (the confirming assessment), or null. */
  proficientAtMs: number | null;
}

/** Known once, known: after KNOWN_AFTER attempts in a row with every step done and no critical error. */
export function stepsKnown(attempts: readonly AttemptRecord[]): boolean {
  let run = 0;
  for (const a of attempts) {
    run = allStepsCompleted(a) && !hasCritical(a) ? run + 1 : 0;
    if (run >= KNOWN_AFTER) return true;
  }
  return false;
}

export function procedureStatus(history: readonly AttemptRecord[], plan: ProcedurePlan): ProcedureStatus {
  const attempts = attemptsOf(history, plan.id);
  const rule = ruleOf(plan);
  const counted = attempts.filter((a) => a.mode !== 'learn');
  const proficiency = proficiencyStatus(counted.map(timed), rule);
  const passedVariants = new Set(counted.filter((a) => a.report.passed).map((a) => a.variant));
  const missingVariants = plan.requiredVariants.filter((v) => !passedVariants.has(v));
  const proficientAtMs = confirmedAt(counted, plan);
  let stage: Stage;
  if (attempts.length === 0) stage = 'not-started';
  else if (proficientAtMs !== null) stage = 'proficient';
  else if (!stepsKnown(attempts)) stage = 'learning';
  else if (proficiency.achieved && missingVariants.length === 0) stage = 'assessing';
  else stage = 'practising';
  return {
    procedure: plan.id,
    stage,
    proficiency,
    missingVariants,
    attempts: attempts.length,
    lastAttemptMs: attempts.at(-1)?.endedAtMs ?? null,
    proficientAtMs,
  };
}

/** The first passed, proficient assess attempt made once the benchmark and the required variants were met. */
function confirmedAt(counted: readonly AttemptRecord[], plan: ProcedurePlan): number | null {
  const rule = ruleOf(plan);
  for (let i = 0; i < counted.length; i++) {
    const a = counted[i]!;
    if (a.mode !== 'assess' || !a.report.passed || !isProficient(timed(a), rule)) continue;
    const before = counted.slice(0, i + 1);
    const passedVariants = new Set(before.filter((b) => b.report.passed).map((b) => b.variant));
    if (proficiencyStatus(before.map(timed), rule).achieved && plan.requiredVariants.every((v) => passedVariants.has(v))) return a.endedAtMs;
  }
  return null;
}
