/**
 * An attempt as a JSON file the learner can download when it cannot be stored on the device (a full disk):
 * the report, the seed and the whole input log, which replay it exactly. Until the `.scrub` recording format
 * exists this is the way out; it holds no settings and no LRS credentials.
 */
import type { FinishedAttempt } from './finished-attempt.ts';
import type { ToolInput } from '../core/kernel/index.ts';
import type { AttemptReview } from '../core/scoring/index.ts';
import type { StoredAttempt } from './storage/attempts.ts';

export const ATTEMPT_EXPORT_FORMAT = 'scrub-attempt-export/1';

export function attemptExport(finished: FinishedAttempt): object {
  const { report, protocol } = finished;
  return {
    format: ATTEMPT_EXPORT_FORMAT,
    id: finished.id,
    procedure: protocol.id,
    version: protocol.version,
    variant: report.variant,
    mode: report.mode,
    seed: finished.seed,
    startedAtMs: finished.startedAtMs,
    endedAtMs: finished.endedAtMs,
    ...(finished.interrupted ? { interrupted: finished.interrupted } : {}),
    report,
    input: inputRows(finished.inputLog),
  };
}

/**
 * A stored attempt as the same JSON, with the instructor's review beside the report when there is one
 * (verdicts and notes at time points: docs/instructor.md).
 */
export function storedAttemptExport(a: StoredAttempt, inputs: readonly ToolInput[], review: AttemptReview | null): object {
  return {
    format: ATTEMPT_EXPORT_FORMAT,
    id: a.id,
    procedure: a.procedure,
    version: a.version,
    variant: a.variant,
    mode: a.mode,
    seed: a.seed,
    startedAtMs: a.startedAtMs,
    endedAtMs: a.endedAtMs,
    ...(a.interrupted ? { interrupted: a.interrupted } : {}),
    report: a.report,
    ...(review ? { review } : {}),
    input: inputRows(inputs),
  };
}

/** One entry per tick: [left, right], each [x, y, z, qx, qy, qz, qw, jaw, buttons, instrument]. */
function inputRows(inputs: readonly ToolInput[]): unknown[] {
  return inputs.map((input) =>
    (['left', 'right'] as const).map((hand) => {
      const h = input.hands[hand];
      return [...h.pose.position, ...h.pose.orientation, h.jaw, h.buttons, h.instrument];
    }),
  );
}

export function attemptExportName(finished: FinishedAttempt): string {
  const when = new Date(finished.startedAtMs).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `scrub-${finished.protocol.id}-${when}.json`;
}

/** Offers the attempt as a download (a Blob, so no storage is needed). */
export function downloadAttempt(finished: FinishedAttempt): void {
  downloadText(JSON.stringify(attemptExport(finished)), attemptExportName(finished), 'application/json');
}

/** Offers text as a file to download. */
export function downloadText(text: string, name: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
