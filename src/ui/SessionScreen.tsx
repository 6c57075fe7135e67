import { useEffect, useRef } from 'react';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { XR, XROrigin } from '@react-three/xr';
import { MOUSE, type Group, type Object3D } from 'three';
import { WORKSITE } from '../core/sim/index.ts';
import type { LiveSession } from '../session/live-session.ts';
import { findProcedure } from '../procedures/catalog.ts';
import { xrStore } from '../xr/xr-store.ts';
import { testHook } from '../dev/test-hook.ts';
import { OperatingRoom } from '../scene/OperatingRoom.tsx';
import { SceneEnvironment } from '../scene/SceneEnvironment.tsx';
import { AnatomyPlaceholder } from '../scene/AnatomyPlaceholder.tsx';
import { Instrument } from '../scene/Instrument.tsx';
import { LooseObjects } from '../scene/LooseObjects.tsx';
import { SceneParts } from '../scene/SceneParts.tsx';
import { SimulationDriver } from '../scene/SimulationDriver.tsx';
import { VrHud } from '../scene/VrHud.tsx';
import { appStore, exitSession, setPaused, useApp } from './app-store.ts';
import { ControlsLegend } from './ControlsLegend.tsx';
import { StepPanel } from './StepPanel.tsx';

export function SessionScreen({ session }: { session: LiveSession }) {
  const paused = useApp((s) => s.paused);
  const presenting = useApp((s) => s.presenting);
  const vrSupported = useApp((s) => s.vrSupported);
  const quality = useApp((s) => s.quality);
  const procedure = findProcedure(session.procedureId);
  const worksite = useRef<Group>(null);
  const surfaces = useRef<Object3D[]>([]);

  // Keyboard: P or Space pauses, Escape leaves the attempt.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'p' || e.key === 'P' || e.key === ' ') {
        e.preventDefault();
        setPaused(!appStore.getState().paused);
      } else if (e.key === 'Escape' && !appStore.getState().presenting) {
        exitSession();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="session">
      <Canvas
        shadows={quality === 'high'}
        dpr={quality === 'high' ? [1, 2] : 1}
        camera={{ position: [0, 1.28, -0.1], fov: 50, near: 0.01, far: 50 }}
        onCreated={({ gl, camera }) => {
          camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
          const hook = testHook();
          if (hook) hook.renderer = gl;
          if (appStore.getState().vrRequested) {
            appStore.setState({ vrRequested: false });
            void xrStore.enterVR();
          }
        }}
      >
        <XR store={xrStore}>
          <color attach="background" args={['#1d2a30']} />
          <SimulationDriver
            session={session}
            surfaces={() => {
              surfaces.current.length = 0;
              if (worksite.current) surfaces.current.push(worksite.current);
              return surfaces.current;
            }}
          />
          <XROrigin position={[0, 0, 0]} />
          {quality === 'high' && <SceneEnvironment />}
          <OperatingRoom />
          <group ref={worksite}>
            {session.sim.scene ? <SceneParts scene={session.sim.scene} quality={quality} /> : <AnatomyPlaceholder scene={procedure?.scene ?? ''} />}
          </group>
          {!session.sim.scene && <LooseObjects session={session} />}
          <Instrument session={session} hand="left" />
          <Instrument session={session} hand="right" />
          {presenting && <VrHud title={procedure?.title ?? session.procedureId} />}
          <OrbitControls
            target={WORKSITE}
            enablePan={false}
            minDistance={0.15}
            maxDistance={2}
            mouseButtons={{ RIGHT: MOUSE.ROTATE }}
          />
        </XR>
      </Canvas>

      <div className="hud" role="region" aria-label="Attempt">
        <div className="status">
          <strong>{procedure?.title ?? session.procedureId}</strong>
          <span className="mode-badge">{session.mode}</span>
          {paused && <span className="paused-badge">Paused</span>}
        </div>
        <div className="actions">
          <button onClick={() => setPaused(!paused)}>{paused ? 'Resume (P)' : 'Pause (P)'}</button>
          {vrSupported && !presenting && <button onClick={() => void xrStore.enterVR()}>Enter VR</button>}
          <button onClick={exitSession}>Exit (Esc)</button>
        </div>
      </div>
      {procedure && <StepPanel protocol={procedure} mode={session.mode} />}
      <ControlsLegend />
      {paused && (
        <div className="paused-overlay" role="dialog" aria-label="Paused">
          <p>Paused</p>
          <button className="primary" onClick={() => setPaused(false)}>
            Resume
          </button>
        </div>
      )}
    </div>
  );
}
