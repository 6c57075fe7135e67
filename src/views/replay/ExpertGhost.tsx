import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, Line, LineBasicMaterial } from 'three';
import { type Hand, TICK_HZ, idleInput } from '../../core/kernel/index.ts';
import type { ReplaySession } from '../../app/replay-session.ts';
import type { ScriptRun } from '../../app/expert-recording.ts';
import { emptyTrackPose } from '../../app/replay-tracks.ts';
import { Instrument } from '../Instrument.tsx';
import type { DrawnSession } from '../drawn-hand.ts';
import { FRAME_ORDER } from '../frame-order.ts';

/** Seconds of path each trail shows, up to the playhead. */
const TRAIL_SECONDS = 3;
/** Ticks between trail points. */
const TRAIL_STEP = 2;
const TRAIL_POINTS = Math.ceil((TRAIL_SECONDS * TICK_HZ) / TRAIL_STEP) + 1;
const HANDS: Hand[] = ['left', 'right'];
/** Expert trails cool blue, the trainee's warm amber: told apart by the legend too, not colour alone. */
const EXPERT_TRAIL = '#7fd8ff';
const TRAINEE_TRAIL = '#ffb347';

function trail(colour: string, faint: boolean): Line {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(TRAIL_POINTS * 3), 3));
  geometry.setDrawRange(0, 0);
  const material = new LineBasicMaterial({ color: colour, transparent: true, opacity: faint ? 0.75 : 0.95, depthTest: false });
  const line = new Line(geometry, material);
  line.frustumCulled = false;
  line.renderOrder = 10;
  return line;
}

/**
 * The procedure's expert as translucent instruments, aligned step by step with the trainee (the expert's step k
 * starts when the trainee's does: `ReplaySession.expertTick`), with the last seconds of both tips' paths as
 * trails. The poses come from the expert's run kept in memory; the trails are fixed-size buffers written in place.
 */
export function ExpertGhost({ session, expert }: { session: ReplaySession; expert: ScriptRun }) {
  const ghost = useMemo(() => {
    const hands = { left: emptyTrackPose(), right: emptyTrackPose() };
    const drawn: DrawnSession = {
      paused: true,
      input: idleInput(),
      world: { hands: { left: { ...hands.left, tip: hands.left.position }, right: { ...hands.right, tip: hands.right.position } } },
    };
    return { hands, drawn };
  }, []);
  const lines = useMemo(
    () => ({
      expert: { left: trail(EXPERT_TRAIL, false), right: trail(EXPERT_TRAIL, false) },
      trainee: { left: trail(TRAINEE_TRAIL, true), right: trail(TRAINEE_TRAIL, true) },
    }),
    [],
  );
  useEffect(
    () => () => {
      for (const group of [lines.expert, lines.trainee])
        for (const l of Object.values(group)) {
          l.geometry.dispose();
          (l.material as LineBasicMaterial).dispose();
        }
    },
    [lines],
  );

  useFrame(() => {
    const tick = session.tick;
    const at = session.expertTick(tick) ?? 0;
    for (const hand of HANDS) {
      const pose = expert.track.pose(at, hand, ghost.hands[hand]);
      const drawn = ghost.drawn.world.hands[hand];
      drawn.instrument = pose.instrument;
      drawn.jaw = pose.jaw;
      drawn.orientation = pose.orientation;
      fill(lines.expert[hand], (i, out, o) => expert.track.tip(i, hand, out, o), at);
      fill(lines.trainee[hand], (i, out, o) => session.track.tip(i, hand, out, o), tick);
    }
  }, FRAME_ORDER.input + 0.5);

  return (
    <group name="expert-ghost">
      <Instrument session={ghost.drawn} hand="left" ghost />
      <Instrument session={ghost.drawn} hand="right" ghost />
      {HANDS.map((hand) => (
        <primitive key={`e-${hand}`} object={lines.expert[hand]} />
      ))}
      {HANDS.map((hand) => (
        <primitive key={`t-${hand}`} object={lines.trainee[hand]} />
      ))}
    </group>
  );
}

/** Writes the trail ending at entry `end` into the line's buffer, in place. */
function fill(line: Line, tip: (i: number, out: Float32Array, at: number) => void, end: number): void {
  const attr = line.geometry.getAttribute('position') as BufferAttribute;
  const out = attr.array as Float32Array;
  const from = Math.max(0, end - (TRAIL_POINTS - 1) * TRAIL_STEP);
  let n = 0;
  for (let i = from; i <= end && n < TRAIL_POINTS; i += TRAIL_STEP) tip(i, out, 3 * n++);
  attr.needsUpdate = true;
  line.geometry.setDrawRange(0, n);
}
