import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  return (
    <section className="storage-problem" role="alert" aria-label={t('storage.problem')}>
      <h2>{t(kind === 'quota' ? 'storage.full' : 'storage.notSaved')}</h2>
      <p>
        {kind === 'quota' && running ? t('storage.fullRunning') : message} {t('storage.nothingLost')}
      </p>
      {kind === 'quota' && <p className="note">{t('storage.makeRoom')}</p>}
      <div className="start">
        <button type="button" className="primary" onClick={onRetry}>
          {t('storage.retry')}
        </button>
        <button
          type="button"
          onClick={() => {
            const a = attempt();
            if (a) downloadFinishedScrub(a);
          }}
        >
          {t('storage.export')}
        </button>
      </div>
    </section>
  );
}

/** The browser did not grant persistent storage: said once, calmly, where the learner looks for their attempts. */
export function PersistenceNotice() {
  const { t } = useTranslation();
  const storage = useLearner((s) => s.storage);
  if (storage !== 'refused') return null;
  return (
    <p className="persist-notice" role="note" aria-label={t('storage.label')}>
      {t('storage.mayClear')}
    </p>
  );
}
