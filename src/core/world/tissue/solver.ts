import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

export interface SolverOptions {
  substeps: number;
  gravity: number;
  /** Fraction of velocity lost per second (tissue is heavily damped). */
  damping: number;
}

/**
 * The XPBD loop of "Small Steps in Physics Simulation" (Macklin, Müller et al. 2019): per tick, n
 * substeps of predict → project every constraint group once, in a fixed order → derive velocities.
 */
export class XpbdSolver {
  readonly particles: Particles;
  readonly constraints: SubstepConstraint[] = [];
  readonly options: SolverOptions;

  constructor(particles: Particles, options: SolverOptions) {
    this.particles = particles;
    this.options = options;
  }

  step(dt: number): void {
    const p = this.particles;
    const n = this.options.substeps;
    const h = dt / n;
    const gh = -this.options.gravity * h;
    const keep = Math.max(0, 1 - this.options.damping * h);
    const { pos, prev, vel, invMass } = p;
    for (let sub = 0; sub < n; sub++) {
      const count = p.count;
      for (let i = 0; i < count; i++) {
        const k = 3 * i;
        prev[k] = pos[k]!;
        prev[k + 1] = pos[k + 1]!;
        prev[k + 2] = pos[k + 2]!;
        if (invMass[i] === 0) continue;
        vel[k] = vel[k]! * keep;
        vel[k + 1] = (vel[k + 1]! + gh) * keep;
        vel[k + 2] = vel[k + 2]! * keep;
        pos[k] = pos[k]! + vel[k]! * h;
        pos[k + 1] = pos[k + 1]! + vel[k + 1]! * h;
        pos[k + 2] = pos[k + 2]! + vel[k + 2]! * h;
      }
      const frac = (sub + 1) / n;
      for (let c = 0; c < this.constraints.length; c++) this.constraints[c]!.solve(p, h, frac);
      const inv = 1 / h;
      for (let i = 0; i < p.count; i++) {
        const k = 3 * i;
        vel[k] = (pos[k]! - prev[k]!) * inv;
        vel[k + 1] = (pos[k + 1]! - prev[k + 1]!) * inv;
        vel[k + 2] = (pos[k + 2]! - prev[k + 2]!) * inv;
      }
    }
  }
}
