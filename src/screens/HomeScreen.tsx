import { useState } from 'react';
import { catalogEntries, listProcedures } from '../app/protocol-catalog.ts';
import { expertScript } from '../app/experts.ts';
import type { Mode } from '../core/procedure/index.ts';
import { chooseMode, openExpertReplay, openReplay, requestVr, showClass, showProgress, startSession, useApp } from '../app/app-store.ts';
import { ProfilePicker } from './ProfilePicker.tsx';
import { Recommendation } from './progress/Recommendation.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';
import { RecoveryOffer } from './RecoveryOffer.tsx';
import { PersistenceNotice } from './StorageNotices.tsx';

const MODES: { id: Mode; label: string; help: string }[] = [
  { id: 'learn', label: 'Learn', help: 'Step instructions, hints and the next target highlighted' },
  { id: 'practice', label: 'Practice', help: 'Hints on request' },
  { id: 'assess', label: 'Assess', help: 'No help; the attempt is graded' },
];

export function HomeScreen() {
  const procedures = listProcedures();
  const broken = catalogEntries().flatMap((e) => (e.ok ? [] : [e]));
  const mode = useApp((s) => s.mode);
  const vrSupported = useApp((s) => s.vrSupported);
  const [selected, setSelected] = useState(procedures[0]?.id ?? null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [preparing, setPreparing] = useState<number | null>(null);
  const openFile = async (file: File | undefined): Promise<void> => {
    if (file) openReplay(new Uint8Array(await file.arrayBuffer()), { kind: 'file', name: file.name });
  };
  const replayExpert = (): void => {
    const procedure = procedures.find((p) => p.id === selected);
    if (!procedure || preparing !== null) return;
    setPreparing(0);
    void openExpertReplay(procedure, setPreparing).finally(() => setPreparing(null));
  };
  const start = (): void => {
    const procedure = procedures.find((p) => p.id === selected);
    if (procedure) startSession(procedure);
  };
  const expert = selected ? expertScript(selected) : undefined;
  const watch = (): void => {
    const procedure = procedures.find((p) => p.id === selected);
    if (procedure && expert) startSession(procedure, expert);
  };

  return (
    <main className="home">
      <header>
        <h1>Scrub</h1>
        <p>Surgical procedure trainer — on a headset or at a desk.</p>
        <nav className="home-nav">
          <button type="button" onClick={showProgress}>
            Progress
          </button>
          <button type="button" onClick={showClass}>
            Instructor
          </button>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
        </nav>
      </header>
      <RecoveryOffer />
      <ProfilePicker />
      <Recommendation />
      <section aria-labelledby="procedures-heading">
        <h2 id="procedures-heading">Procedures</h2>
        <ul className="procedures" role="listbox" aria-label="Procedures">
          {procedures.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                role="option"
                aria-selected={selected === p.id}
                className={selected === p.id ? 'procedure selected' : 'procedure'}
                data-procedure={p.id}
                onClick={() => setSelected(p.id)}
              >
                <span className="title">{p.title}</span>
                <span className="meta">
                  about {p.estimatedMinutes} min · {p.difficulty}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {broken.length > 0 && (
        <section className="protocol-errors" role="alert" aria-label="Protocol errors">
          <h2>Protocol files with errors</h2>
          {broken.map((e) => (
            <div key={e.file}>
              <p>
                <code>{e.file}</code> could not be loaded. Fix these and save; the page updates by itself in dev mode.
              </p>
              <pre>{e.errors.join('\n')}</pre>
            </div>
          ))}
        </section>
      )}
      <section aria-labelledby="mode-heading">
        <h2 id="mode-heading">Mode</h2>
        <div className="modes" role="radiogroup" aria-label="Mode">
          {MODES.map((m) => (
            <label key={m.id} className={mode === m.id ? 'mode selected' : 'mode'}>
              <input type="radio" name="mode" value={m.id} checked={mode === m.id} onChange={() => chooseMode(m.id)} />
              <span className="title">{m.label}</span>
              <span className="meta">{m.help}</span>
            </label>
          ))}
        </div>
      </section>
      <div className="start">
        <button type="button" className="primary" disabled={!selected} onClick={start}>
          Start on this computer
        </button>
        {expert && (
          <button type="button" onClick={watch}>
            Watch the expert
          </button>
        )}
        {expert && (
          <button type="button" onClick={replayExpert} disabled={preparing !== null}>
            {preparing === null ? 'Replay the expert' : `Recording the expert… ${Math.floor(preparing * 100)}%`}
          </button>
        )}
        <label className="file-button">
          Open recording…
          <input type="file" accept=".scrub,application/octet-stream" aria-label="Open recording" onChange={(e) => void openFile(e.target.files?.[0])} />
        </label>
        {vrSupported && (
          <button
            type="button"
            className="primary"
            disabled={!selected}
            onClick={() => {
              // Asked first, so that the attempt knows it is a VR one (its recording takes the head pose).
              requestVr();
              start();
            }}
          >
            Enter VR
          </button>
        )}
      </div>
      <OutboxStatus />
      <PersistenceNotice />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </main>
  );
}
