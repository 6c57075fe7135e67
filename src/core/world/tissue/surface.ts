import { DistanceConstraints } from './distance.ts';
import type { Particles } from './particles.ts';

export interface SurfaceConstraints {
  stretch: DistanceConstraints;
  bend: DistanceConstraints;
}

/**
 * Stretch constraints on every edge and bending constraints across every shared edge (between the two
 * opposite corners) of a fixed-topology triangle surface, e.g. a hollow organ's wall. Build time only.
 */
export function surfaceConstraints(p: Particles, tris: Int32Array, stretchCompliance: number, bendCompliance: number): SurfaceConstraints {
  const stretch = new DistanceConstraints(tris.length);
  const bend = new DistanceConstraints(tris.length);
  const open = new Map<number, number>();
  const stride = 1 << 20;
  for (let t = 0; t < tris.length / 3; t++) {
    for (let k = 0; k < 3; k++) {
      const a = tris[3 * t + k]!;
      const b = tris[3 * t + ((k + 1) % 3)]!;
      const opposite = tris[3 * t + ((k + 2) % 3)]!;
      const key = Math.min(a, b) * stride + Math.max(a, b);
      const other = open.get(key);
      if (other === undefined) {
        open.set(key, opposite);
        stretch.add(a, b, p.restDistance(a, b), stretchCompliance);
      } else {
        bend.add(opposite, other, p.restDistance(opposite, other), bendCompliance);
        open.delete(key);
      }
    }
  }
  return { stretch, bend };
}
