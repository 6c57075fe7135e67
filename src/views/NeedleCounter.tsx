import { NEEDLE_COUNTER_CENTRE, NEEDLE_COUNTER_RADIUS } from '../core/kernel/index.ts';

/** The sharps counter beside the skin pad, where the needle goes when the closure is done. */
export function NeedleCounter() {
  return (
    <group position={NEEDLE_COUNTER_CENTRE} name="needle-counter">
      <mesh position={[0, -0.004, 0]} receiveShadow>
        <cylinderGeometry args={[NEEDLE_COUNTER_RADIUS, NEEDLE_COUNTER_RADIUS, 0.012, 24]} />
        <meshStandardMaterial color="#c0392b" roughness={0.6} />
      </mesh>
      <mesh position={[0, 0.0025, 0]} rotation={[-Math.PI / 2, 0, 0]}>
        <circleGeometry args={[NEEDLE_COUNTER_RADIUS * 0.8, 24]} />
        <meshStandardMaterial color="#f2f2f2" roughness={0.9} />
      </mesh>
    </group>
  );
}
