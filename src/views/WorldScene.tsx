import type { RefObject } from 'react';
import type { Group } from 'three';
import type { Attempt } from '../core/attempt/attempt.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { SceneEnvironment } from './SceneEnvironment.tsx';
import { OperatingRoom } from './OperatingRoom.tsx';
import { SceneParts } from './SceneParts.tsx';
import { BloodPools } from './BloodPools.tsx';
import { LaparoscopyRig } from './LaparoscopyRig.tsx';
import { hasLaparoscope, laparoscopeView } from './laparoscope-view.ts';
import { NeedleCounter } from './NeedleCounter.tsx';
import { AbdominalCavity } from './AbdominalCavity.tsx';
import { SurgicalSmoke } from './SurgicalSmoke.tsx';
import { CharMarks } from './CharMarks.tsx';
import { HepatobiliaryScene } from '../core/world/scenes/index.ts';
import { Instrument } from './Instrument.tsx';
import type { DrawnSession } from './drawn-hand.ts';

/**
 * One attempt's world as the trainee sees it: the theatre, the scene's anatomy and its blood and bile, the laparoscope and its monitor
 * (laparoscopic scenes; the abdominal wall around the field, which only the laparoscope sees), the needle counter (skin), char marks
 * and smoke (energy), both instruments. The live session and the replay viewer
 * draw the same thing from the same views; `worksite` wraps the anatomy (what the mouse's ray meets).
 */
export function WorldScene({
  session,
  quality,
  worksite,
  scopeMain = false,
}: {
  session: DrawnSession & { readonly attempt: Attempt };
  quality: RenderQuality;
  worksite?: RefObject<Group | null>;
  /** The main view is the laparoscope's picture: lit from inside the body, the cavity wall around it. */
  scopeMain?: boolean;
}) {
  const sceneName = session.attempt.protocol.scene;
  const world = session.attempt.world;
  return (
    <>
      {quality === 'high' && <SceneEnvironment />}
      <OperatingRoom quality={quality} />
      <group ref={worksite ?? null}>{world.scene && <SceneParts scene={world.scene} quality={quality} />}</group>
      {world.scene && 'fluids' in world.scene && <BloodPools fluids={world.scene.fluids} />}
      {hasLaparoscope(sceneName) && (
        <LaparoscopyRig resolution={quality === 'high' ? 1024 : 320} view={() => laparoscopeView(session.attempt.world)} mainInside={scopeMain} />
      )}
      {sceneName === 'hepatobiliary' && <AbdominalCavity quality={quality} />}
      {world.scene instanceof HepatobiliaryScene && (
        <>
          <CharMarks char={world.scene.energy.char} positions={world.scene.particles.pos} />
          <SurgicalSmoke smoke={world.scene.energy.smoke} />
        </>
      )}
      {sceneName === 'skin-pad' && <NeedleCounter />}
      <Instrument session={session} hand="left" />
      <Instrument session={session} hand="right" />
    </>
  );
}
