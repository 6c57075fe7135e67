/**
 * The adaptive next step across the curriculum: learn until the steps are known, practise to the
 * benchmark on every required variant, assess to confirm, and come back for retention checks.
 */
import type { Mode } from '../procedure/schema.ts';
import { type AttemptRecord, DAY_MS, type ProcedurePlan } from './history.ts';
import { type HintLevel, drillStep, hintLevel, nextVariant } from './practice.ts';
import { type RetentionState, retentionState } from './retention.ts';
import { type ProcedureStatus, procedureStatus } from './status.ts';

export type Reason =
  | 'first-task'
  | 'retention-check'
  | 'refresher'
  | 'learn-steps'
  | 'practise-to-benchmark'
  | 'meet-variant'
  | 'confirm-by-assessment'
  | 'start-next'
  | 'keep-fresh';

export interface Recommendation {
  procedure: string;
  mode: Mode;
  reason: Reason;
  /** A sentence for the home screen, in English (views word it from `reason` and `figures` in the learner's language). */
  message: string;
  /** The figures the sentence names: days since the last attempt, attempts still needed, the run so far, minutes, the patient. */
  figures: { days?: number; remaining?: number; inARow?: number; minutes?: number; variant?: string };
  variant: string | null;
  /** The step to start a drill at ("drill this step"), when one stands out. */
  drillStep: string | null;
  hints: HintLevel;
}

export interface ProcedureProgress {
  status: ProcedureStatus;
  retention: RetentionState | null;
}

export function progressOf(history: readonly AttemptRecord[], plan: ProcedurePlan, nowMs: number): ProcedureProgress {
  const status = procedureStatus(history, plan);
  return { status, retention: retentionState(history, plan, status.proficientAtMs, nowMs) };
}

/** One recommendation, from the plans in curriculum order; null for an empty curriculum. */
export function recommend(history: readonly AttemptRecord[], plans: readonly ProcedurePlan[], nowMs: number): Recommendation | null {
  const all = plans.map((plan) => ({ plan, ...progressOf(history, plan, nowMs) }));
  const make = (
    entry: (typeof all)[number],
    mode: Mode,
    reason: Reason,
    message: string,
    figures: Recommendation['figures'] = {},
    variant?: string | null,
  ): Recommendation => ({
    procedure: entry.plan.id,
    mode,
    reason,
    message,
    figures,
    variant: variant !== undefined ? variant : mode === 'learn' ? (entry.plan.variants[0] ?? null) : nextVariant(history, entry.plan),
    drillStep: mode === 'practice' ? drillStep(history, entry.plan.id) : null,
    hints: mode === 'assess' ? 'none' : hintLevel(history, entry.plan.id),
  });

  const refresher = all.find((e) => e.retention?.refresherNeeded);
  if (refresher) return make(refresher, 'practice', 'refresher', `Practise ${refresher.plan.id}: the last retention check was below the benchmark`);
  const due = all.filter((e) => e.retention?.due).sort((a, b) => a.retention!.dueAtMs - b.retention!.dueAtMs)[0];
  if (due) {
    const days = Math.floor((nowMs - (due.status.lastAttemptMs ?? nowMs)) / DAY_MS);
    return make(due, 'assess', 'retention-check', `Retention check on ${due.plan.id}: ${days} days since your last attempt`, { days });
  }

  // Carry on with the procedure in progress that was touched last, else start the next one.
  const inProgress = all
    .filter((e) => e.status.stage !== 'not-started' && e.status.stage !== 'proficient')
    .sort((a, b) => (b.status.lastAttemptMs ?? 0) - (a.status.lastAttemptMs ?? 0))[0];
  if (inProgress) {
    const { stage, proficiency, missingVariants } = inProgress.status;
    const id = inProgress.plan.id;
    if (stage === 'learning') return make(inProgress, 'learn', 'learn-steps', `Learn ${id}: complete every step twice in a row`);
    if (stage === 'assessing') return make(inProgress, 'assess', 'confirm-by-assessment', `Confirm ${id} in an assessment: you have reached the benchmark`);
    if (proficiency.achieved && missingVariants[0] !== undefined) {
      return make(
        inProgress,
        'practice',
        'meet-variant',
        `Practise ${id} on the ${missingVariants[0]} patient before you can be proficient`,
        { variant: missingVariants[0] },
        missingVariants[0],
      );
    }
    const n = proficiency.remaining;
    return make(
      inProgress,
      'practice',
      'practise-to-benchmark',
      `Practise ${id}: ${n} more proficient attempt${n === 1 ? '' : 's'} needed (${proficiency.currentRun} in a row so far)`,
      { remaining: n, inARow: proficiency.currentRun },
    );
  }
  // Not started yet: the easiest first (introductory, then intermediate, then advanced; the shorter first among equals).
  const next = all.filter((e) => e.status.stage === 'not-started').sort((a, b) => easeOrder(a.plan, b.plan))[0];
  if (next && history.length === 0) {
    const { id, estimatedMinutes } = next.plan;
    return make(
      next,
      'learn',
      'first-task',
      `Start with ${id} in Learn mode: a short introductory task (about ${estimatedMinutes} min) to learn the controls and the basic hand–eye skills before the procedures that build on them`,
      { minutes: estimatedMinutes },
    );
  }
  if (next) return make(next, 'learn', 'start-next', `Start ${next.plan.id} in Learn mode`);
  const soonest = all.filter((e) => e.retention).sort((a, b) => a.retention!.dueAtMs - b.retention!.dueAtMs)[0];
  return soonest ? make(soonest, 'practice', 'keep-fresh', `Keep ${soonest.plan.id} fresh: its retention check is next`) : null;
}

const DIFFICULTY_RANK = { introductory: 0, intermediate: 1, advanced: 2 } as const;

function easeOrder(a: ProcedurePlan, b: ProcedurePlan): number {
  return DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || a.estimatedMinutes - b.estimatedMinutes;
}
