import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { Group, Mesh } from 'three';
import type { Hand } from '../core/kernel/index.ts';
import { toolKind } from '../core/world/scenes/tools.ts';
import { instrumentSpec } from '../core/world/instruments/catalog.ts';
import { FRAME_ORDER } from './frame-order.ts';
import { type DrawnSession, drawnHand, emptyDrawnHand } from './drawn-hand.ts';

/** Jaw opening angle at jaw = 0 (fully open), radians. */
const OPEN_ANGLE = 0.45;
const SHAFT_LENGTH = 0.2;
const STEEL = { color: '#b9c0c8', metalness: 0.9, roughness: 0.25 } as const;
/** The expert's ghost: translucent, tinted, seen through tissue and the trainee's instrument (no depth test). */
const GHOST = {
  color: '#8fe4ff',
  emissive: '#2b9fd0',
  metalness: 0,
  roughness: 0.7,
  transparent: true,
  opacity: 0.5,
  depthWrite: false,
  depthTest: false,
} as const;

/**
 * The instrument in one hand. The group's origin is the tip; the shaft runs back along local +z towards
 * the hand, jaws open in the local x–z plane. Which head shows (jaws, blade, hook) follows the instrument
 * held; pose and jaw are this frame's input (`drawnHand`).
 */
export function Instrument({ session, hand, ghost = false }: { session: DrawnSession; hand: Hand; ghost?: boolean }) {
  const steel = ghost ? GHOST : STEEL;
  const root = useRef<Group>(null);
  const upper = useRef<Group>(null);
  const lower = useRef<Group>(null);
  const jaws = useRef<Group>(null);
  const blade = useRef<Group>(null);
  const hook = useRef<Group>(null);
  const shaft = useRef<Mesh>(null);
  const grip = useRef<Mesh>(null);

  const drawn = useMemo(emptyDrawnHand, []);

  useFrame(() => {
    const { instrument, position, orientation, jaw } = drawnHand(session, hand, drawn);
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
      // A suction cannula is an open tube: the shaft alone.
      jaws.current.visible = !blade.current.visible && !hook.current.visible && kind !== 'suction';
    }
    g.position.set(position[0]!, position[1]!, position[2]!);
    g.quaternion.set(orientation[0]!, orientation[1]!, orientation[2]!, orientation[3]!);
    const angle = OPEN_ANGLE * (1 - jaw);
    upper.current.rotation.y = angle;
    lower.current.rotation.y = -angle;
  }, FRAME_ORDER.views);

  return (
    <group ref={root} name={ghost ? `ghost-${hand}` : `instrument-${hand}`}>
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
          <meshStandardMaterial {...(ghost ? GHOST : { color: '#2b3a4a', roughness: 0.6 })} />
        </mesh>
      </group>
    </group>
  );
}
