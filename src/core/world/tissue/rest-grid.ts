import type { Particles } from './particles.ts';

/**
 * Broad phase for a sheet drawn as a regular grid: particles stay near their rest points (they are
 * anchored), so the ones near a point are those whose rest cell is near it, plus every copy made by
 * cutting (appended after the grid). `slack` is how far a particle may wander from rest and still be found.
 */
export class RestGrid {
  constructor(
    readonly first: number,
    readonly cols: number,
    readonly rows: number,
    readonly x0: number,
    readonly z0: number,
    readonly dx: number,
    readonly dz: number,
    readonly slack: number,
  ) {}

  /** Writes into `out` the particles that may lie within the box [minX, maxX] × [minZ, maxZ]; returns how many. */
  gather(p: Particles, minX: number, maxX: number, minZ: number, maxZ: number, out: Int32Array): number {
    const i0 = Math.max(0, Math.floor((minX - this.slack - this.x0) / this.dx));
    const i1 = Math.min(this.cols - 1, Math.ceil((maxX + this.slack - this.x0) / this.dx));
    const j0 = Math.max(0, Math.floor((minZ - this.slack - this.z0) / this.dz));
    const j1 = Math.min(this.rows - 1, Math.ceil((maxZ + this.slack - this.z0) / this.dz));
    let n = 0;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1 && n < out.length; i++) out[n++] = this.first + j * this.cols + i;
    }
    for (let k = this.first + this.cols * this.rows; k < p.count && n < out.length; k++) out[n++] = k;
    return n;
  }
}
