import { useEffect, useState } from 'react';
import { downloadBundle, downloadStoredScrub, importFiles } from '../../app/attempt-files-browser.ts';
import type { ImportResult } from '../../app/attempt-files.ts';
import { attemptStore, useLearner } from '../../app/learner.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';

/**
 * Attempts as files (docs/recordings.md, "Export, bundles and import"): every attempt on this device with its
 * `.scrub` export, a learner's or the whole class's as one bundle, and importing files picked or dropped here.
 */
export function AttemptFiles() {
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
      aria-label="Attempt files"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void run([...e.dataTransfer.files]);
      }}
    >
      <h2>Attempt files</h2>
      <p className="note">
        Export attempts as .scrub recordings, or import them (pick files or drop them here): a class’s bundle (.zip) or single .scrub files.
      </p>
      <div className="start">
        <label className="button">
          Import .scrub or bundle…
          <input
            type="file"
            accept=".scrub,.zip"
            multiple
            hidden
            aria-label="Import attempt files"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void run(files);
            }}
          />
        </label>
        <button type="button" onClick={() => void downloadBundle('learner')}>
          Export this learner’s attempts
        </button>
        <button type="button" onClick={() => void downloadBundle('device')}>
          Export all attempts on this device
        </button>
      </div>
      {busy && <p role="status">Importing…</p>}
      {result && result.imported.length > 0 && (
        <p role="status" aria-label="Imported">
          Imported {result.imported.length} attempt{result.imported.length === 1 ? '' : 's'}.
        </p>
      )}
      {result && result.rejected.length > 0 && (
        <div role="alert" aria-label="Import problems" className="storage-problem">
          <p>Not imported:</p>
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
        <table aria-label="Attempts on this device">
          <thead>
            <tr>
              <th>Learner</th>
              <th>Procedure</th>
              <th>Started</th>
              <th>Score</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {all.map((a) => (
              <tr key={a.id} data-attempt={a.id} data-imported={a.imported ? 'yes' : 'no'}>
                <td>{learnerOf(a)}</td>
                <td>
                  {a.procedure} · {a.mode}
                  {a.imported ? ' · imported' : ''}
                </td>
                <td>{new Date(a.startedAtMs).toLocaleString()}</td>
                <td className="score">{a.report.score}</td>
                <td>
                  <button type="button" onClick={() => void downloadStoredScrub(a.id)}>
                    Export .scrub
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
