import { WORKSITE } from '../core/sim/index.ts';

/**
 * Stand-in anatomy for each scene until the generated anatomy is rendered: the right size, at the
 * worksite, so the instrument has a surface to work on.
 */
export function AnatomyPlaceholder({ scene }: { scene: string }) {
  const [x, y, z] = WORKSITE;
  switch (scene) {
    case 'skin-pad':
      return (
        <group position={[x, y, z]} name="anatomy-skin-pad">
          <mesh position={[0, 0.012, 0]} receiveShadow castShadow>
            <boxGeometry args={[0.16, 0.024, 0.1]} />
            <meshPhysicalMaterial color="#e0ac8f" roughness={0.45} clearcoat={0.3} clearcoatRoughness={0.5} />
          </mesh>
        </group>
      );
    case 'hepatobiliary':
      return (
        <group position={[x, y, z]} name="anatomy-hepatobiliary">
          <mesh position={[0, 0.04, -0.03]} scale={[1.6, 0.5, 1]} receiveShadow castShadow>
            <sphereGeometry args={[0.08, 32, 16]} />
            <meshPhysicalMaterial color="#7a2a22" roughness={0.35} clearcoat={0.6} />
          </mesh>
          <mesh position={[0.03, 0.045, 0.04]} rotation={[0.3, 0, -0.4]} scale={[1, 1, 2.2]} castShadow>
            <sphereGeometry args={[0.02, 24, 12]} />
            <meshPhysicalMaterial color="#5d7a3a" roughness={0.3} clearcoat={0.8} />
          </mesh>
        </group>
      );
    case 'pegboard':
      return (
        <group position={[x, y, z]} name="anatomy-pegboard">
          <mesh position={[0, 0.005, 0]} receiveShadow>
            <boxGeometry args={[0.28, 0.01, 0.14]} />
            <meshStandardMaterial color="#e8e4d8" roughness={0.8} />
          </mesh>
        </group>
      );
    default:
      return null;
  }
}
