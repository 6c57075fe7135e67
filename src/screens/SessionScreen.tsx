import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { XR, XROrigin } from '@react-three/xr';
import { MOUSE, type Group, type Object3D } from 'three';
import { WORKSITE } from '../core/kernel/index.ts';
import type { LiveSession } from '../app/live-session.ts';
import { DesktopInput } from '../input/desktop-input.ts';
import { KeyboardInput } from '../input/keyboard.ts';
import { findProcedure } from '../app/protocol-catalog.ts';
import { protocolText } from '../core/procedure/index.ts';
import { xrStore } from '../xr/xr-store.ts';
import { publishLiveCanvas } from '../app/live-canvas.ts';
import { WorldScene } from '../views/WorldScene.tsx';
import { FrameLoop } from '../views/FrameLoop.tsx';
import { VrHud } from '../views/VrHud.tsx';
import { Loupe } from '../views/Loupe.tsx';
import { DESKTOP_FOVS, DESKTOP_VIEWS, LOUPE_ZOOMS, type LoupeZoom, nextLoupeZoom } from '../views/desktop-camera.ts';
import { LaparoscopeMainView, type MainView, RoomView } from '../views/MainView.tsx';
import { drawnLaparoscopeView, hasLaparoscope, scratchView } from '../views/laparoscope-view.ts';
import { usePixelRatio } from '../views/pixel-ratio.ts';
import { usePrefersReducedMotion } from '../views/reduced-motion.ts';
import {
  appStore,
  attemptForExport,
  beginAttempt,
  cancelLeave,
  exitSession,
  finishSession,
  requestLeave,
  retryStorage,
  setPaused,
  togglePause,
  useApp,
} from '../app/app-store.ts';
import { TICK_HZ } from '../core/kernel/index.ts';
import { otherHand } from '../core/kernel/mirror.ts';
import { StorageProblemNotice } from './StorageNotices.tsx';
import { ControlsLegend } from './ControlsLegend.tsx';
import { StepPanel } from './StepPanel.tsx';
import { LeaveDialog, PausedDialog } from './SessionDialogs.tsx';
import { useLearner } from '../app/learner.ts';
import { CaseCardOverlay } from './CaseCard.tsx';

export function SessionScreen({ session }: { session: LiveSession }) {
  const { t, i18n } = useTranslation();
  const paused = useApp((s) => s.paused);
  const presenting = useApp((s) => s.presenting);
  const vrSupported = useApp((s) => s.vrSupported);
  const quality = useApp((s) => s.quality);
  const pixelRatio = usePixelRatio(quality);
  const reducedMotion = usePrefersReducedMotion();
  const procedure = findProcedure(session.procedureId);
  const title = procedure ? protocolText(procedure, i18n.language).title() : session.procedureId;
  const scene = procedure?.scene ?? 'pegboard';
  const laparoscopic = hasLaparoscope(scene);
  const worksite = useRef<Group>(null);
  const origin = useRef<Group>(null);
  // Mirrored (a left-handed learner): the mouse's default hand is still the canonical right, the protocol's
  // dominant hand, which is the learner's left; the legend names the hands as the learner sees them.
  const desktop = useMemo(() => new DesktopInput(session.mirrored), [session]);
  const [activeHand, setActiveHand] = useState(desktop.hand);
  const mainScopeView = useMemo(scratchView, []);
  const [held, setHeld] = useState(() => ({ ...heldInstruments(session) }));
  const [speed, setSpeed] = useState(session.speed);
  const [zoom, setZoom] = useState<LoupeZoom>(1);
  // Laparoscopic scenes start on the laparoscope's picture, as the surgeon works from the OR monitor.
  const [mainView, setMainView] = useState<MainView>(laparoscopic ? 'laparoscope' : 'room');
  const scopeView = mainView === 'laparoscope' && !presenting;
  useEffect(() => {
    desktop.placeOnlyWhenMoved = scopeView && session.world.laparoscope !== null;
  }, [desktop, scopeView, session]);
  // Enter VR needs the scene's renderer connected to the XR store: offered once the canvas exists.
  const [xrReady, setXrReady] = useState(false);
  // What the mouse's ray meets (the worksite's anatomy), for the input and the test hook alike: one list, reused.
  const surfaces = useMemo(() => {
    const list: Object3D[] = [];
    return (): Object3D[] => {
      list.length = 0;
      if (worksite.current) list.push(worksite.current);
      return list;
    };
  }, []);
  const keymap = useLearner((s) => s.keymap);
  const leaving = useApp((s) => s.leaving);
  const ended = useApp((s) => s.ended);
  const storageProblem = useApp((s) => s.storageProblem);
  const recoveredAt = useApp((s) => s.recoveredAt);
  const caseCard = useApp((s) => s.caseCard);
  useEffect(() => () => publishLiveCanvas(null), []);

  // Closing the tab, reloading or going back asks first while the attempt is not stored; and what is not yet in
  // the journal is written when the tab is hidden or goes away.
  const unsaved = session.own && !ended?.saved;
  useEffect(() => {
    if (!unsaved) return;
    const beforeUnload = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
      e.returnValue = '';
    };
    const flush = (): void => {
      if (session.tape) void session.journal?.flush(session.tape, performance.now());
    };
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [session, unsaved]);

  // Keyboard: the input's keys (src/input/keyboard.ts) act there; the screen pauses, finishes, leaves and changes speed.
  useEffect(() => {
    const keys = new KeyboardInput(keymap, desktop, session.input, session.attempt.protocol.instruments, {
      steerable: session.steerable,
      mirrored: session.mirrored,
    });
    const onKey = (e: KeyboardEvent): void => {
      // Behind the case card the attempt has not begun: its own buttons (Start, Back) take the keys.
      if (appStore.getState().caseCard !== null) return;
      const command = keys.down(e.key);
      switch (command?.kind) {
        case 'pick':
          setHeld(heldInstruments(session));
          break;
        case 'switchHand':
          // One-handed: the assistant has the other hand, so the mouse stays on the learner's.
          if (session.assistant?.hand === desktop.hand) desktop.hand = desktop.hand === 'left' ? 'right' : 'left';
          setActiveHand(desktop.hand);
          break;
        case 'pause':
          e.preventDefault();
          // Not under the question whether to leave: the attempt waits for the answer.
          if (!appStore.getState().leaving) togglePause();
          break;
        case 'speed':
          session.stepSpeed(command.step);
          setSpeed(session.speed);
          break;
        case 'loupe':
          // Z steps the magnification up, Shift+Z back down.
          setZoom((z) => nextLoupeZoom(z, e.shiftKey ? -1 : 1));
          break;
        case 'view':
          if (laparoscopic) setMainView((v) => (v === 'laparoscope' ? 'room' : 'laparoscope'));
          break;
        case 'steer':
          e.preventDefault(); // the arrow keys would scroll the page
          break;
        case 'finish':
          finishSession();
          break;
        case 'exit':
          if (appStore.getState().leaving) cancelLeave();
          else if (!appStore.getState().presenting) requestLeave();
          break;
      }
    };
    const onKeyUp = (e: KeyboardEvent): void => keys.up(e.key);
    const onBlur = (): void => keys.releaseAll();
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      keys.releaseAll();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [session, desktop, keymap, laparoscopic]);

  return (
    <main className="session">
      <div className={scopeView ? 'main-view scope' : 'main-view'}>
        <Canvas
          shadows={quality === 'high'}
          dpr={pixelRatio}
          camera={{ position: DESKTOP_VIEWS[scene], fov: DESKTOP_FOVS[scene], near: 0.01, far: 50 }}
          onCreated={({ gl, camera, scene }) => {
            camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
            publishLiveCanvas({ renderer: gl, scene, desktop: { input: desktop, camera, canvas: gl.domElement, surfaces } });
            setXrReady(true);
            if (appStore.getState().vrRequested) {
              appStore.setState({ vrRequested: false });
              void xrStore.enterVR();
            }
          }}
        >
          <XR store={xrStore}>
            <color attach="background" args={['#1d2a30']} />
            <FrameLoop session={session} desktop={desktop} origin={origin} surfaces={surfaces} />
            <XROrigin ref={origin} />
            <WorldScene session={session} quality={quality} worksite={worksite} scopeMain={scopeView} mirrored={session.mirrored} />
            {presenting && procedure && <VrHud protocol={procedure} />}
            {scopeView ? (
              <LaparoscopeMainView view={() => drawnLaparoscopeView(session.world, session.mirrored, mainScopeView)} />
            ) : (
              <>
                <RoomView start={DESKTOP_VIEWS[scene]} />
                <Loupe scene={scene} zoom={zoom} />
                <OrbitControls
                  target={WORKSITE}
                  enableDamping={!reducedMotion}
                  enablePan={false}
                  enableZoom={false}
                  minDistance={0.15}
                  maxDistance={2}
                  mouseButtons={{ RIGHT: MOUSE.ROTATE }}
                />
              </>
            )}
          </XR>
        </Canvas>
      </div>

      <div className="hud" role="region" aria-label={t('session.attempt')}>
        <div className="status">
          <strong>{title}</strong>
          <span className="mode-badge">{t(`mode.${session.mode}.label`)}</span>
          {paused && <span className="paused-badge">{t('session.paused')}</span>}
          {laparoscopic && (
            <span className="mode-badge" aria-label={t('session.mainView')}>
              {t(mainView === 'laparoscope' ? 'session.laparoscopeView' : 'session.roomView', { key: keymap.view.toUpperCase() })}
            </span>
          )}
          {session.player && (
            <span className="mode-badge" aria-label={t('session.playback')}>
              {t('session.expertPlayback', { speed })}
            </span>
          )}
        </div>
        <div className="actions">
          {!scopeView && (
            <div className="loupe" role="group" aria-label={t('session.loupeKeys', { key: keymap.loupe.toUpperCase() })}>
              {LOUPE_ZOOMS.map((z) => (
                <button
                  key={z}
                  type="button"
                  aria-pressed={zoom === z}
                  aria-label={t('session.loupeZoom', { zoom: z.toLocaleString(i18n.language) })}
                  onClick={(e) => {
                    // Off the button again: Space and the other keys stay the session's.
                    e.currentTarget.blur();
                    setZoom(z);
                  }}
                >
                  {z.toLocaleString(i18n.language)}×
                </button>
              ))}
            </div>
          )}
          <button type="button" onClick={() => setPaused(!paused)}>
            {t(paused ? 'session.resumeKey' : 'session.pauseKey')}
          </button>
          {vrSupported && !presenting && (
            <button type="button" disabled={!xrReady} onClick={() => void xrStore.enterVR()}>
              {t('home.enterVr')}
            </button>
          )}
          <button type="button" onClick={finishSession}>
            {t('session.finishKey')}
          </button>
          <button type="button" onClick={requestLeave}>
            {t('session.exitKey')}
          </button>
        </div>
      </div>
      {procedure && <StepPanel protocol={procedure} mode={session.mode} variant={session.attempt.variant?.id ?? ''} />}
      <ControlsLegend
        instruments={session.attempt.protocol.instruments}
        activeHand={session.mirrored ? otherHand(activeHand) : activeHand}
        held={session.mirrored ? { left: held.right, right: held.left } : held}
        keymap={keymap}
        steerable={session.steerable}
        mirrored={session.mirrored}
        scopeView={scopeView}
      />
      {caseCard && !leaving && <CaseCardOverlay card={caseCard} title={title} onStart={beginAttempt} onLeave={exitSession} />}
      {paused && !leaving && !caseCard && (
        <PausedDialog
          recoveredAtSec={recoveredAt !== null && session.world.ticks === recoveredAt ? recoveredAt / TICK_HZ : null}
          onResume={() => setPaused(false)}
        />
      )}
      {ended && !leaving && (
        <div className="ended-banner" role="status" aria-label={t('session.ended')}>
          <span>
            {t(ended.finished.attempt.engine.finished?.reason === 'time-cutoff' ? 'session.timeUp' : 'session.allDone')}{' '}
            {t(ended.saved ? 'session.endedSaved' : storageProblem ? 'session.endedNotSaved' : 'session.endedSaving')}
          </span>
          <button type="button" className="primary" onClick={finishSession}>
            {t('session.seeDebriefKey')}
          </button>
        </div>
      )}
      {storageProblem && !leaving && (
        <StorageProblemNotice
          kind={storageProblem.kind}
          message={storageProblem.message}
          running={storageProblem.where === 'journal'}
          onRetry={retryStorage}
          attempt={attemptForExport}
        />
      )}
      {leaving && <LeaveDialog ended={ended !== null} onKeepGoing={cancelLeave} onFinish={finishSession} onLeave={exitSession} />}
    </main>
  );
}

function heldInstruments(session: LiveSession): { left: string | null; right: string | null } {
  // The one-handed mode's assistant holds what the simulation says, whatever the learner's ignored hand holds.
  const held = (hand: 'left' | 'right') => (session.assistant?.hand === hand ? session.world.hands[hand].instrument : session.input.hands[hand].instrument);
  return { left: held('left'), right: held('right') };
}
