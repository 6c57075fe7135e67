import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { Group } from 'three';
import type { Hand } from '../core/sim/index.ts';
import type { LiveSession } from '../session/live-session.ts';
import { placeInterpolated } from './interpolate.ts';

/** Jaw opening angle at jaw = 0 (fully open), radians. */
const OPEN_ANGLE = 0.45;
const SHAFT_LENGTH = 0.2;
const steel = { color: '#b9c0c8', metalness: 0.9, roughness: 0.25 } as const;

/**
 * A grasper in one hand. The group's origin is the tip; the shaft runs back along local +z towards the
 * hand, the jaws open in the local x–z plane. Pose and jaw come from the simulation every frame.
 */
export function Instrument({ session, hand }: { session: LiveSession; hand: Hand }) {
  const root = useRef<Group>(null);
  const upper = useRef<Group>(null);
  const lower = useRef<Group>(null);

  useFrame(() => {
    const now = session.sim.hands[hand];
    const before = session.sim.previousHands[hand];
    const g = root.current;
    if (!g || !upper.current || !lower.current) return;
    g.visible = now.instrument !== null;
    const alpha = session.stepper.alpha;
    placeInterpolated(g, before.tip, now.tip, before.orientation, now.orientation, alpha);
    const jaw = before.jaw + (now.jaw - before.jaw) * alpha;
    const angle = OPEN_ANGLE * (1 - jaw);
    upper.current.rotation.y = angle;
    lower.current.rotation.y = -angle;
  });

  return (
    <group ref={root} name={`instrument-${hand}`}>
      {/* Jaws hinge 18 mm behind the tip. */}
      <group position={[0, 0, 0.018]}>
        <group ref={upper}>
          <mesh position={[0.0015, 0, -0.009]}>
            <boxGeometry args={[0.003, 0.004, 0.018]} />
            <meshStandardMaterial {...steel} />
          </mesh>
        </group>
        <group ref={lower}>
          <mesh position={[-0.0015, 0, -0.009]}>
            <boxGeometry args={[0.003, 0.004, 0.018]} />
            <meshStandardMaterial {...steel} />
          </mesh>
        </group>
        <mesh position={[0, 0, SHAFT_LENGTH / 2]} rotation={[Math.PI / 2, 0, 0]}>
          <cylinderGeometry args={[0.0025, 0.0025, SHAFT_LENGTH, 12]} />
          <meshStandardMaterial {...steel} />
        </mesh>
        <mesh position={[0, 0, SHAFT_LENGTH + 0.03]} rotation={[Math.PI / 2, 0, 0]}>
          <cylinderGeometry args={[0.009, 0.007, 0.06, 16]} />
          <meshStandardMaterial color="#2b3a4a" roughness={0.6} />
        </mesh>
      </group>
    </group>
  );
}
