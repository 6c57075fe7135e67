import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/**
 * XPBD triangle area constraints: area(i, j, k) = rest. The gradient of the area with respect to a
 * corner is ½ n̂ × (opposite edge), taken in the cyclic order of the triangle.
 */
export class AreaConstraints implements SubstepConstraint {
  readonly capacity: number;
  count = 0;
  readonly idx: Int32Array;
  readonly rest: Float64Array;
  compliance: number;

  constructor(capacity: number, compliance: number) {
    this.capacity = capacity;
    this.idx = new Int32Array(capacity * 3);
    this.rest = new Float64Array(capacity);
    this.compliance = compliance;
  }

  add(i: number, j: number, k: number, rest: number): void {
    if (this.count >= this.capacity) throw new Error(`area constraint capacity ${this.capacity} exceeded`);
    const c = this.count++;
    this.idx[3 * c] = i;
    this.idx[3 * c + 1] = j;
    this.idx[3 * c + 2] = k;
    this.rest[c] = rest;
  }

  clear(): void {
    this.count = 0;
  }

  solve(p: Particles, h: number): void {
    const pos = p.pos;
    const w = p.invMass;
    const alpha = this.compliance / (h * h);
    for (let c = 0; c < this.count; c++) {
      const i0 = this.idx[3 * c]!;
      const i1 = this.idx[3 * c + 1]!;
      const i2 = this.idx[3 * c + 2]!;
      const w0 = w[i0]!,
        w1 = w[i1]!,
        w2 = w[i2]!;
      if (w0 + w1 + w2 === 0) continue;
      const x0 = pos[3 * i0]!,
        y0 = pos[3 * i0 + 1]!,
        z0 = pos[3 * i0 + 2]!;
      const x1 = pos[3 * i1]!,
        y1 = pos[3 * i1 + 1]!,
        z1 = pos[3 * i1 + 2]!;
      const x2 = pos[3 * i2]!,
        y2 = pos[3 * i2 + 1]!,
        z2 = pos[3 * i2 + 2]!;
      const ex = x1 - x0,
        ey = y1 - y0,
        ez = z1 - z0;
      const fx = x2 - x0,
        fy = y2 - y0,
        fz = z2 - z0;
      let nx = ey * fz - ez * fy,
        ny = ez * fx - ex * fz,
        nz = ex * fy - ey * fx;
      const nl = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (nl < 1e-14) continue;
      const C = 0.5 * nl - this.rest[c]!;
      nx /= nl;
      ny /= nl;
      nz /= nl;
      // g_a = ½ n̂ × (x_c − x_b) for (a, b, c) cyclic.
      const g0x = 0.5 * (ny * (z2 - z1) - nz * (y2 - y1)),
        g0y = 0.5 * (nz * (x2 - x1) - nx * (z2 - z1)),
        g0z = 0.5 * (nx * (y2 - y1) - ny * (x2 - x1));
      const g1x = 0.5 * (ny * (z0 - z2) - nz * (y0 - y2)),
        g1y = 0.5 * (nz * (x0 - x2) - nx * (z0 - z2)),
        g1z = 0.5 * (nx * (y0 - y2) - ny * (x0 - x2));
      const g2x = -g0x - g1x,
        g2y = -g0y - g1y,
        g2z = -g0z - g1z;
      const denom = w0 * (g0x * g0x + g0y * g0y + g0z * g0z) + w1 * (g1x * g1x + g1y * g1y + g1z * g1z) + w2 * (g2x * g2x + g2y * g2y + g2z * g2z) + alpha;
      if (denom < 1e-20) continue;
      const s = -C / denom;
      pos[3 * i0] = pos[3 * i0]! + s * w0 * g0x;
      pos[3 * i0 + 1] = pos[3 * i0 + 1]! + s * w0 * g0y;
      pos[3 * i0 + 2] = pos[3 * i0 + 2]! + s * w0 * g0z;
      pos[3 * i1] = pos[3 * i1]! + s * w1 * g1x;
      pos[3 * i1 + 1] = pos[3 * i1 + 1]! + s * w1 * g1y;
      pos[3 * i1 + 2] = pos[3 * i1 + 2]! + s * w1 * g1z;
      pos[3 * i2] = pos[3 * i2]! + s * w2 * g2x;
      pos[3 * i2 + 1] = pos[3 * i2 + 1]! + s * w2 * g2y;
      pos[3 * i2 + 2] = pos[3 * i2 + 2]! + s * w2 * g2z;
    }
  }
}
