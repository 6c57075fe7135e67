/**
 * Where a tube lies across an instrument's closing jaws: pure geometry shared by the scenes (which clip
 * or divide the vessel the jaws close on) and the recognisers (which judge the clip). Tip frame as in
 * catalog.ts: the clamping line runs from the tips back `jawLength` along +z, the jaws close along x.
 */
import type { Point } from '../../kernel/input.ts';
import type { InstrumentSpec } from './catalog.ts';

/** A tube as the jaws see it: its centreline (s = 0 … 1 by arc length) and its radius (m). */
export interface CrossedTube {
  centreline: readonly Point[];
  radius: number;
}

export type JawShape = Pick<InstrumentSpec, 'jawLength' | 'jawWidth' | 'jawOpening'>;

/** Where a tube lies across an instrument's jaws. */
export interface JawCrossing {
  tube: number;
  /** Centreline coordinate at the crossing (arc length fraction). */
  s: number;
  /** The crossing as centreline segment (from point `segment` to the next) and the fraction `t` along it. */
  segment: number;
  t: number;
  /** Closest distance between the clamping line and the centreline (m). */
  offset: number;
  /** The whole chord of the vessel lies between the tips and the hinge (± the tolerance). */
  spans: boolean;
  /** Degrees the clamping line is off perpendicular to the vessel's axis (0: square across it, 90: along it). */
  obliqueDeg: number;
  point: [number, number, number];
}

/** Axis k (0 x, 1 y, 2 z) of the frame with orientation q, into out. */
export function frameAxis(q: readonly number[], k: 0 | 1 | 2, out: number[]): number[] {
  const x = q[0]!,
    y = q[1]!,
    z = q[2]!,
    w = q[3]!;
  if (k === 0) {
    out[0] = 1 - 2 * (y * y + z * z);
    out[1] = 2 * (x * y + w * z);
    out[2] = 2 * (x * z - w * y);
  } else if (k === 1) {
    out[0] = 2 * (x * y - w * z);
    out[1] = 1 - 2 * (x * x + z * z);
    out[2] = 2 * (y * z + w * x);
  } else {
    out[0] = 2 * (x * z + w * y);
    out[1] = 2 * (y * z - w * x);
    out[2] = 1 - 2 * (x * x + y * y);
  }
  return out;
}

/**
 * The tube the closing jaws take, if any: the one whose centreline comes closest to the clamping line
 * (from `tip` along the unit `axis` for `jawLength`) among those the jaws reach (`jawCrossings`).
 */
export function jawCrossing(
  tubes: readonly CrossedTube[],
  tip: readonly number[],
  axis: readonly number[],
  jaws: JawShape,
  tolerance: number,
): JawCrossing | null {
  return jawCrossings(tubes, tip, axis, jaws, tolerance)[0] ?? null;
}

/**
 * Every tube the closing jaws take, closest to the clamping line first, each where it comes closest. Jaws
 * reach a tube whose wall comes within half a jaw's width of the line, and, where they open (`jawOpening`),
 * one whose centreline lies between the open jaws: the V from the open tips to the hinge, which closing
 * sweeps onto the clamping line. The tube spans the jaws when the chord the clamping line cuts through it
 * lies wholly between the tips and the hinge, within `tolerance` (m): closed across half its width, the tips
 * stop inside the vessel and it does not.
 */
export function jawCrossings(tubes: readonly CrossedTube[], tip: readonly number[], axis: readonly number[], jaws: JawShape, tolerance: number): JawCrossing[] {
  const length = jaws.jawLength;
  const found: JawCrossing[] = [];
  for (let k = 0; k < tubes.length; k++) {
    const tube = tubes[k]!;
    const line = tube.centreline;
    let total = 0;
    for (let i = 1; i < line.length; i++) total += dist(line[i - 1]!, line[i]!);
    let walked = 0;
    let best: JawCrossing | null = null;
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1]!,
        b = line[i]!;
      const seg = dist(a, b);
      const c = closestSegments(tip, axis, length, a, b);
      const offset = c.distance;
      const reach = Math.max(tube.radius + jaws.jawWidth / 2, ((jaws.jawOpening ?? 0) * (1 - c.u)) / 2);
      if (offset <= reach && (best === null || offset < best.offset)) {
        // Half the chord through the vessel along the clamping line, once the jaws have closed onto it.
        const cos = Math.min(1, Math.abs(c.cos));
        const sin = Math.sqrt(Math.max(1e-12, 1 - cos * cos));
        const half = tube.radius / sin;
        const along = c.u * length;
        best = {
          tube: k,
          s: total > 0 ? (walked + c.v * seg) / total : 0,
          segment: i - 1,
          t: c.v,
          offset,
          spans: along - half >= -tolerance && along + half <= length + tolerance,
          obliqueDeg: (Math.asin(cos) * 180) / Math.PI,
          point: [a[0] + (b[0] - a[0]) * c.v, a[1] + (b[1] - a[1]) * c.v, a[2] + (b[2] - a[2]) * c.v],
        };
      }
      walked += seg;
    }
    if (best !== null) found.push(best);
  }
  // Stable: of two tubes equally close, the first listed comes first.
  return found.sort((x, y) => x.offset - y.offset);
}

/**
 * Distance (m) from a working part to a tube's surface: the segment from `from` along the unit `axis` for
 * `length` (0: the point `from`) to the nearest point of the centreline, less the radius; negative inside.
 */
export function tubeSurfaceDistance(tube: CrossedTube, from: readonly number[], axis: readonly number[], length: number): number {
  let best = Infinity;
  const line = tube.centreline;
  for (let i = 1; i < line.length; i++) best = Math.min(best, closestSegments(from, axis, length, line[i - 1]!, line[i]!).distance);
  return best - tube.radius;
}

/** Closest points of the jaw segment (origin + u·len·axis, u in 0…1) and segment ab (v in 0…1). */
export function closestSegments(
  o: readonly number[],
  axis: readonly number[],
  len: number,
  a: Point,
  b: Point,
): { u: number; v: number; distance: number; cos: number } {
  const dx = axis[0]! * len,
    dy = axis[1]! * len,
    dz = axis[2]! * len;
  const ex = b[0] - a[0],
    ey = b[1] - a[1],
    ez = b[2] - a[2];
  const rx = o[0]! - a[0],
    ry = o[1]! - a[1],
    rz = o[2]! - a[2];
  const dd = dx * dx + dy * dy + dz * dz,
    ee = ex * ex + ey * ey + ez * ez,
    de = dx * ex + dy * ey + dz * ez;
  const dr = dx * rx + dy * ry + dz * rz,
    er = ex * rx + ey * ry + ez * rz;
  const denom = dd * ee - de * de;
  let u = denom > 1e-18 ? clamp01((de * er - ee * dr) / denom) : 0;
  let v = ee > 1e-18 ? clamp01((de * u + er) / ee) : 0;
  u = dd > 1e-18 ? clamp01((de * v - dr) / dd) : 0;
  v = ee > 1e-18 ? clamp01((de * u + er) / ee) : 0;
  const px = o[0]! + dx * u - (a[0] + ex * v),
    py = o[1]! + dy * u - (a[1] + ey * v),
    pz = o[2]! + dz * u - (a[2] + ez * v);
  const cos = dd > 0 && ee > 0 ? de / Math.sqrt(dd * ee) : 0;
  return { u, v, distance: Math.hypot(px, py, pz), cos };
}

export function dist(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : Math.min(x, 1);
}
