import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import type { Mesh, MeshBasicMaterial } from 'three';
import type { Attempt } from '../core/attempt/attempt.ts';
import { viewTargetsOf } from '../core/attempt/view-targets.ts';
import { FRAME_ORDER } from './frame-order.ts';
import { laparoscopeView } from './laparoscope-view.ts';
import { OKABE_ITO } from './palette.ts';

/** Marker radius and the halo round the target to find (m). */
const MARKER_RADIUS = 0.005;
const HALO_RADIUS = 0.012;
/** One colour per target, in its order (the palette has six): told apart by place and halo too, not colour alone. */
const COLOURS: readonly string[] = Object.values(OKABE_ITO);
const colourOf = (k: number): string => COLOURS[k % COLOURS.length]!;
const DONE_COLOUR = '#6b6b6b';

/**
 * A camera-navigation drill's targets (the protocol's `viewTargets`): a coloured marker each, the one the active
 * step names ringed by a halo that faces the laparoscope, those already centred greyed. Unlit, so the scope's
 * picture shows them as they are. Read per frame from the attempt; nothing is React state.
 */
export function ViewTargets({ attempt }: { attempt: Attempt }) {
  const targets = useMemo(() => viewTargetsOf(attempt.protocol), [attempt]);
  /** The targets each step names (`targets:`), by step id. */
  const named = useMemo(() => new Map(attempt.protocol.steps.map((s) => [s.id, s.targets ?? []])), [attempt]);
  const markers = useRef<(Mesh | null)[]>([]);
  const halo = useRef<Mesh>(null);
  useFrame(() => {
    const step = attempt.currentStep();
    const lit = step ? (named.get(step.id) ?? []) : [];
    const records = attempt.engine.steps;
    let litAt = -1;
    targets.forEach((t, k) => {
      const marker = markers.current[k];
      if (!marker) return;
      const done = records.some((s) => s.status === 'completed' && named.get(s.id)?.includes(t.id));
      (marker.material as MeshBasicMaterial).color.set(done ? DONE_COLOUR : colourOf(k));
      if (lit.includes(t.id)) litAt = k;
    });
    const h = halo.current;
    if (!h) return;
    h.visible = litAt >= 0;
    if (litAt < 0) return;
    h.position.set(...targets[litAt]!.position);
    const eye = laparoscopeView(attempt.world).eye;
    h.lookAt(eye[0], eye[1], eye[2]);
  }, FRAME_ORDER.views);
  return (
    <group name="view-targets">
      {targets.map((t, k) => (
        <mesh
          key={t.id}
          name={t.id}
          position={t.position as [number, number, number]}
          ref={(m) => {
            markers.current[k] = m;
          }}
        >
          <sphereGeometry args={[MARKER_RADIUS, 16, 12]} />
          <meshBasicMaterial color={colourOf(k)} />
        </mesh>
      ))}
      <mesh ref={halo} name="view-target-halo" visible={false}>
        <torusGeometry args={[HALO_RADIUS, 0.0012, 8, 32]} />
        <meshBasicMaterial color="#ffffff" />
      </mesh>
    </group>
  );
}
