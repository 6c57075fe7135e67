import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/** Most particles one hand's jaws hold. */
export const PER_HAND = 8;

/**
 * Grasping pins particles to an instrument's jaws: while held, a particle has no inverse mass and
 * follows the tip (from its previous to its current position across the substeps) at a fixed offset.
 * The force the jaws apply is what the constraints pull the held particles away by (m·Δx/h²).
 */
export class GraspPins implements SubstepConstraint {
  readonly particles = new Int32Array(2 * PER_HAND);
  readonly offsets = new Float64Array(2 * PER_HAND * 3);
  readonly counts = new Int32Array(2);
  readonly from = new Float64Array(6);
  readonly to = new Float64Array(6);
  /** Per hand: summed pull (N, vector) over the substeps of the tick. */
  readonly pull = new Float64Array(6);
  private readonly best = new Float64Array(PER_HAND);

  isHolding(hand: number): boolean {
    return this.counts[hand]! > 0;
  }

  /** The first particle a hand holds (the nearest to the jaws when taken); meaningful while it holds. */
  held(hand: number): number {
    return this.particles[hand * PER_HAND]!;
  }

  setTip(hand: number, from: ArrayLike<number>, to: ArrayLike<number>): void {
    for (let k = 0; k < 3; k++) {
      this.from[3 * hand + k] = from[k]!;
      this.to[3 * hand + k] = to[k]!;
      this.pull[3 * hand + k] = 0;
    }
  }

  /** Grabs up to `max` free particles of [first, end) within `radius` of the tip, nearest first. */
  grab(p: Particles, hand: number, tip: ArrayLike<number>, radius: number, first: number, end: number, max = 4): number {
    this.release(p, hand);
    const n = Math.min(max, PER_HAND);
    let found = 0;
    const base = hand * PER_HAND;
    const r2 = radius * radius;
    for (let i = first; i < Math.min(end, p.count); i++) {
      if (p.invMass[i] === 0) continue;
      const d2 = p.distanceSq(i, tip[0]!, tip[1]!, tip[2]!);
      if (d2 > r2) continue;
      // Insertion into the sorted best list; ties keep the lower index first.
      let k: number;
      if (found < n) k = found++;
      else if (d2 >= this.best[n - 1]!) continue;
      else k = n - 1;
      while (k > 0 && this.best[k - 1]! > d2) {
        this.best[k] = this.best[k - 1]!;
        this.particles[base + k] = this.particles[base + k - 1]!;
        k--;
      }
      this.best[k] = d2;
      this.particles[base + k] = i;
    }
    for (let k = 0; k < found; k++) {
      const i = this.particles[base + k]!;
      for (let c = 0; c < 3; c++) this.offsets[3 * (base + k) + c] = p.pos[3 * i + c]! - tip[c]!;
      p.invMass[i] = 0;
    }
    this.counts[hand] = found;
    return found;
  }

  /**
   * Closed jaws squeeze what they hold into a ridge along them: each held particle's offset across the jaw line
   * (the unit `axis` through the tip) shrinks to `keep` of itself, its offset along the line stays. The wall round
   * the bite is drawn in: a pinch, not a rigid patch carried off.
   */
  pinch(hand: number, axis: ArrayLike<number>, keep: number): void {
    const base = hand * PER_HAND;
    for (let k = 0; k < this.counts[hand]!; k++) {
      const o = 3 * (base + k);
      const along = this.offsets[o]! * axis[0]! + this.offsets[o + 1]! * axis[1]! + this.offsets[o + 2]! * axis[2]!;
      for (let c = 0; c < 3; c++) this.offsets[o + c] = along * axis[c]! + keep * (this.offsets[o + c]! - along * axis[c]!);
    }
  }

  /**
   * Lets go of the held particles whose `flags` entry is not `value` (taken across a cut with the ones that
   * are), and of all but the nearest `max` of those that are.
   */
  keepOnly(p: Particles, hand: number, flags: Uint8Array, value: number, max = PER_HAND): void {
    const base = hand * PER_HAND;
    let kept = 0;
    for (let k = 0; k < this.counts[hand]!; k++) {
      const i = this.particles[base + k]!;
      if (flags[i] !== value || kept === max) {
        p.invMass[i] = p.baseInvMass[i]!;
        continue;
      }
      this.particles[base + kept] = i;
      for (let c = 0; c < 3; c++) this.offsets[3 * (base + kept) + c] = this.offsets[3 * (base + k) + c]!;
      kept++;
    }
    this.counts[hand] = kept;
  }

  release(p: Particles, hand: number): void {
    const base = hand * PER_HAND;
    for (let k = 0; k < this.counts[hand]!; k++) {
      const i = this.particles[base + k]!;
      p.invMass[i] = p.baseInvMass[i]!;
    }
    this.counts[hand] = 0;
  }

  solve(p: Particles, h: number, frac: number): void {
    const pos = p.pos;
    for (let hand = 0; hand < 2; hand++) {
      const base = hand * PER_HAND;
      for (let k = 0; k < this.counts[hand]!; k++) {
        const i = this.particles[base + k]!;
        const m = 1 / p.baseInvMass[i]!;
        for (let c = 0; c < 3; c++) {
          const target = this.from[3 * hand + c]! + (this.to[3 * hand + c]! - this.from[3 * hand + c]!) * frac + this.offsets[3 * (base + k) + c]!;
          this.pull[3 * hand + c] = this.pull[3 * hand + c]! + (m * (pos[3 * i + c]! - target)) / (h * h);
          pos[3 * i + c] = target;
        }
      }
    }
  }

  /** Magnitude of the mean pull of a hand's grasp over `substeps` substeps (N). */
  force(hand: number, substeps: number): number {
    return Math.hypot(this.pull[3 * hand]!, this.pull[3 * hand + 1]!, this.pull[3 * hand + 2]!) / substeps;
  }
}
