/** Attempt scores: checklist (weighted steps) and FLS-style time-penalty, with error penalties. */
import type { Severity } from '../procedure/schema.ts';

export interface Penalties {
  bySeverity?: Partial<Record<Severity, number>>;
  /** Overrides bySeverity for these codes. */
  byCode?: Readonly<Record<string, number>>;
}

/** Sum of the penalties of the errors: by code where given, else by severity, else 0. */
export function penaltyTotal(errors: readonly { code: string; severity: Severity }[], penalties: Penalties = {}): number {
  let total = 0;
  for (const e of errors) total += penalties.byCode?.[e.code] ?? penalties.bySeverity?.[e.severity] ?? 0;
  return total;
}

/** 100 × (weight of completed steps / total weight) − penalty, floored at 0. Weights default to 1. */
export function checklistScore(steps: readonly { id: string; status: string }[], weights: Readonly<Record<string, number>> = {}, penalty = 0): number {
  let done = 0;
  let total = 0;
  for (const step of steps) {
    const w = weights[step.id] ?? 1;
    total += w;
    if (step.status === 'completed') done += w;
  }
  return total > 0 ? Math.max(0, (100 * done) / total - penalty) : 0;
}

export interface TimePenaltyInput {
  cutoffSec: number;
  timeSec: number;
  penalty: number;
  /** An auto-zero event (e.g. drain avulsion in FLS suturing). */
  zero?: boolean;
}

/** FLS/MISTELS raw score: cutoff − time − penalty, floored at 0; 0 past the cutoff or on an auto-zero event. */
export function timePenaltyScore({ cutoffSec, timeSec, penalty, zero = false }: TimePenaltyInput): number {
  if (zero || timeSec > cutoffSec) return 0;
  return Math.max(0, cutoffSec - timeSec - penalty);
}

/**
 * MISTELS-style normalisation: raw / constant × 100. The constants are not published (FLS scoring is
 * proprietary): pass the project's own, never call the result an official FLS score.
 */
export function normalizedScore(raw: number, constant: number): number {
  return constant > 0 ? (raw / constant) * 100 : 0;
}

export interface PassRule {
  passScore: number;
  /** Any error of these severities fails the attempt. */
  failOn: readonly Severity[];
}

export function passes(score: number, errors: readonly { severity: Severity }[], rule: PassRule): boolean {
  return score >= rule.passScore && !errors.some((e) => rule.failOn.includes(e.severity));
}
