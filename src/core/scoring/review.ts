/**
 * The instructor's review of an attempt (docs/instructor.md): the automatic report is a proposal; a person
 * confirms it, overrides the outcome, the score or single findings with a written reason, or declares the
 * attempt invalid. Reviews are kept beside the report, never written into it: `effectiveReport` gives what
 * progress and proficiency count, and the automatic report stays as it was. Annotations at time points go
 * with the review (a 3D pin is optional, for the replay viewer).
 *
 * Pure: times are passed in.
 */
import type { AttemptReport, Outcome, ReportError, Severity } from './report.ts';

export const REVIEW_FORMAT_VERSION = 1;

export type ReviewDecision =
  /** The automatic verdict stands. */
  | 'confirmed'
  /** Something of it is changed: the outcome, the score, or single findings. */
  | 'overridden'
  /** The attempt should not count at all (a broken headset, the wrong learner at the controls). */
  | 'invalid';

/** What the instructor says of one finding (an entry of `report.errors`). */
export interface FindingVerdict {
  /** Its index in `report.errors`; `code` and `t` must match it (so a verdict never lands on another finding). */
  index: number;
  code: string;
  t: number;
  /** upheld: it stands; dismissed: it was not a mistake; regraded: it was, with another severity. */
  verdict: 'upheld' | 'dismissed' | 'regraded';
  /** The new severity, for `regraded`. */
  severity?: Severity;
  reason: string;
}

/** One decision on the attempt. A later one replaces an earlier one as the one that counts; both are kept. */
export interface Verdict {
  reviewer: string;
  /** Wall clock, ms since the epoch. */
  atMs: number;
  decision: ReviewDecision;
  /** Overridden outcome and pass, when the instructor sets them (else the automatic ones stand). */
  outcome?: Outcome;
  passed?: boolean;
  /** Overridden score, within the procedure's score range. */
  score?: number;
  findings: FindingVerdict[];
  /** Why: required for anything but a plain confirmation. */
  reason: string;
}

/** A note at a time of the attempt (seconds from its start), optionally pinned to a point in the scene. */
export interface Annotation {
  id: string;
  t: number;
  text: string;
  author: string;
  atMs: number;
  /** World coordinates (m), for the replay viewer. */
  pin?: [number, number, number];
}

/** Everything an instructor added to one attempt. */
export interface AttemptReview {
  formatVersion: typeof REVIEW_FORMAT_VERSION;
  attemptId: string;
  /** Oldest first; the last is the one that counts. */
  verdicts: Verdict[];
  annotations: Annotation[];
}

export function emptyReview(attemptId: string): AttemptReview {
  return { formatVersion: REVIEW_FORMAT_VERSION, attemptId, verdicts: [], annotations: [] };
}

/** The verdict that counts, or null when the attempt is not reviewed yet. */
export function currentVerdict(review: AttemptReview | null | undefined): Verdict | null {
  return review?.verdicts.at(-1) ?? null;
}

/** Why a verdict cannot be kept (empty: it can). `range` is the procedure's score range. */
export function verdictProblems(verdict: Verdict, report: AttemptReport, range: { min: number; max: number }): string[] {
  const p: string[] = [];
  if (!verdict.reviewer.trim()) p.push('Name the reviewer.');
  const changes =
    verdict.outcome !== undefined || verdict.passed !== undefined || verdict.score !== undefined || verdict.findings.some((f) => f.verdict !== 'upheld');
  if (verdict.decision === 'confirmed' && changes) p.push('A confirmation changes nothing: choose “override” to change the result.');
  if (verdict.decision === 'overridden' && !changes) p.push('An override changes the outcome, the score or a finding.');
  if (verdict.decision !== 'confirmed' && !verdict.reason.trim()) p.push('Give a reason for the override.');
  if (verdict.score !== undefined && !(Number.isFinite(verdict.score) && verdict.score >= range.min && verdict.score <= range.max))
    p.push(`The score must be between ${range.min} and ${range.max}.`);
  if (verdict.outcome !== undefined && !['completed', 'incomplete', 'failed'].includes(verdict.outcome)) p.push(`Unknown outcome: ${verdict.outcome}.`);
  if (verdict.passed === true && (verdict.outcome ?? report.outcome) !== 'completed') p.push('Only a completed attempt can pass.');
  const seen = new Set<number>();
  for (const f of verdict.findings) {
    const e = report.errors[f.index];
    if (!e || e.code !== f.code || e.t !== f.t) p.push(`Finding ${f.index + 1} (${f.code} at ${f.t} s) is not in this attempt.`);
    if (seen.has(f.index)) p.push(`Finding ${f.index + 1} has two verdicts.`);
    seen.add(f.index);
    if (f.verdict === 'regraded' && (f.severity === undefined || f.severity === e?.severity)) p.push(`Finding ${f.index + 1}: choose its new severity.`);
    if (f.verdict !== 'upheld' && !f.reason.trim()) p.push(`Finding ${f.index + 1}: give a reason.`);
  }
  return p;
}

export function annotationProblems(a: Annotation, durationSec: number): string[] {
  const p: string[] = [];
  if (!a.text.trim()) p.push('Write the note.');
  if (!(Number.isFinite(a.t) && a.t >= 0 && a.t <= durationSec + 1e-6)) p.push(`The time must be between 0 and ${durationSec.toFixed(1)} s.`);
  if (a.pin !== undefined && !(a.pin.length === 3 && a.pin.every(Number.isFinite))) p.push('A pin is three coordinates.');
  return p;
}

/** A finding as the review left it: its verdict, and its severity after a regrade. */
export interface ReviewedFinding {
  error: ReportError;
  index: number;
  verdict: FindingVerdict | null;
}

export function reviewedFindings(report: AttemptReport, review: AttemptReview | null | undefined): ReviewedFinding[] {
  const verdict = currentVerdict(review);
  return report.errors.map((error, index) => ({
    error,
    index,
    verdict: verdict?.findings.find((f) => f.index === index && f.code === error.code && f.t === error.t) ?? null,
  }));
}

/**
 * What counts of the attempt after the review: dismissed findings left out, regraded ones at their new
 * severity (with `metrics.errorCounts` counted again), the outcome, pass and score as overridden. Null when
 * the attempt was declared invalid (it counts for nothing). The automatic report is not changed.
 */
export function effectiveReport<R extends AttemptReport>(report: R, review: AttemptReview | null | undefined): R | null {
  const verdict = currentVerdict(review);
  if (!verdict || verdict.decision === 'confirmed') return report;
  if (verdict.decision === 'invalid') return null;
  const errors: ReportError[] = [];
  for (const { error, verdict: v } of reviewedFindings(report, review)) {
    if (v?.verdict === 'dismissed') continue;
    errors.push(v?.verdict === 'regraded' && v.severity ? { ...error, severity: v.severity } : error);
  }
  const metrics = report.metrics as { errorCounts?: Record<Severity, number> };
  const counted =
    metrics.errorCounts !== undefined
      ? {
          ...report.metrics,
          errorCounts: {
            minor: errors.filter((e) => e.severity === 'minor').length,
            major: errors.filter((e) => e.severity === 'major').length,
            critical: errors.filter((e) => e.severity === 'critical').length,
          },
        }
      : report.metrics;
  const outcome = verdict.outcome ?? report.outcome;
  return {
    ...report,
    outcome,
    passed: verdict.passed ?? (outcome === 'completed' ? report.passed : false),
    score: verdict.score ?? report.score,
    errors,
    metrics: counted,
  };
}
