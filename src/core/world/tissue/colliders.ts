import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/**
 * Instrument tips as spheres that push particles out of them. The sphere moves from its previous to
 * its current tick position across the substeps. The push each tip gives, converted to a force
 * (m·Δx/h², the XPBD reading of a constraint force), is summed for the contact events.
 */
export class TipColliders implements SubstepConstraint {
  readonly from = new Float64Array(6);
  readonly to = new Float64Array(6);
  readonly radius = new Float64Array(2);
  readonly enabled = new Uint8Array(2);
  /** Per tip: summed force (N) over the substeps of the tick; divide by the substep count. */
  readonly force = new Float64Array(2);
  /** Per tip: the particle pushed hardest this tick, or -1. */
  readonly hardest = new Int32Array(2);
  private readonly hardestPush = new Float64Array(2);
  /** Particles tested: [first, end) of the particle array, unless a tip has its own candidate list. */
  first = 0;
  end = 0;
  /** Per tip: particles to test instead of the range (from a broad phase), or null. */
  readonly candidates: [Int32Array | null, Int32Array | null] = [null, null];
  readonly candidateCount = new Int32Array(2);

  set(tip: number, from: ArrayLike<number>, to: ArrayLike<number>, radius: number, enabled: boolean): void {
    for (let k = 0; k < 3; k++) {
      this.from[3 * tip + k] = from[k]!;
      this.to[3 * tip + k] = to[k]!;
    }
    this.radius[tip] = radius;
    this.enabled[tip] = enabled ? 1 : 0;
    this.force[tip] = 0;
    this.hardest[tip] = -1;
    this.hardestPush[tip] = 0;
  }

  solve(p: Particles, h: number, frac: number): void {
    const pos = p.pos;
    const end = Math.min(this.end, p.count);
    for (let t = 0; t < 2; t++) {
      if (this.enabled[t] === 0) continue;
      const cx = this.from[3 * t]! + (this.to[3 * t]! - this.from[3 * t]!) * frac;
      const cy = this.from[3 * t + 1]! + (this.to[3 * t + 1]! - this.from[3 * t + 1]!) * frac;
      const cz = this.from[3 * t + 2]! + (this.to[3 * t + 2]! - this.from[3 * t + 2]!) * frac;
      const r = this.radius[t]!;
      const r2 = r * r;
      let force = 0;
      const list = this.candidates[t] ?? null;
      const n = list ? this.candidateCount[t]! : end - this.first;
      for (let c = 0; c < n; c++) {
        const i = list ? list[c]! : this.first + c;
        const dx = pos[3 * i]! - cx;
        const dy = pos[3 * i + 1]! - cy;
        const dz = pos[3 * i + 2]! - cz;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 >= r2) continue;
        const w = p.invMass[i]!;
        if (w === 0) continue;
        const d = Math.sqrt(d2);
        const push = r - d;
        // A particle exactly at the centre is pushed up: the side the instruments come from.
        const nx = d > 1e-12 ? dx / d : 0,
          ny = d > 1e-12 ? dy / d : 1,
          nz = d > 1e-12 ? dz / d : 0;
        pos[3 * i] = pos[3 * i]! + nx * push;
        pos[3 * i + 1] = pos[3 * i + 1]! + ny * push;
        pos[3 * i + 2] = pos[3 * i + 2]! + nz * push;
        force += push / (w * h * h);
        if (push > this.hardestPush[t]!) {
          this.hardestPush[t] = push;
          this.hardest[t] = i;
        }
      }
      this.force[t] = this.force[t]! + force;
    }
  }
}

/** Static ellipsoids (an organ that does not deform here, e.g. the liver) that particles stay outside. */
export class EllipsoidColliders implements SubstepConstraint {
  private readonly data: number[] = [];
  first = 0;
  end = 0;

  add(centre: readonly number[], radii: readonly number[]): void {
    this.data.push(centre[0]!, centre[1]!, centre[2]!, radii[0]!, radii[1]!, radii[2]!);
  }

  solve(p: Particles): void {
    const pos = p.pos;
    const end = Math.min(this.end, p.count);
    for (let e = 0; e < this.data.length; e += 6) {
      const cx = this.data[e]!,
        cy = this.data[e + 1]!,
        cz = this.data[e + 2]!;
      const rx = this.data[e + 3]!,
        ry = this.data[e + 4]!,
        rz = this.data[e + 5]!;
      for (let i = this.first; i < end; i++) {
        if (p.invMass[i] === 0) continue;
        const qx = (pos[3 * i]! - cx) / rx,
          qy = (pos[3 * i + 1]! - cy) / ry,
          qz = (pos[3 * i + 2]! - cz) / rz;
        const q2 = qx * qx + qy * qy + qz * qz;
        if (q2 >= 1 || q2 < 1e-12) continue;
        // Radial projection in the ellipsoid's scaled space: not the closest point, but stable and cheap.
        const k = 1 / Math.sqrt(q2);
        pos[3 * i] = cx + qx * k * rx;
        pos[3 * i + 1] = cy + qy * k * ry;
        pos[3 * i + 2] = cz + qz * k * rz;
      }
    }
  }
}
