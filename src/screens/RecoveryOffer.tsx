import { useState } from 'react';
import { useLearner } from '../app/learner.ts';
import { continueInterrupted, discardInterrupted, keepInterrupted } from '../app/recovery.ts';
import type { PendingAttempt } from '../app/storage/journal.ts';
import { TICK_HZ } from '../core/kernel/index.ts';

/**
 * After a crash or a closed tab: each attempt whose journal is still on the device, with what it was (procedure,
 * learner, when, how far), to carry on, keep as it is (incomplete), or discard (asked twice).
 */
export function RecoveryOffer() {
  const interrupted = useLearner((s) => s.interrupted);
  if (interrupted.length === 0) return null;
  return (
    <section className="recovery" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">{interrupted.length === 1 ? 'Interrupted attempt' : 'Interrupted attempts'}</h2>
      {interrupted.map((p) => (
        <Interrupted key={p.attemptId} pending={p} />
      ))}
    </section>
  );
}

function Interrupted({ pending }: { pending: PendingAttempt }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seconds = pending.ticks / TICK_HZ;
  const started = new Date(pending.startedAtMs);
  const run = (label: string, work: (progress: (f: number) => void) => Promise<unknown>): void => {
    setBusy(label);
    setError(null);
    void work((f) => setBusy(`${label} ${Math.round(f * 100)}%`)).then(
      () => setBusy(null),
      (e: unknown) => {
        setBusy(null);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return (
    <article aria-label={`Interrupted attempt: ${pending.protocolTitle}`} data-ticks={pending.ticks}>
      <p>
        <strong>{pending.protocolTitle}</strong> · {pending.mode} · {pending.profileName} · started{' '}
        {started.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}{' '}
        {started.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
      </p>
      <p className="note">
        It stopped {formatDuration(seconds)} in, when the page closed before it was finished. Recovering replays it to that point; you can then carry on, or
        keep it as an unfinished attempt.
      </p>
      {error && <p role="alert">Could not recover it: {error}</p>}
      {confirm ? (
        <div className="start" role="group" aria-label="Discard the interrupted attempt?">
          <span>Discard this attempt for good?</span>
          <button type="button" onClick={() => run('Discarding…', () => discardInterrupted(pending))}>
            Discard
          </button>
          <button type="button" className="primary" onClick={() => setConfirm(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="start">
          <button type="button" className="primary" disabled={busy !== null} onClick={() => run('Recovering…', (p) => continueInterrupted(pending, p))}>
            Recover and continue
          </button>
          <button type="button" disabled={busy !== null} onClick={() => run('Recovering…', (p) => keepInterrupted(pending, p))}>
            Keep as incomplete
          </button>
          <button type="button" disabled={busy !== null} onClick={() => setConfirm(true)}>
            Discard…
          </button>
          {busy && <span role="status">{busy}</span>}
        </div>
      )}
    </article>
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
