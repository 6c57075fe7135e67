import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBundle, downloadStoredScrub, importFiles } from '../../app/attempt-files-browser.ts';
import type { ImportResult } from '../../app/attempt-files.ts';
import { attemptStore, useLearner } from '../../app/learner.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';

/**
 * Attempts as files (docs/recordings.md, "Export, bundles and import"): every attempt on this device with its
 * `.scrub` export, a learner's or the whole class's as one bundle, and importing files picked or dropped here.
 */
export function AttemptFiles() {
  const { t, i18n } = useTranslation();
  const profiles = useLearner((s) => s.profiles);
  const mine = useLearner((s) => s.attempts);
  const [all, setAll] = useState<StoredAttempt[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void attemptStore.allAttempts().then(setAll);
  }, [mine, result]);
  const learnerOf = (a: StoredAttempt) => a.imported?.learner ?? profiles.find((p) => p.id === a.profileId)?.name ?? '—';
  const run = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    try {
      setResult(await importFiles(files));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      className="attempt-files"
      aria-label={t('files.title')}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void run([...e.dataTransfer.files]);
      }}
    >
      <h2>{t('files.title')}</h2>
      <p className="note">{t('files.note')}</p>
      <div className="start">
        <label className="button">
          {t('files.import')}
          <input
            type="file"
            accept=".scrub,.zip"
            multiple
            hidden
            aria-label={t('files.importLabel')}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void run(files);
            }}
          />
        </label>
        <button type="button" onClick={() => void downloadBundle('learner')}>
          {t('files.exportLearner')}
        </button>
        <button type="button" onClick={() => void downloadBundle('device')}>
          {t('files.exportDevice')}
        </button>
      </div>
      {busy && <p role="status">{t('files.importing')}</p>}
      {result && result.imported.length > 0 && (
        <p role="status" aria-label={t('files.importedLabel')}>
          {t('files.imported', { count: result.imported.length })}
        </p>
      )}
      {result && result.rejected.length > 0 && (
        <div role="alert" aria-label={t('files.problems')} className="storage-problem">
          <p>{t('files.notImported')}</p>
          <ul>
            {result.rejected.map((r) => (
              <li key={r.file}>
                <strong>{r.file}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {all.length > 0 && (
        <table aria-label={t('files.onDevice')}>
          <thead>
            <tr>
              <th>{t('learner.label')}</th>
              <th>{t('session.procedure')}</th>
              <th>{t('files.started')}</th>
              <th>{t('files.score')}</th>
              <th>{t('files.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((a) => (
              <tr key={a.id} data-attempt={a.id} data-imported={a.imported ? 'yes' : 'no'}>
                <td>{learnerOf(a)}</td>
                <td>
                  {a.procedure} · {t(`mode.${a.mode}.label`)}
                  {a.imported ? ` · ${t('files.importedMark')}` : ''}
                </td>
                <td>{new Date(a.startedAtMs).toLocaleString(i18n.language)}</td>
                <td className="score">{a.report.score}</td>
                <td>
                  <button type="button" onClick={() => void downloadStoredScrub(a.id)}>
                    {t('files.exportScrub')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
