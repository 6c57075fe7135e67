import type { RefObject } from 'react';
import type { Group } from 'three';
import type { Attempt } from '../core/attempt/attempt.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { SceneEnvironment } from './SceneEnvironment.tsx';
import { OperatingRoom } from './OperatingRoom.tsx';
import { SceneParts } from './SceneParts.tsx';
import { LaparoscopyRig } from './LaparoscopyRig.tsx';
import { NeedleCounter } from './NeedleCounter.tsx';
import { SurgicalSmoke } from './SurgicalSmoke.tsx';
import { CharMarks } from './CharMarks.tsx';
import { HepatobiliaryScene } from '../core/world/scenes/index.ts';
import { Instrument } from './Instrument.tsx';
import type { DrawnSession } from './drawn-hand.ts';

/**
 * One attempt's world as the trainee sees it: the theatre, the scene's anatomy, the laparoscope and its monitor
 * (laparoscopic scenes), the needle counter (skin), char marks and smoke (energy), both instruments. The live session and the replay viewer
 * draw the same thing from the same views; `worksite` wraps the anatomy (what the mouse's ray meets).
 */
export function WorldScene({
  session,
  quality,
  worksite,
}: {
  session: DrawnSession & { readonly attempt: Attempt };
  quality: RenderQuality;
  worksite?: RefObject<Group | null>;
}) {
  const sceneName = session.attempt.protocol.scene;
  const world = session.attempt.world;
  return (
    <>
      {quality === 'high' && <SceneEnvironment />}
      <OperatingRoom quality={quality} />
      <group ref={worksite ?? null}>{world.scene && <SceneParts scene={world.scene} quality={quality} />}</group>
      {world.scene instanceof HepatobiliaryScene && (
        <>
          <CharMarks char={world.scene.energy.char} positions={world.scene.particles.pos} />
          <SurgicalSmoke smoke={world.scene.energy.smoke} />
        </>
      )}
      {(sceneName === 'hepatobiliary' || sceneName === 'pegboard') && <LaparoscopyRig resolution={quality === 'high' ? 1024 : 320} />}
      {sceneName === 'skin-pad' && <NeedleCounter />}
      <Instrument session={session} hand="left" />
      <Instrument session={session} hand="right" />
    </>
  );
}
