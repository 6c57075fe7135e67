import { useTranslation } from 'react-i18next';
import { Canvas, useFrame } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { WORKSITE } from '../../core/kernel/index.ts';
import type { ReplaySession } from '../../app/replay-session.ts';
import type { RenderQuality } from '../../app/render-quality.ts';
import { WorldScene } from '../../views/WorldScene.tsx';
import { DESKTOP_FOVS, DESKTOP_VIEWS } from '../../views/desktop-camera.ts';
import { FRAME_ORDER } from '../../views/frame-order.ts';

/** Keeps the expert's re-simulation at the tick aligned with the trainee's playhead, before its views draw. */
function FollowPlayhead({ session }: { session: ReplaySession }) {
  useFrame(() => session.followExpert(), FRAME_ORDER.input);
  return null;
}

/**
 * The expert side by side: the procedure's expert re-simulated in its own world (`ReplaySession.expertSide`),
 * drawn by the same views in a second canvas on the right, following the trainee's playhead step by step.
 */
export function ExpertSide({ session, side, quality }: { session: ReplaySession; side: ReplaySession; quality: RenderQuality }) {
  const { t } = useTranslation();
  const sceneName = session.protocol.scene;
  return (
    <div className="expert-side">
      {side.status === 'ready' ? (
        <Canvas
          dpr={1}
          camera={{ position: DESKTOP_VIEWS[sceneName], fov: DESKTOP_FOVS[sceneName], near: 0.005, far: 50 }}
          onCreated={({ camera }) => camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2])}
        >
          <color attach="background" args={['#1d2a30']} />
          <FollowPlayhead session={session} />
          <WorldScene session={side} quality={quality} />
          <OrbitControls target={WORKSITE} minDistance={0.05} maxDistance={3} />
        </Canvas>
      ) : (
        <div className="replay-wait">{t('replay.resimulatingExpert', { percent: Math.floor(side.progress * 100) })}</div>
      )}
      <div className="view-badge">{t('replay.expertAligned')}</div>
    </div>
  );
}
