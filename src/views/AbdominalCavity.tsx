import { useEffect, useMemo } from 'react';
import { type Material, Mesh, SphereGeometry } from 'three';
import { WORKSITE } from '../core/kernel/or-layout.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { cavityMaterial } from './tissue-materials.ts';
import { INSIDE_BODY } from './LaparoscopeLight.tsx';

/** Half-axes of the insufflated cavity's dome over the worksite (m): wider than high, the scope's tip inside it. */
const RADII: [number, number, number] = [0.42, 0.32, 0.42];
/** The floor under the organs: just above the table top, which must not show through (m). */
const FLOOR_ABOVE_TABLE = 0.004;
/** The wall's texture repeats this many times around and from pole to pole. */
const UV_REPEAT: [number, number] = [16, 8];

/**
 * The abdominal wall behind the anatomy in the laparoscope's picture (instead of the operating room): the
 * inside of an ellipsoid around the worksite, shown only while that picture is filmed (`INSIDE_BODY`,
 * see LaparoscopeLight), so the room's view of the table is unchanged. View only: nothing collides with it.
 */
export function AbdominalCavity({ quality }: { quality: RenderQuality }) {
  const mesh = useMemo(() => {
    const geometry = new SphereGeometry(1, 48, 24);
    const uv = geometry.getAttribute('uv');
    for (let i = 0; i < uv.count; i++) uv.setXY(i, uv.getX(i) * UV_REPEAT[0], uv.getY(i) * UV_REPEAT[1]);
    // The upper half a dome, the lower half pressed flat into a floor with a slight dip toward its rim.
    const position = geometry.getAttribute('position');
    for (let i = 0; i < position.count; i++) {
      const y = position.getY(i);
      position.setXYZ(i, position.getX(i) * RADII[0], y > 0 ? y * RADII[1] : y * 0.01, position.getZ(i) * RADII[2]);
    }
    geometry.computeVertexNormals();
    const m = new Mesh(geometry, cavityMaterial(quality));
    m.name = 'abdominal-cavity';
    m.position.set(WORKSITE[0], WORKSITE[1] + FLOOR_ABOVE_TABLE + 0.01, WORKSITE[2] - 0.04);
    m.userData[INSIDE_BODY] = true;
    m.visible = false;
    return m;
  }, [quality]);
  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as Material).dispose();
    },
    [mesh],
  );
  return <primitive object={mesh} />;
}
