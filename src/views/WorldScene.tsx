import { type RefObject, useMemo } from 'react';
import type { Group } from 'three';
import type { Attempt } from '../core/attempt/attempt.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { SceneEnvironment } from './SceneEnvironment.tsx';
import { OperatingRoom } from './OperatingRoom.tsx';
import { SceneParts } from './SceneParts.tsx';
import { BloodPools } from './BloodPools.tsx';
import { LaparoscopyRig } from './LaparoscopyRig.tsx';
import { drawnLaparoscopeView, hasLaparoscope, scratchView } from './laparoscope-view.ts';
import { NeedleCounter } from './NeedleCounter.tsx';
import { AbdominalCavity } from './AbdominalCavity.tsx';
import { SurgicalSmoke } from './SurgicalSmoke.tsx';
import { CharMarks } from './CharMarks.tsx';
import { HepatobiliaryScene } from '../core/world/scenes/index.ts';
import { Instrument } from './Instrument.tsx';
import { ViewTargets } from './ViewTargets.tsx';
import type { DrawnSession } from './drawn-hand.ts';

/**
 * One attempt's world as the trainee sees it: the theatre, the scene's anatomy and its blood and bile, the laparoscope and its monitor
 * (laparoscopic scenes; the abdominal wall around the field, which only the laparoscope sees), the needle counter (skin), the
 * targets of a camera-navigation drill, char marks
 * and smoke (energy), both instruments. The live session and the replay viewer
 * draw the same thing from the same views; `worksite` wraps the anatomy (what the mouse's ray meets).
 *
 * `mirrored` (a left-handed learner performing mirrored, docs/accessibility.md): the world is drawn reflected about
 * the plane x = 0 (three turns the faces of a mirrored mesh, so culling still holds) and the laparoscope films the
 * mirror image of its picture. The monitor and the trocars stand on that plane, so they are left as they are:
 * the monitor must show the mirrored picture, not flip it back.
 */
export function WorldScene({
  session,
  quality,
  worksite,
  scopeMain = false,
  mirrored = false,
}: {
  session: DrawnSession & { readonly attempt: Attempt };
  quality: RenderQuality;
  worksite?: RefObject<Group | null>;
  /** The main view is the laparoscope's picture: lit from inside the body, the cavity wall around it. */
  scopeMain?: boolean;
  /** Draw the world reflected: the attempt is performed mirrored. */
  mirrored?: boolean;
}) {
  const sceneName = session.attempt.protocol.scene;
  const scratch = useMemo(scratchView, []);
  return (
    <>
      {hasLaparoscope(sceneName) && (
        <LaparoscopyRig
          resolution={quality === 'high' ? 1024 : 320}
          view={() => drawnLaparoscopeView(session.attempt.world, mirrored, scratch)}
          mainInside={scopeMain}
        />
      )}
      <group name={mirrored ? 'mirrored-world' : 'world'} scale={mirrored ? MIRROR_SCALE : UNIT_SCALE}>
        <DrawnWorld session={session} quality={quality} worksite={worksite} />
      </group>
    </>
  );
}

const MIRROR_SCALE: [number, number, number] = [-1, 1, 1];
const UNIT_SCALE: [number, number, number] = [1, 1, 1];

/** Everything of the world that is drawn where the simulation has it (reflected as a whole when mirrored). */
function DrawnWorld({
  session,
  quality,
  worksite,
}: {
  session: DrawnSession & { readonly attempt: Attempt };
  quality: RenderQuality;
  worksite: RefObject<Group | null> | undefined;
}) {
  const sceneName = session.attempt.protocol.scene;
  const world = session.attempt.world;
  return (
    <>
      {quality === 'high' && <SceneEnvironment />}
      <OperatingRoom quality={quality} />
      <group ref={worksite ?? null}>{world.scene && <SceneParts scene={world.scene} quality={quality} />}</group>
      {world.scene && 'fluids' in world.scene && <BloodPools fluids={world.scene.fluids} />}
      {sceneName === 'hepatobiliary' && <AbdominalCavity quality={quality} />}
      {world.scene instanceof HepatobiliaryScene && (
        <>
          <CharMarks char={world.scene.energy.char} positions={world.scene.particles.pos} />
          <SurgicalSmoke smoke={world.scene.energy.smoke} />
        </>
      )}
      {sceneName === 'skin-pad' && <NeedleCounter />}
      {session.attempt.protocol.viewTargets.length > 0 && <ViewTargets attempt={session.attempt} />}
      <Instrument session={session} hand="left" />
      <Instrument session={session} hand="right" />
    </>
  );
}
