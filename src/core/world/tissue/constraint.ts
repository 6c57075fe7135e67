import type { Particles } from './particles.ts';

/**
 * One group of constraints projected once per substep ("small steps": many substeps of one iteration
 * each, so the XPBD multiplier starts from zero every substep and need not be stored).
 * `frac` is the fraction of the tick elapsed at the end of this substep, for kinematic targets.
 */
export interface SubstepConstraint {
  solve(p: Particles, h: number, frac: number): void;
}
