/**
 * The attempt report (docs/report.md), built by build-report.ts from the engine's final state: the one format the
 * debrief, the dashboard, xAPI statements and the replay share.
 */
import type { Mode, Severity, StepStatus } from '../procedure/schema.ts';
import type { ErrorSpecifics } from '../procedure/specifics.ts';
import type { TrialMotionJson } from '../metrics/json.ts';

export type { Severity };
export type { Comparison, ErrorSpecifics, ErrorSubject, Measurement } from '../procedure/specifics.ts';

export type Outcome = 'completed' | 'incomplete' | 'failed';

export interface ReportStep {
  id: string;
  status: StepStatus;
  start: number | null;
  end: number | null;
}

/** One mistake. The fields after `message` came later: a stored report may lack them. */
export interface ReportError extends ErrorSpecifics {
  code: string;
  severity: Severity;
  t: number;
  step: string | null;
  message: string;
  /** The protocol's "what to do instead". */
  instead?: string;
  /** Occurrences the protocol's `charge` counts as this one mistake, the latest at `lastT`. */
  occurrences?: number;
  lastT?: number;
}

export interface ReportMetrics {
  /** Seconds from the start of the attempt (t = 0) to its end (finish, or the last action). */
  durationSec: number;
  /** Seconds on the task timer (e.g. FLS: first touch to last release); null if it never started. */
  timerSec: number | null;
  /** Seconds each completed step took, by step id. */
  stepDurationsSec: Record<string, number>;
  errorCounts: Record<Severity, number>;
  actions: number;
  /** Whether this attempt meets the protocol's proficiency benchmark. */
  proficient: boolean;
  /** Motion metrics of each hand's instrument tip (docs/metrics.md); present when the attempt was simulated. */
  motion?: TrialMotionJson;
  /** Blood lost (ml, to 0.1) in a scene that bleeds (docs/fluids.md); present when the attempt was simulated in one. */
  bloodLossMl?: number;
  /** How far the laparoscope's tip travelled under the learner's steering (mm, to 0.1); present when the learner steered it. */
  scopePathMm?: number;
  /**
   * Heat each structure received from energy, in contact-equivalent seconds (docs/tissue.md, "Energy"), rounded
   * to 3 places, those that received any; present when the attempt was simulated in a scene with energy.
   */
  thermalDose?: Record<string, number>;
  /** The structures whose thermal dose reached the protocol's `thermalInjuryDose`, in structure order. */
  heatInjured?: string[];
}

/**
 * What scoring, progress and xAPI read of a report: structural, so a stored report of an older version
 * (another outcome word, fewer metrics) still fits.
 */
export interface AttemptReport {
  procedure: string;
  version: string;
  outcome: string;
  passed: boolean;
  score: number;
  steps: readonly ReportStep[];
  errors: readonly ReportError[];
  /** Any tree of figures: the engine's, plus the motion metrics. */
  metrics: object;
}

export interface Report {
  procedure: string;
  version: string;
  variant: string;
  mode: Mode;
  outcome: Outcome;
  passed: boolean;
  score: number;
  steps: ReportStep[];
  errors: ReportError[];
  metrics: ReportMetrics;
  /** Present when the attempt was performed one-handed: an assistant took the non-dominant hand (docs/accessibility.md). */
  oneHanded?: true;
}
