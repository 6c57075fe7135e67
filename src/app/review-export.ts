/**
 * An attempt's review as a file: the instructor's verdicts and notes at time points, beside the attempt's
 * automatic report, for the learner or another system. The attempt itself travels as its `.scrub` recording
 * (attempt-files.ts), which carries the review too (its review block); this JSON is for systems that read no `.scrub`.
 */
import type { AttemptReview } from '../core/scoring/index.ts';
import type { StoredAttempt } from './storage/attempts.ts';

export const REVIEW_EXPORT_FORMAT = 'scrub-review/1';

export function reviewExport(a: StoredAttempt, learner: string | null, review: AttemptReview | null): object {
  return {
    format: REVIEW_EXPORT_FORMAT,
    attemptId: a.id,
    learner,
    procedure: a.procedure,
    version: a.version,
    variant: a.variant,
    mode: a.mode,
    seed: a.seed,
    startedAtMs: a.startedAtMs,
    endedAtMs: a.endedAtMs,
    report: a.report,
    review: review ?? { verdicts: [], annotations: [] },
  };
}

export function reviewExportName(a: Pick<StoredAttempt, 'procedure' | 'startedAtMs'>, learner: string | null): string {
  const when = new Date(a.startedAtMs).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const who = (learner ?? '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return `scrub-review-${a.procedure}-${who ? `${who}-` : ''}${when}.json`;
}
