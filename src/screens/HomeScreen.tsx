import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogEntries, listProcedures } from '../app/protocol-catalog.ts';
import { expertScript } from '../app/experts.ts';
import { type Mode, protocolText } from '../core/procedure/index.ts';
import { chooseMode, openExpertReplay, openReplay, requestVr, showClass, showProgress, startSession, useApp } from '../app/app-store.ts';
import { ProfilePicker } from './ProfilePicker.tsx';
import { Recommendation } from './progress/Recommendation.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';
import { RecoveryOffer } from './RecoveryOffer.tsx';
import { PersistenceNotice } from './StorageNotices.tsx';

const MODES: readonly Mode[] = ['learn', 'practice', 'assess'];

export function HomeScreen() {
  const { t, i18n } = useTranslation();
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
    if (procedure) startSession(procedure, undefined, { caseCard: true });
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
        <p>{t('home.tagline')}</p>
        <nav className="home-nav">
          <button type="button" onClick={showProgress}>
            {t('nav.progress')}
          </button>
          <button type="button" onClick={showClass}>
            {t('nav.instructor')}
          </button>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            {t('nav.settings')}
          </button>
        </nav>
      </header>
      <RecoveryOffer />
      <ProfilePicker />
      <Recommendation />
      <section aria-labelledby="procedures-heading">
        <h2 id="procedures-heading">{t('home.procedures')}</h2>
        <ul className="procedures" role="listbox" aria-label={t('home.procedures')}>
          {procedures.map((p) => (
            <li key={p.id} role="none">
              <button
                type="button"
                role="option"
                aria-selected={selected === p.id}
                className={selected === p.id ? 'procedure selected' : 'procedure'}
                data-procedure={p.id}
                onClick={() => setSelected(p.id)}
              >
                <span className="title">{protocolText(p, i18n.language).title()}</span>
                <span className="meta">{t('home.procedureMeta', { minutes: p.estimatedMinutes, difficulty: t(`difficulty.${p.difficulty}`) })}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {broken.length > 0 && (
        <section className="protocol-errors" role="alert" aria-label={t('home.protocolErrorsLabel')}>
          <h2>{t('home.protocolErrors')}</h2>
          {broken.map((e) => (
            <div key={e.file}>
              <p>
                <code>{e.file}</code> {t('home.protocolNotLoaded')}
              </p>
              <pre>{e.errors.join('\n')}</pre>
            </div>
          ))}
        </section>
      )}
      <section aria-labelledby="mode-heading">
        <h2 id="mode-heading">{t('home.mode')}</h2>
        <div className="modes" role="radiogroup" aria-label={t('home.mode')}>
          {MODES.map((m) => (
            <label key={m} className={mode === m ? 'mode selected' : 'mode'}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => chooseMode(m)} />
              <span className="title">{t(`mode.${m}.label`)}</span>
              <span className="meta">{t(`mode.${m}.help`)}</span>
            </label>
          ))}
        </div>
      </section>
      <div className="start">
        <button type="button" className="primary" disabled={!selected} onClick={start}>
          {t('home.start')}
        </button>
        {expert && (
          <button type="button" onClick={watch}>
            {t('home.watchExpert')}
          </button>
        )}
        {expert && (
          <button type="button" onClick={replayExpert} disabled={preparing !== null}>
            {preparing === null ? t('home.replayExpert') : t('home.recordingExpert', { percent: Math.floor(preparing * 100) })}
          </button>
        )}
        <label className="file-button">
          {t('home.openRecording')}
          <input
            type="file"
            accept=".scrub,application/octet-stream"
            aria-label={t('home.openRecordingLabel')}
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
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
            {t('home.enterVr')}
          </button>
        )}
      </div>
      <OutboxStatus />
      <PersistenceNotice />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </main>
  );
}
