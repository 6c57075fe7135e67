import { dynamicPart, type RenderPart } from '../anatomy/render-part.ts';
import type { Particles } from '../tissue/particles.ts';
import type { Rods } from '../tissue/rods.ts';

const AROUND = 8;

/** A dynamic tube mesh around one rod's particles: rings of 8 vertices, one quad strip per live segment. */
export class TubeRender {
  readonly part: RenderPart;
  private renderedPieces = -1;

  constructor(
    private readonly rods: Rods,
    private readonly rod: number,
    part: Pick<RenderPart, 'name' | 'structureId' | 'material'>,
  ) {
    const n = rods.length[rod]!;
    this.part = dynamicPart(part.name, part.structureId, part.material, n * AROUND, new Uint32Array((n - 1) * AROUND * 6));
  }

  /** Forces the indices to be rewritten on the next update (after a restore). */
  invalidate(): void {
    this.renderedPieces = -1;
  }

  update(p: Particles): void {
    const rods = this.rods;
    const n = rods.length[this.rod]!;
    const f = rods.first[this.rod]!;
    const r = rods.radius[this.rod]!;
    const pos = p.pos;
    const out = this.part.positions;
    const nrm = this.part.normals;
    for (let i = 0; i < n; i++) {
      const a = 3 * (f + Math.max(0, i - 1));
      const b = 3 * (f + Math.min(n - 1, i + 1));
      let tx = pos[b]! - pos[a]!,
        ty = pos[b + 1]! - pos[a + 1]!,
        tz = pos[b + 2]! - pos[a + 2]!;
      const tl = Math.sqrt(tx * tx + ty * ty + tz * tz) || 1;
      tx /= tl;
      ty /= tl;
      tz /= tl;
      // u = t × up (or t × x when the tube stands vertical), v = t × u.
      let ux = -tz,
        uy = 0,
        uz = tx;
      if (ux * ux + uz * uz < 1e-6) {
        ux = 0;
        uy = tz;
        uz = -ty;
      }
      const ul = Math.sqrt(ux * ux + uy * uy + uz * uz);
      ux /= ul;
      uy /= ul;
      uz /= ul;
      const vx = ty * uz - tz * uy,
        vy = tz * ux - tx * uz,
        vz = tx * uy - ty * ux;
      const c = 3 * (f + i);
      for (let j = 0; j < AROUND; j++) {
        const th = (2 * Math.PI * j) / AROUND;
        const cs = Math.cos(th),
          sn = Math.sin(th);
        const nx = cs * ux + sn * vx,
          ny = cs * uy + sn * vy,
          nz = cs * uz + sn * vz;
        const k = 3 * (i * AROUND + j);
        out[k] = pos[c]! + r * nx;
        out[k + 1] = pos[c + 1]! + r * ny;
        out[k + 2] = pos[c + 2]! + r * nz;
        nrm[k] = nx;
        nrm[k + 1] = ny;
        nrm[k + 2] = nz;
      }
    }
    const pieces = rods.pieces(this.rod);
    if (pieces !== this.renderedPieces) this.writeIndices(n);
  }

  private writeIndices(n: number): void {
    const idx = this.part.indices;
    let k = 0;
    for (let i = 0; i + 1 < n; i++) {
      if (!this.rods.segmentAlive(this.rod, i)) continue;
      for (let j = 0; j < AROUND; j++) {
        const a = i * AROUND + j,
          b = i * AROUND + ((j + 1) % AROUND);
        idx[k++] = a;
        idx[k++] = b;
        idx[k++] = b + AROUND;
        idx[k++] = a;
        idx[k++] = b + AROUND;
        idx[k++] = a + AROUND;
      }
    }
    this.part.indexCount = k;
    this.renderedPieces = this.rods.pieces(this.rod);
    this.part.topologyVersion++;
  }
}
