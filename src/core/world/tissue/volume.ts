import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/**
 * XPBD volume constraint over a closed, outward-wound triangle surface (a hollow organ under
 * pressure): V = pressure × V₀, where V = Σ x₀·(x₁ × x₂) / 6 and ∂V/∂xᵢ = Σ (xⱼ × xₖ) / 6 over its triangles.
 */
export class VolumeConstraint implements SubstepConstraint {
  readonly tris: Int32Array;
  readonly restVolume: number;
  compliance: number;
  pressure = 1;
  /** Particle range touched, for clearing the gradient buffer. */
  private readonly first: number;
  private readonly end: number;
  private readonly grad: Float64Array;

  constructor(p: Particles, tris: Int32Array, compliance: number) {
    this.tris = tris;
    this.compliance = compliance;
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const i of tris) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i + 1);
    }
    this.first = lo;
    this.end = hi;
    this.grad = new Float64Array((hi - lo) * 3);
    this.restVolume = this.volume(p);
  }

  volume(p: Particles): number {
    const x = p.pos;
    let v = 0;
    for (let t = 0; t < this.tris.length; t += 3) {
      const a = 3 * this.tris[t]!,
        b = 3 * this.tris[t + 1]!,
        c = 3 * this.tris[t + 2]!;
      v +=
        x[a]! * (x[b + 1]! * x[c + 2]! - x[b + 2]! * x[c + 1]!) +
        x[a + 1]! * (x[b + 2]! * x[c]! - x[b]! * x[c + 2]!) +
        x[a + 2]! * (x[b]! * x[c + 1]! - x[b + 1]! * x[c]!);
    }
    return v / 6;
  }

  solve(p: Particles, h: number): void {
    const x = p.pos;
    const g = this.grad;
    const f = this.first;
    g.fill(0);
    for (let t = 0; t < this.tris.length; t += 3) {
      const ia = this.tris[t]!,
        ib = this.tris[t + 1]!,
        ic = this.tris[t + 2]!;
      const a = 3 * ia,
        b = 3 * ib,
        c = 3 * ic;
      // x_b × x_c contributes to a, x_c × x_a to b, x_a × x_b to c.
      g[3 * (ia - f)] = g[3 * (ia - f)]! + x[b + 1]! * x[c + 2]! - x[b + 2]! * x[c + 1]!;
      g[3 * (ia - f) + 1] = g[3 * (ia - f) + 1]! + x[b + 2]! * x[c]! - x[b]! * x[c + 2]!;
      g[3 * (ia - f) + 2] = g[3 * (ia - f) + 2]! + x[b]! * x[c + 1]! - x[b + 1]! * x[c]!;
      g[3 * (ib - f)] = g[3 * (ib - f)]! + x[c + 1]! * x[a + 2]! - x[c + 2]! * x[a + 1]!;
      g[3 * (ib - f) + 1] = g[3 * (ib - f) + 1]! + x[c + 2]! * x[a]! - x[c]! * x[a + 2]!;
      g[3 * (ib - f) + 2] = g[3 * (ib - f) + 2]! + x[c]! * x[a + 1]! - x[c + 1]! * x[a]!;
      g[3 * (ic - f)] = g[3 * (ic - f)]! + x[a + 1]! * x[b + 2]! - x[a + 2]! * x[b + 1]!;
      g[3 * (ic - f) + 1] = g[3 * (ic - f) + 1]! + x[a + 2]! * x[b]! - x[a]! * x[b + 2]!;
      g[3 * (ic - f) + 2] = g[3 * (ic - f) + 2]! + x[a]! * x[b + 1]! - x[a + 1]! * x[b]!;
    }
    let denom = this.compliance / (h * h);
    for (let i = f; i < this.end; i++) {
      const k = 3 * (i - f);
      denom += (p.invMass[i]! * (g[k]! * g[k]! + g[k + 1]! * g[k + 1]! + g[k + 2]! * g[k + 2]!)) / 36;
    }
    if (denom < 1e-30) return;
    const C = this.volume(p) - this.pressure * this.restVolume;
    const s = -C / denom / 6;
    for (let i = f; i < this.end; i++) {
      const w = p.invMass[i]!;
      if (w === 0) continue;
      const k = 3 * (i - f);
      x[3 * i] = x[3 * i]! + s * w * g[k]!;
      x[3 * i + 1] = x[3 * i + 1]! + s * w * g[k + 1]!;
      x[3 * i + 2] = x[3 * i + 2]! + s * w * g[k + 2]!;
    }
  }
}
