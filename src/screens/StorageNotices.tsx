import type { FinishedAttempt } from '../app/finished-attempt.ts';
import { downloadFinishedScrub } from '../app/attempt-files-browser.ts';
import { useLearner } from '../app/learner.ts';

/**
 * A write of the attempt failed (a full disk, most often): what happened, that nothing is lost yet, and the
 * ways out — try again, take the attempt away as a file, free some space.
 */
export function StorageProblemNotice({
  kind,
  message,
  running,
  onRetry,
  attempt,
}: {
  kind: 'quota' | 'error';
  message: string;
  /** Whether the attempt is still on screen (the journal could not keep up) rather than over. */
  running: boolean;
  onRetry: () => void;
  /** The attempt as it stands, for the export (read when the button is pressed). */
  attempt: () => FinishedAttempt | null;
}) {
  return (
    <section className="storage-problem" role="alert" aria-label="Storage problem">
      <h2>{kind === 'quota' ? 'Storage is full' : 'Could not save'}</h2>
      <p>
        {kind === 'quota' ? (running ? 'This device’s storage is full, so the attempt is not being saved as you go.' : message) : message} Nothing is lost: it
        stays in this tab until you leave it, and its learning records are queued to send.
      </p>
      {kind === 'quota' && (
        <p className="note">
          To make room, delete downloads or other sites’ data (browser settings → privacy → site data), or old attempts you have exported, then try again.
        </p>
      )}
      <div className="start">
        <button type="button" className="primary" onClick={onRetry}>
          Try again
        </button>
        <button
          type="button"
          onClick={() => {
            const a = attempt();
            if (a) downloadFinishedScrub(a);
          }}
        >
          Export attempt (.scrub)
        </button>
      </div>
    </section>
  );
}

/** The browser did not grant persistent storage: said once, calmly, where the learner looks for their attempts. */
export function PersistenceNotice() {
  const storage = useLearner((s) => s.storage);
  if (storage !== 'refused') return null;
  return (
    <p className="persist-notice" role="note" aria-label="Storage">
      This browser may clear saved attempts if the device runs low on storage. Installing Scrub as an app, or exporting attempts you want to keep, guards
      against that.
    </p>
  );
}
