/**
 * An attempt as a JSON file the learner can download when it cannot be stored on the device (a full disk):
 * the report, the seed and the whole input log, which replay it exactly. Until the `.scrub` recording format
 * exists this is the way out; it holds no settings and no LRS credentials.
 */
import type { FinishedAttempt } from './finished-attempt.ts';

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
    // One entry per tick: [left, right], each [x, y, z, qx, qy, qz, qw, jaw, buttons, instrument].
    input: finished.inputLog.map((input) =>
      (['left', 'right'] as const).map((hand) => {
        const h = input.hands[hand];
        return [...h.pose.position, ...h.pose.orientation, h.jaw, h.buttons, h.instrument];
      }),
    ),
  };
}

export function attemptExportName(finished: FinishedAttempt): string {
  const when = new Date(finished.startedAtMs).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `scrub-${finished.protocol.id}-${when}.json`;
}

/** Offers the attempt as a download (a Blob, so no storage is needed). */
export function downloadAttempt(finished: FinishedAttempt): void {
  const blob = new Blob([JSON.stringify(attemptExport(finished))], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = attemptExportName(finished);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
