import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { Group, Mesh } from 'three';
import type { Hand } from '../core/sim/index.ts';
import type { LiveSession } from '../session/live-session.ts';
import { toolKind } from '../core/scenes/tools.ts';
import { instrumentSpec } from '../core/instruments/catalog.ts';
import { FRAME_ORDER } from './frame-order.ts';

/** Jaw opening angle at jaw = 0 (fully open), radians. */
const OPEN_ANGLE = 0.45;
const SHAFT_LENGTH = 0.2;
const steel = { color: '#b9c0c8', metalness: 0.9, roughness: 0.25 } as const;

/**
 * The instrument in one hand. The group's origin is the tip; the shaft runs back along local +z towards
 * the hand, jaws open in the local x–z plane. Which head shows (jaws, blade, hook) follows the instrument
 * held; pose and jaw come from this frame's input (see the frame callback).
 */
export function Instrument({ session, hand }: { session: LiveSession; hand: Hand }) {
  const root = useRef<Group>(null);
  const upper = useRef<Group>(null);
  const lower = useRef<Group>(null);
  const jaws = useRef<Group>(null);
  const blade = useRef<Group>(null);
  const hook = useRef<Group>(null);
  const shaft = useRef<Mesh>(null);
  const grip = useRef<Mesh>(null);

  useFrame(() => {
    // Drawn at the input read in this very frame (SimulationDriver runs first), not at the last tick's
    // state, which may predate it: the instrument adds no frame of latency to the hand. Paused, the
    // simulation's own pose, which is what stands still.
    const held = session.input.hands[hand];
    const frozen = session.paused;
    const instrument = frozen ? session.sim.hands[hand].instrument : held.instrument;
    const g = root.current;
    if (!g || !upper.current || !lower.current) return;
    g.visible = instrument !== null;
    const kind = toolKind(instrument);
    // Open instruments are hand-length; laparoscopic ones reach through a port.
    const length = instrumentSpec(instrument)?.shaftLength || SHAFT_LENGTH;
    if (shaft.current && grip.current) {
      shaft.current.scale.y = length / SHAFT_LENGTH;
      shaft.current.position.z = length / 2;
      grip.current.position.z = length + 0.03;
    }
    if (jaws.current && blade.current && hook.current) {
      blade.current.visible = kind === 'scalpel';
      hook.current.visible = kind === 'hook';
      jaws.current.visible = !blade.current.visible && !hook.current.visible;
    }
    const now = session.sim.hands[hand];
    const [x, y, z] = frozen ? now.tip : held.pose.position;
    const [qx, qy, qz, qw] = frozen ? now.orientation : held.pose.orientation;
    g.position.set(x, y, z);
    g.quaternion.set(qx, qy, qz, qw);
    const jaw = frozen ? now.jaw : held.jaw;
    const angle = OPEN_ANGLE * (1 - jaw);
    upper.current.rotation.y = angle;
    lower.current.rotation.y = -angle;
  }, FRAME_ORDER.views);

  return (
    <group ref={root} name={`instrument-${hand}`}>
      {/* Jaws hinge 18 mm behind the tip. */}
      <group ref={blade}>
        {/* #15 blade: a short curved cutting edge ahead of the handle. */}
        <mesh position={[0, 0.004, 0.012]}>
          <boxGeometry args={[0.0006, 0.008, 0.025]} />
          <meshStandardMaterial {...steel} />
        </mesh>
      </group>
      <group ref={hook}>
        {/* Hook electrode: a 5 mm L at the end of the shaft. */}
        <mesh position={[0, 0.0025, 0]}>
          <boxGeometry args={[0.0012, 0.005, 0.0012]} />
          <meshStandardMaterial {...steel} />
        </mesh>
        <mesh position={[0, 0.005, 0.009]}>
          <boxGeometry args={[0.0012, 0.0012, 0.018]} />
          <meshStandardMaterial {...steel} />
        </mesh>
      </group>
      <group position={[0, 0, 0.018]}>
        <group ref={jaws}>
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
        </group>
        <mesh ref={shaft} position={[0, 0, SHAFT_LENGTH / 2]} rotation={[Math.PI / 2, 0, 0]}>
          <cylinderGeometry args={[0.0025, 0.0025, SHAFT_LENGTH, 12]} />
          <meshStandardMaterial {...steel} />
        </mesh>
        <mesh ref={grip} position={[0, 0, SHAFT_LENGTH + 0.03]} rotation={[Math.PI / 2, 0, 0]}>
          <cylinderGeometry args={[0.009, 0.007, 0.06, 16]} />
          <meshStandardMaterial color="#2b3a4a" roughness={0.6} />
        </mesh>
      </group>
    </group>
  );
}
