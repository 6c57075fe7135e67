import { BackSide, FrontSide, type Side } from 'three';
import { TABLE_CENTRE, TABLE_SIZE, TRAY_CENTRE } from '../core/kernel/index.ts';
import { TrayInstruments } from './TrayInstruments.tsx';
import type { RenderQuality } from '../app/render-quality.ts';

/**
 * A rough, non-metallic surface. On a software renderer (low quality) the big room surfaces fill most of
 * the screen, and as standard (physically based) materials each cost ~30 ms a frame at 640×400: drawn
 * Lambert they cost half (docs/performance.md).
 */
function Matte({ quality, color, side = FrontSide }: { quality: RenderQuality; color: string; side?: Side }) {
  return quality === 'high' ? <meshStandardMaterial color={color} roughness={0.9} side={side} /> : <meshLambertMaterial color={color} side={side} />;
}

/** The theatre around the worksite: floor, walls, operating table, instrument tray with the protocol's instruments, lights. */
export function OperatingRoom({ quality }: { quality: RenderQuality }) {
  return (
    <group name="operating-room">
      <hemisphereLight args={['#dfe9f3', '#3a4048', 0.6]} />
      {/* The operating light: a bright, slightly warm key light from above the table. */}
      <spotLight
        position={[0.3, 2.4, -0.2]}
        angle={0.5}
        penumbra={0.4}
        intensity={6}
        decay={1.2}
        color="#fff6e8"
        castShadow
        shadow-mapSize={[1024, 1024]}
        target-position={[TABLE_CENTRE[0], TABLE_CENTRE[1], TABLE_CENTRE[2]]}
      />
      <directionalLight position={[-2, 3, 2]} intensity={0.6} />

      <mesh rotation={[-Math.PI / 2, 0, 0]} receiveShadow name="floor">
        <planeGeometry args={[8, 8]} />
        <Matte quality={quality} color="#7d8c86" />
      </mesh>
      <mesh position={[0, 1.5, -1]} name="walls">
        <boxGeometry args={[8, 3, 8]} />
        <Matte quality={quality} color="#9fb7b0" side={BackSide} />
      </mesh>

      {/* Operating table: top with drapes, column, base. */}
      <mesh position={TABLE_CENTRE} receiveShadow name="table-top">
        <boxGeometry args={TABLE_SIZE} />
        <Matte quality={quality} color="#1e4d57" />
      </mesh>
      <mesh position={[TABLE_CENTRE[0], TABLE_CENTRE[1] / 2, TABLE_CENTRE[2]]}>
        <cylinderGeometry args={[0.08, 0.1, TABLE_CENTRE[1], 16]} />
        <meshStandardMaterial color="#8a9096" metalness={0.6} roughness={0.4} />
      </mesh>
      <mesh position={[TABLE_CENTRE[0], 0.03, TABLE_CENTRE[2]]}>
        <boxGeometry args={[0.5, 0.06, 0.8]} />
        <meshStandardMaterial color="#6b7177" metalness={0.5} roughness={0.5} />
      </mesh>

      {/* Instrument tray (Mayo stand) to the trainee's right. */}
      <group position={TRAY_CENTRE} name="instrument-tray">
        <mesh receiveShadow>
          <boxGeometry args={[0.45, 0.02, 0.32]} />
          <meshStandardMaterial color="#c7cdd2" metalness={0.7} roughness={0.3} />
        </mesh>
        <mesh position={[0, 0.011, 0]}>
          <boxGeometry args={[0.42, 0.002, 0.29]} />
          <Matte quality={quality} color="#2c6e9b" />
        </mesh>
        <mesh position={[0, -0.45, 0]}>
          <cylinderGeometry args={[0.015, 0.015, 0.9, 8]} />
          <meshStandardMaterial color="#8a9096" metalness={0.6} roughness={0.4} />
        </mesh>
      </group>
      <TrayInstruments />
    </group>
  );
}
