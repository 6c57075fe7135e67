import { DistanceConstraints } from './distance.ts';
import type { Particles } from './particles.ts';
import { closestOnSegment } from './segment.ts';

export interface RodSpec {
  tag: number;
  /** Centreline, from s = 0 (gallbladder end) to s = 1 (patient side), resampled to `particles`. */
  centreline: readonly (readonly number[])[];
  particles: number;
  radius: number;
  invMass: number;
  stretchCompliance: number;
  bendCompliance: number;
  /** Particles at these ends are fixed in place (rooted in the patient). */
  fixStart: boolean;
  fixEnd: boolean;
}

export interface RodHit {
  rod: number;
  segment: number;
  t: number;
  distance: number;
}

/**
 * Tubular structures (ducts, arteries) as particle chains: stretch along the centreline, bending two
 * particles apart. A cut kills the constraints across one segment, so the chain falls into two pieces.
 */
export class Rods {
  readonly stretch: DistanceConstraints;
  readonly bend: DistanceConstraints;
  readonly first: number[] = [];
  readonly length: number[] = [];
  readonly stretchFirst: number[] = [];
  readonly bendFirst: number[] = [];
  readonly tag: number[] = [];
  readonly radius: number[] = [];

  constructor(capacity: number) {
    this.stretch = new DistanceConstraints(capacity);
    this.bend = new DistanceConstraints(capacity);
  }

  get count(): number {
    return this.first.length;
  }

  add(p: Particles, spec: RodSpec): number {
    const rod = this.first.length;
    const n = spec.particles;
    const first = p.count;
    const pts = resample(spec.centreline, n);
    for (let i = 0; i < n; i++) {
      const fixed = (i === 0 && spec.fixStart) || (i === n - 1 && spec.fixEnd);
      p.add(pts[3 * i]!, pts[3 * i + 1]!, pts[3 * i + 2]!, fixed ? 0 : spec.invMass, spec.tag, i / (n - 1));
    }
    this.first.push(first);
    this.length.push(n);
    this.stretchFirst.push(this.stretch.count);
    this.bendFirst.push(this.bend.count);
    this.tag.push(spec.tag);
    this.radius.push(spec.radius);
    for (let i = 0; i + 1 < n; i++) this.stretch.add(first + i, first + i + 1, p.restDistance(first + i, first + i + 1), spec.stretchCompliance);
    for (let i = 0; i + 2 < n; i++) this.bend.add(first + i, first + i + 2, p.restDistance(first + i, first + i + 2), spec.bendCompliance);
    return rod;
  }

  /** Divides rod `rod` at segment `segment`. Returns false if it was already divided there. */
  cutAt(rod: number, segment: number): boolean {
    const c = this.stretchFirst[rod]! + segment;
    if (this.stretch.alive[c] === 0) return false;
    this.stretch.alive[c] = 0;
    const b = this.bendFirst[rod]!;
    const bends = this.length[rod]! - 2;
    if (segment - 1 >= 0 && segment - 1 < bends) this.bend.alive[b + segment - 1] = 0;
    if (segment < bends) this.bend.alive[b + segment] = 0;
    return true;
  }

  segmentAlive(rod: number, segment: number): boolean {
    return this.stretch.alive[this.stretchFirst[rod]! + segment] === 1;
  }

  /** Connected pieces of a rod (1 whole, 2 after one cut, …). */
  pieces(rod: number): number {
    let n = 1;
    for (let s = 0; s + 1 < this.length[rod]!; s++) if (!this.segmentAlive(rod, s)) n++;
    return n;
  }

  /** Nearest point of a rod's surface to (x, y, z): segment, parameter, distance from the surface. */
  nearest(p: Particles, rod: number, point: Float64Array, out: RodHit): RodHit {
    const f = this.first[rod]!;
    out.rod = rod;
    out.distance = Number.POSITIVE_INFINITY;
    for (let s = 0; s + 1 < this.length[rod]!; s++) {
      const t = closestOnSegment(point, 0, p.pos, 3 * (f + s), p.pos, 3 * (f + s + 1));
      const a = 3 * (f + s);
      const dx = p.pos[a]! + (p.pos[a + 3]! - p.pos[a]!) * t - point[0]!;
      const dy = p.pos[a + 1]! + (p.pos[a + 4]! - p.pos[a + 1]!) * t - point[1]!;
      const dz = p.pos[a + 2]! + (p.pos[a + 5]! - p.pos[a + 2]!) * t - point[2]!;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz) - this.radius[rod]!;
      if (d < out.distance) {
        out.distance = d;
        out.segment = s;
        out.t = t;
      }
    }
    return out;
  }

  /** Centreline coordinate s of a point on a segment. */
  sAt(rod: number, segment: number, t: number): number {
    return (segment + t) / (this.length[rod]! - 1);
  }
}

/** Resamples a polyline to n points evenly spaced along its length (flat xyz). */
export function resample(points: readonly (readonly number[])[], n: number): Float64Array {
  const cum = [0];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!,
      b = points[i]!;
    cum.push(cum[i - 1]! + Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!));
  }
  const total = cum[cum.length - 1]!;
  const out = new Float64Array(n * 3);
  let seg = 0;
  for (let i = 0; i < n; i++) {
    const d = (total * i) / (n - 1);
    while (seg < points.length - 2 && cum[seg + 1]! < d) seg++;
    const a = points[seg]!,
      b = points[seg + 1] ?? a;
    const len = cum[seg + 1]! - cum[seg]!;
    const t = len > 0 ? Math.min(1, Math.max(0, (d - cum[seg]!) / len)) : 0;
    for (let k = 0; k < 3; k++) out[3 * i + k] = a[k]! + (b[k]! - a[k]!) * t;
  }
  return out;
}
