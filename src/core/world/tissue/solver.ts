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
    const inv = 1 / h;
    const { pos, prev, vel, invMass } = p;
    const constraints = this.constraints;
    this.predict(p.count, h, gh, keep);
    for (let sub = 0; sub < n; sub++) {
      const frac = (sub + 1) / n;
      for (let c = 0; c < constraints.length; c++) constraints[c]!.solve(p, h, frac);
      // Velocities from this substep's motion, fused with the next substep's prediction (per particle, so
      // the arithmetic is the same as two passes).
      const count = p.count;
      const last = sub === n - 1;
      for (let i = 0; i < count; i++) {
        const k = 3 * i;
        const x = pos[k]!,
          y = pos[k + 1]!,
          z = pos[k + 2]!;
        let vx = (x - prev[k]!) * inv,
          vy = (y - prev[k + 1]!) * inv,
          vz = (z - prev[k + 2]!) * inv;
        if (!last) {
          prev[k] = x;
          prev[k + 1] = y;
          prev[k + 2] = z;
          if (invMass[i] !== 0) {
            vx = vx * keep;
            vy = (vy + gh) * keep;
            vz = vz * keep;
            pos[k] = x + vx * h;
            pos[k + 1] = y + vy * h;
            pos[k + 2] = z + vz * h;
          }
        }
        vel[k] = vx;
        vel[k + 1] = vy;
        vel[k + 2] = vz;
      }
    }
  }

  /** The first substep's prediction: remember the position, damp, add gravity, move (free particles only). */
  private predict(count: number, h: number, gh: number, keep: number): void {
    const { pos, prev, vel, invMass } = this.particles;
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
  }
}
