import type { SubstepConstraint } from './constraint.ts';
import { DistanceConstraints } from './distance.ts';
import type { Particles } from './particles.ts';
import { closestOnSegment } from './segment.ts';

const MAX_PUNCTURES = 32;

export interface ThreadOptions {
  segments: number;
  spacing: number;
  /** Inverse mass of one thread particle. */
  invMass: number;
  tag: number;
  bendCompliance: number;
}

/**
 * Suture thread as an XPBD rope: inextensible segments, bending as distance constraints two particles
 * apart, the head pinned to the needle's tail, and sliding constraints that make the thread pass
 * through each puncture of the tissue while it slides freely along itself (after iMSTK's thread
 * insertion constraint). Particle 0 is the head at the needle.
 */
export class SutureThread implements SubstepConstraint {
  readonly first: number;
  readonly segments: number;
  readonly stretch: DistanceConstraints;
  readonly bend: DistanceConstraints;
  /** Needle tail position at the start and end of the tick (the head follows it). */
  readonly headFrom = new Float64Array(3);
  readonly headTo = new Float64Array(3);
  headPinned = 1;
  /** Tissue particle of each puncture, its parameter along the thread (segment + fraction), active flag. */
  readonly punctureParticle = new Int32Array(MAX_PUNCTURES);
  readonly punctureU = new Float64Array(MAX_PUNCTURES);
  readonly punctureActive = new Uint8Array(MAX_PUNCTURES);
  punctureCount = 0;
  /** The thread stays above this height (the skin surface) except near a puncture it passes through. */
  floorY = Number.NEGATIVE_INFINITY;
  /** Extent (x, z) of the tissue the floor stands for; outside it the thread rests on `outerFloorY`. */
  readonly floorMin = new Float64Array(2);
  readonly floorMax = new Float64Array(2);
  outerFloorY = Number.NEGATIVE_INFINITY;

  constructor(p: Particles, start: readonly number[], direction: readonly number[], options: ThreadOptions) {
    this.segments = options.segments;
    this.stretch = new DistanceConstraints(options.segments);
    this.bend = new DistanceConstraints(options.segments);
    const d = Math.hypot(direction[0]!, direction[1]!, direction[2]!);
    this.first = p.count;
    for (let i = 0; i <= options.segments; i++) {
      const f = (i * options.spacing) / d;
      p.add(start[0]! + direction[0]! * f, start[1]! + direction[1]! * f, start[2]! + direction[2]! * f, options.invMass, options.tag, i / options.segments);
    }
    for (let i = 0; i < options.segments; i++) this.stretch.add(this.first + i, this.first + i + 1, options.spacing, 0);
    for (let i = 0; i + 2 <= options.segments; i++) {
      this.bend.add(this.first + i, this.first + i + 2, 2 * options.spacing, options.bendCompliance);
    }
    this.headFrom.set(start.slice(0, 3));
    this.headTo.set(start.slice(0, 3));
    p.invMass[this.first] = 0;
  }

  /** Threads the tissue particle as a puncture the thread passes through, at parameter u. */
  addPuncture(tissueParticle: number, u: number, active: boolean): number {
    if (this.punctureCount >= MAX_PUNCTURES) return -1;
    const k = this.punctureCount++;
    this.punctureParticle[k] = tissueParticle;
    this.punctureU[k] = u;
    this.punctureActive[k] = active ? 1 : 0;
    return k;
  }

  solve(p: Particles, _h: number, frac: number): void {
    const x = p.pos;
    const f = this.first;
    if (this.headPinned === 1) {
      for (let c = 0; c < 3; c++) x[3 * f + c] = this.headFrom[c]! + (this.headTo[c]! - this.headFrom[c]!) * frac;
    }
    for (let k = 0; k < this.punctureCount; k++) {
      if (this.punctureActive[k] === 1) this.slide(p, k);
    }
    if (this.floorY > Number.NEGATIVE_INFINITY) this.keepAboveFloor(p);
  }

  private slide(p: Particles, k: number): void {
    const x = p.pos;
    const f = this.first;
    const P = this.punctureParticle[k]!;
    // Search the segments around the previous parameter for the point of the thread nearest the puncture.
    const u = this.punctureU[k]!;
    const lo = Math.max(0, Math.floor(u) - 2);
    const hi = Math.min(this.segments - 1, Math.floor(u) + 2);
    let best = Number.POSITIVE_INFINITY;
    let bestSeg = lo;
    let bestT = 0;
    for (let s = lo; s <= hi; s++) {
      if (this.stretch.alive[s] === 0) continue;
      const t = closestOnSegment(x, 3 * P, x, 3 * (f + s), x, 3 * (f + s + 1));
      const a = 3 * (f + s),
        b = a + 3;
      const dx = x[a]! + (x[b]! - x[a]!) * t - x[3 * P]!;
      const dy = x[a + 1]! + (x[b + 1]! - x[a + 1]!) * t - x[3 * P + 1]!;
      const dz = x[a + 2]! + (x[b + 2]! - x[a + 2]!) * t - x[3 * P + 2]!;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < best) {
        best = d2;
        bestSeg = s;
        bestT = t;
      }
    }
    this.punctureU[k] = bestSeg + bestT;
    // Thread pulled out past its end: the puncture no longer holds it.
    if ((bestSeg === this.segments - 1 && bestT >= 1) || best === Number.POSITIVE_INFINITY) {
      this.punctureActive[k] = 0;
      return;
    }
    const i = f + bestSeg,
      j = i + 1;
    const wi = p.invMass[i]! * (1 - bestT) * (1 - bestT);
    const wj = p.invMass[j]! * bestT * bestT;
    const wp = p.invMass[P]!;
    const wsum = wi + wj + wp;
    if (wsum === 0 || best < 1e-16) return;
    const a = 3 * i,
      b = 3 * j;
    for (let c = 0; c < 3; c++) {
      const gap = x[a + c]! + (x[b + c]! - x[a + c]!) * bestT - x[3 * P + c]!;
      const s = gap / wsum;
      x[a + c] = x[a + c]! - p.invMass[i]! * (1 - bestT) * s;
      x[b + c] = x[b + c]! - p.invMass[j]! * bestT * s;
      x[3 * P + c] = x[3 * P + c]! + wp * s;
    }
  }

  private keepAboveFloor(p: Particles): void {
    const x = p.pos;
    for (let s = 0; s <= this.segments; s++) {
      const i = this.first + s;
      if (p.invMass[i] === 0) continue;
      const inside =
        x[3 * i]! >= this.floorMin[0]! && x[3 * i]! <= this.floorMax[0]! && x[3 * i + 2]! >= this.floorMin[1]! && x[3 * i + 2]! <= this.floorMax[1]!;
      const floor = inside ? this.floorY : this.outerFloorY;
      if (x[3 * i + 1]! >= floor || (inside && this.nearActivePuncture(s))) continue;
      x[3 * i + 1] = floor;
    }
  }

  private nearActivePuncture(s: number): boolean {
    for (let k = 0; k < this.punctureCount; k++) {
      if (this.punctureActive[k] === 1 && Math.abs(this.punctureU[k]! - s) < 2.5) return true;
    }
    return false;
  }

  /** Cuts the thread at segment s (scissors): the part beyond is a loose tail. */
  cutAt(s: number): void {
    if (s < 0 || s >= this.segments) return;
    this.stretch.alive[s] = 0;
    if (s - 1 >= 0) this.bend.alive[s - 1] = 0;
    if (s < this.bend.count) this.bend.alive[s] = 0;
  }

  /** Thread length (m) from a point at parameter s to the nearest active puncture: a tail's length. */
  tailLength(s: number, spacing: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.punctureCount; k++) {
      if (this.punctureActive[k] === 1) best = Math.min(best, Math.abs(s - this.punctureU[k]!) * spacing);
    }
    return best;
  }
}
