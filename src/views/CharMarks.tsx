import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { InstancedMesh, Matrix4, MeshBasicMaterial, SphereGeometry } from 'three';
import { CHAR_CAPACITY, type CharMarks as CharState } from '../core/world/energy/char-marks.ts';
import { FRAME_ORDER } from './frame-order.ts';

const matrix = new Matrix4();

/**
 * Char marks (docs/tissue.md, "Energy"): where the active hook touched tissue, a small dark spot half sunk into
 * the surface, as wide as the mark has grown and riding on the tissue it marks. One draw call for all of them.
 */
export function CharMarks({ char, positions }: { char: CharState; positions: ArrayLike<number> }) {
  const mesh = useMemo(() => {
    const m = new InstancedMesh(new SphereGeometry(0.5, 10, 6), new MeshBasicMaterial({ color: '#1c120c' }), CHAR_CAPACITY);
    m.name = 'char-marks';
    m.count = 0;
    m.frustumCulled = false;
    m.raycast = () => undefined;
    return m;
  }, []);

  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as MeshBasicMaterial).dispose();
    },
    [mesh],
  );

  useFrame(() => {
    const n = char.count;
    for (let m = 0; m < n; m++) {
      const size = char.size[m]!;
      matrix.makeScale(size, size * 0.6, size);
      matrix.setPosition(char.positionOf(m, 0, positions), char.positionOf(m, 1, positions), char.positionOf(m, 2, positions));
      mesh.setMatrixAt(m, matrix);
    }
    mesh.count = n;
    mesh.instanceMatrix.needsUpdate = true;
  }, FRAME_ORDER.views);

  return <primitive object={mesh} />;
}
