import { type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { XR, XROrigin } from '@react-three/xr';
import type { Group } from 'three';
import { WORKSITE } from '../core/kernel/index.ts';
import { TICK_HZ } from '../core/kernel/index.ts';
import { protocolText, stepTitle } from '../core/procedure/index.ts';
import { xrStore } from '../xr/xr-store.ts';
import { closeReplay, useApp } from '../app/app-store.ts';
import { publishLiveCanvas } from '../app/live-canvas.ts';
import { REPLAY_SPEEDS, type ReplayProblem, type ReplaySession, type ReplaySource } from '../app/replay-session.ts';
import { WorldScene } from '../views/WorldScene.tsx';
import { DESKTOP_FOVS, DESKTOP_VIEWS } from '../views/desktop-camera.ts';
import { usePixelRatio } from '../views/pixel-ratio.ts';
import { ReplayCamera } from '../views/replay/ReplayCamera.tsx';
import { ReplayXr } from '../views/replay/ReplayXr.tsx';
import { ReplayVrPanel } from '../views/replay/ReplayVrPanel.tsx';
import { ReplayLoop } from '../views/replay/ReplayLoop.tsx';
import { ExpertGhost } from '../views/replay/ExpertGhost.tsx';
import { ReplayTimeline } from './replay/ReplayTimeline.tsx';
import { ReplayMetrics } from './replay/ReplayMetrics.tsx';
import { usePrefersReducedMotion } from '../views/reduced-motion.ts';
import { NotePins } from '../views/replay/NotePins.tsx';
import { ExpertSide } from './replay/ExpertSide.tsx';
import { PinNotePanel, type ScenePoint } from './replay/PinNotePanel.tsx';

/** The replay viewer (docs/replay.md): a recording re-simulated, checked, and played back with its timeline. */
export function ReplayScreen() {
  const replay = useApp((s) => s.replay);
  if (!replay) return null;
  if (replay.session === null) return <ReplayProblemView problem={replay.problem} source={replay.source} />;
  return <ReplayViewer key={replay.session.replayer.recording.bytes} session={replay.session} />;
}

function sourceLabel(source: ReplaySource, t: TFunction): string {
  switch (source.kind) {
    case 'file':
      return source.name;
    case 'expert':
      return t('replay.sourceExpert');
    case 'script':
      return t('replay.sourceScript', { name: source.name });
    case 'attempt':
      return source.label;
  }
}

function ReplayProblemView({ problem, source }: { problem: ReplayProblem; source: ReplaySource }) {
  const { t } = useTranslation();
  return (
    <main className="replay-problem">
      <h1>{t('replay.title')}</h1>
      <div className="verify-banner bad" role="alert" aria-label={t('replay.cannot')}>
        <strong>✗ {t('replay.cannotHere')}</strong>
        <p>{problem.message}</p>
        {problem.code === 'protocol-mismatch' && <p>{t('replay.protocolMismatch')}</p>}
      </div>
      <dl className="recording-facts">
        <dt>{t('replay.file')}</dt>
        <dd>{sourceLabel(source, t)}</dd>
        {problem.recorded && (
          <>
            <dt>{t('replay.recordedWith')}</dt>
            <dd>{t('replay.versions', { protocol: problem.recorded.protocol, app: problem.recorded.app })}</dd>
            <dt>{t('learner.label')}</dt>
            <dd>{problem.recorded.learner ?? t('replay.notNamed')}</dd>
            <dt>{t('files.started')}</dt>
            <dd>{problem.recorded.startedAt ?? t('replay.notRecorded')}</dd>
          </>
        )}
      </dl>
      <button type="button" onClick={closeReplay}>
        {t('debrief.back')}
      </button>
    </main>
  );
}

/** Re-renders on the session's own changes (status, play state, speed, ghost): never per frame. */
function useReplay(session: ReplaySession): number {
  return useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.changes,
  );
}

const LAPAROSCOPIC = new Set(['hepatobiliary', 'pegboard']);

function ReplayViewer({ session }: { session: ReplaySession }) {
  const { t, i18n } = useTranslation();
  useReplay(session);
  const quality = useApp((s) => s.quality);
  const vrSupported = useApp((s) => s.vrSupported);
  const presenting = useApp((s) => s.presenting);
  const pixelRatio = usePixelRatio(quality);
  const reducedMotion = usePrefersReducedMotion();
  const view = session.view;
  const setView = (v: typeof view): void => session.setView(v);
  /** The XR origin: where the viewer stands in the headset (at the table, or in the trainee's head). */
  const origin = useRef<Group>(null);
  /** While the instructor pins a note: what a click in the scene does with the point. */
  const [placePin, setPlacePin] = useState<((point: ScenePoint) => void) | null>(null);
  const protocol = session.protocol;
  const sceneName = protocol.scene;
  const ready = session.status === 'ready';
  const lapAvailable = LAPAROSCOPIC.has(sceneName);
  const headAvailable = session.hasHead;

  // No stop() on unmount: StrictMode mounts twice; closeReplay and openReplay stop it.
  useEffect(() => () => publishLiveCanvas(null), []);

  // Keys: space play/pause, ←/→ a tick (Shift: a rendered frame), [ ] speed, Esc back.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      switch (e.key) {
        case ' ':
          e.preventDefault();
          session.togglePlaying();
          break;
        case 'ArrowRight':
        case 'ArrowLeft': {
          e.preventDefault();
          const n = e.shiftKey ? session.ticksPerFrame : 1;
          session.step(e.key === 'ArrowRight' ? n : -n);
          break;
        }
        case '[':
          session.stepSpeed(-1);
          break;
        case ']':
          session.stepSpeed(1);
          break;
        case 'Escape':
          if (!presenting) closeReplay();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, presenting]);

  const result = session.result;
  const rec = session.replayer.recording;

  return (
    <main className="replay">
      <header className="replay-header">
        <div>
          <h1>
            {t('replay.titleOf', { title: protocolText(protocol, i18n.language).title() })}
            <span className="mode-badge">{t(`mode.${rec.header.mode}.label`)}</span>
          </h1>
          <p className="replay-source">
            {sourceLabel(session.source, t)} · {rec.header.learner ?? t('replay.learnerNotNamed')} ·{' '}
            {t('units.seconds', { seconds: rec.durationSeconds.toFixed(1) })} ·{' '}
            {t('replay.recordedBy', { app: `${rec.header.app.name} ${rec.header.app.version}`, input: rec.header.inputKind })}
          </p>
        </div>
        <button type="button" onClick={closeReplay}>
          {t('replay.backKey')}
        </button>
      </header>

      {!ready && (
        <div className="verify-banner pending" role="status" aria-label={t('replay.verification')}>
          <strong>{t('replay.verifying')}</strong> {t('replay.resimulating', { percent: Math.floor(session.progress * 100) })}
          <progress max={1} value={session.progress} />
        </div>
      )}
      {ready && result?.ok && (
        <div className="verify-banner ok" role="status" aria-label={t('replay.verification')}>
          <strong>✓ {t('replay.verified')}</strong>
          {t('replay.reproduces', { ticks: result.ticks.toLocaleString(i18n.language), seconds: (session.verifyMs / 1000).toFixed(1) })}
        </div>
      )}
      {ready && result && !result.ok && (
        <div className="verify-banner bad" role="alert" aria-label={t('replay.verification')}>
          <strong>✗ {t('replay.diverges')}</strong>
          {result.divergence?.tick != null
            ? ` — ${t('replay.firstDifference', { seconds: (result.divergence.tick / TICK_HZ).toFixed(2), tick: result.divergence.tick })}`
            : ''}
          : {result.divergence?.what}
          <p>{t('replay.notWhatTheySaw')}</p>
        </div>
      )}

      <div className="replay-body">
        <div className={session.sideBySide ? 'replay-stage split' : 'replay-stage'}>
          {ready ? (
            <Canvas
              dpr={pixelRatio}
              shadows={quality === 'high'}
              camera={{ position: DESKTOP_VIEWS[sceneName], fov: DESKTOP_FOVS[sceneName], near: 0.005, far: 50 }}
              onCreated={({ camera, gl, scene }) => {
                camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
                publishLiveCanvas({ renderer: gl, scene, desktop: null });
              }}
            >
              <XR store={xrStore}>
                <color attach="background" args={['#1d2a30']} />
                <ReplayLoop session={session} />
                <ReplayXr session={session} origin={origin} />
                <XROrigin ref={origin} />
                {presenting && <ReplayVrPanel session={session} />}
                {/* biome-ignore lint/a11y/noStaticElementInteractions: a three.js group (R3F pointer events), not a DOM element; pins are also listed and reachable in the panel */}
                <group
                  onClick={(e) => {
                    // A click, not the end of an orbit drag.
                    if (!placePin || e.delta > 4) return;
                    e.stopPropagation();
                    placePin([e.point.x, e.point.y, e.point.z]);
                  }}
                >
                  <WorldScene session={session} quality={quality} scopeMain={view === 'laparoscope'} />
                </group>
                <NotePins session={session} notes={session.notes} />
                {session.ghost && session.expert && <ExpertGhost session={session} expert={session.expert} />}
                <ReplayCamera session={session} view={view} scene={sceneName} />
                {view === 'orbit' && <OrbitControls target={WORKSITE} minDistance={0.05} maxDistance={3} enableDamping={!reducedMotion} />}
              </XR>
            </Canvas>
          ) : (
            <div className="replay-wait">{t('replay.sceneWait')}</div>
          )}
          {ready && session.sideBySide && session.expertSide && <ExpertSide session={session} side={session.expertSide} quality={quality} />}
          {ready && view === 'laparoscope' && <div className="view-badge">{t('replay.laparoscopePicture')}</div>}
          {ready && view === 'head' && <div className="view-badge">{t('replay.headView')}</div>}
        </div>
        {ready && session.report && <ReplayMetrics session={session} />}
      </div>

      <div className="replay-controls" role="toolbar" aria-label={t('session.playback')}>
        <button type="button" disabled={!ready} onClick={() => session.step(-1)} aria-label={t('replay.backTick')}>
          ◀︎ {t('replay.tick')}
        </button>
        <button type="button" className="primary" disabled={!ready} onClick={() => session.togglePlaying()}>
          {t(session.playing ? 'replay.pauseKey' : 'replay.playKey')}
        </button>
        <button type="button" disabled={!ready} onClick={() => session.step(1)} aria-label={t('replay.forwardTick')}>
          {t('replay.tick')} ▶︎
        </button>
        <button type="button" disabled={!ready} onClick={() => session.step(session.ticksPerFrame)} aria-label={t('replay.forwardFrame')}>
          {t('replay.frame')} ▶︎
        </button>
        <label>
          {t('replay.speed')}{' '}
          <select aria-label={t('replay.speed')} value={session.speed} onChange={(e) => session.setSpeed(Number(e.target.value))}>
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <fieldset className="replay-views" aria-label={t('replay.view')}>
          <label>
            <input type="radio" name="replay-view" checked={view === 'orbit'} onChange={() => setView('orbit')} /> {t('replay.freeOrbit')}
          </label>
          <label title={lapAvailable ? '' : t('replay.noLaparoscope')}>
            <input type="radio" name="replay-view" disabled={!lapAvailable} checked={view === 'laparoscope'} onChange={() => setView('laparoscope')} />{' '}
            {t('replay.laparoscope')}
          </label>
          <label title={headAvailable ? '' : t('replay.noHeadPoses')}>
            <input type="radio" name="replay-view" disabled={!headAvailable} checked={view === 'head'} onChange={() => setView('head')} /> {t('replay.head')}
          </label>
        </fieldset>
        <ExpertToggle session={session} ready={ready} label={t('replay.ghost')} checked={session.ghost} onChange={(on) => session.setGhost(on)}>
          {t('replay.ghost')}
          {session.expert ? '' : ` ${t('replay.preparing')}`}
        </ExpertToggle>
        <ExpertToggle
          session={session}
          ready={ready}
          label={t('replay.sideBySideLabel')}
          checked={session.sideBySide}
          onChange={(on) => session.setSideBySide(on)}
        >
          {t('replay.sideBySide')}
        </ExpertToggle>
        {vrSupported && !presenting && ready && (
          <button type="button" onClick={() => void xrStore.enterVR()}>
            {t('home.enterVr')}
          </button>
        )}
      </div>
      {(!lapAvailable || !headAvailable) && (
        <p className="replay-note">
          {!lapAvailable && `${t('replay.lapUnavailable')} `}
          {!headAvailable && t('replay.headUnavailable')}
        </p>
      )}
      {ready && session.source.kind === 'attempt' && (
        <PinNotePanel session={session} attemptId={session.source.id} armed={placePin !== null} onArm={(place) => setPlacePin(() => place)} />
      )}
      {ready && session.report && (
        <ReplayTimeline session={session} report={session.report} protocol={protocol} titleOf={(id: string) => stepTitle(protocol, id, i18n.language)} />
      )}
    </main>
  );
}

/** A choice that needs the procedure's expert (recorded in the page): unavailable until it is ready. */
function ExpertToggle({
  session,
  ready,
  label,
  checked,
  onChange,
  children,
}: {
  session: ReplaySession;
  ready: boolean;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className={session.expert ? '' : 'unavailable'}>
      <input type="checkbox" aria-label={label} disabled={!session.expert || !ready} checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {children}
    </label>
  );
}
