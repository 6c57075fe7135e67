import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLearner } from '../app/learner.ts';
import { continueInterrupted, discardInterrupted, keepInterrupted } from '../app/recovery.ts';
import type { PendingAttempt } from '../app/storage/journal.ts';
import { TICK_HZ } from '../core/kernel/index.ts';

/**
 * After a crash or a closed tab: each attempt whose journal is still on the device, with what it was (procedure,
 * learner, when, how far), to carry on, keep as it is (incomplete), or discard (asked twice).
 */
export function RecoveryOffer() {
  const { t } = useTranslation();
  const interrupted = useLearner((s) => s.interrupted);
  if (interrupted.length === 0) return null;
  return (
    <section className="recovery" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">{t('recovery.heading', { count: interrupted.length })}</h2>
      {interrupted.map((p) => (
        <Interrupted key={p.attemptId} pending={p} />
      ))}
    </section>
  );
}

function Interrupted({ pending }: { pending: PendingAttempt }) {
  const { t, i18n } = useTranslation();
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
  const when = `${started.toLocaleDateString(i18n.language, { day: 'numeric', month: 'short' })} ${started.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}`;
  return (
    <article aria-label={t('recovery.attempt', { title: pending.protocolTitle })} data-ticks={pending.ticks}>
      <p>
        <strong>{pending.protocolTitle}</strong> · {t(`mode.${pending.mode}.label`)} · {pending.profileName} · {t('recovery.started', { when })}
      </p>
      <p className="note">{t('recovery.stopped', { duration: formatDuration(seconds, t) })}</p>
      {error && <p role="alert">{t('recovery.failed', { error })}</p>}
      {confirm ? (
        <div className="start" role="group" aria-label={t('recovery.discardQuestion')}>
          <span>{t('recovery.discardForGood')}</span>
          <button type="button" onClick={() => run(t('recovery.discarding'), () => discardInterrupted(pending))}>
            {t('recovery.discard')}
          </button>
          <button type="button" className="primary" onClick={() => setConfirm(false)}>
            {t('recovery.keepIt')}
          </button>
        </div>
      ) : (
        <div className="start">
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => run(t('recovery.recovering'), (p) => continueInterrupted(pending, p))}
          >
            {t('recovery.continue')}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => run(t('recovery.recovering'), (p) => keepInterrupted(pending, p))}>
            {t('recovery.keepIncomplete')}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => setConfirm(true)}>
            {t('recovery.discardAsk')}
          </button>
          {busy && <span role="status">{busy}</span>}
        </div>
      )}
    </article>
  );
}

function formatDuration(seconds: number, t: (key: string, options: Record<string, unknown>) => string): string {
  if (seconds < 60) return t('units.seconds', { seconds: seconds.toFixed(1) });
  const m = Math.floor(seconds / 60);
  return t('units.minutesSeconds', { minutes: m, seconds: Math.round(seconds - m * 60) });
}
