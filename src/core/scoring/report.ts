/**
 * The parts of an attempt report (docs/report.md, produced by src/core/procedure) that scoring, progress
 * and xAPI read. Structural, so any report with these fields fits.
 */
export type Severity = 'minor' | 'major' | 'critical';

export interface ReportStep {
  id: string;
  status: string;
  /** Seconds from the attempt's start; null if it never started / ended. */
  start: number | null;
  end: number | null;
}

export interface ReportError {
  code: string;
  severity: Severity;
  t: number;
  step: string | null;
  message: string;
}

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

export const COMPLETED = 'completed';
