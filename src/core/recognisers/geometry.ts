/**
 * Scene geometry the recognisers read where the scenes do not report a figure themselves, and the
 * pure geometry over it. The world is y-up (the skin and the pegboard are horizontal), so surfaces are
 * given by their height. All optional: a recogniser that lacks what it needs emits less, never guesses.
 */
import type { Point } from '../kernel/input.ts';
import type { Quat } from '../kernel/input.ts';

export type { Point };

export interface TubeGeometry {
  structure: string;
  /** From s = 0 (gallbladder end) to s = 1 (patient side), world m; live positions where available. */
  centreline: readonly Point[];
  radius: number;
}

export interface SceneGeometry {
  tubes?: readonly TubeGeometry[];
  /** Height of the skin surface, or the board objects rest on (world y, m). */
  surfaceY?: number;
  /** The laceration on the skin surface, from `start` (s = 0) to `end` (s = 1). */
  wound?: { start: Point; end: Point };
  /** Tissue layers by height, from the skin down (world y, m). */
  layers?: readonly { id: string; top: number; bottom: number }[];
  /** The lesion to excise and the unit direction of the relaxed skin tension lines. */
  lesion?: { centre: Point; radius: number; tensionLines: Point };
  /** Peg base centres with their ids (L1…R6) and the peg height. */
  pegs?: readonly { id: string; position: Point }[];
  pegHeight?: number;
  /** Named places objects are put (needle-counter, specimen-pot). */
  places?: readonly { what: string; position: Point; radius: number }[];
  /** The camera's field of view as a cone. */
  view?: { eye: Point; forward: Point; halfAngleDeg: number };
}

export const NO_GEOMETRY: SceneGeometry = {};

/** Axis k (0 x, 1 y, 2 z) of the frame with orientation q, into out. */
export function frameAxis(q: Quat | readonly number[], k: 0 | 1 | 2, out: number[]): number[] {
  const x = q[0]!, y = q[1]!, z = q[2]!, w = q[3]!;
  if (k === 0) {
    out[0] = 1 - 2 * (y * y + z * z); out[1] = 2 * (x * y + w * z); out[2] = 2 * (x * z - w * y);
  } else if (k === 1) {
    out[0] = 2 * (x * y - w * z); out[1] = 1 - 2 * (x * x + z * z); out[2] = 2 * (y * z + w * x);
  } else {
    out[0] = 2 * (x * z + w * y); out[1] = 2 * (y * z - w * x); out[2] = 1 - 2 * (x * x + y * y);
  }
  return out;
}

/** Where a tube lies across an instrument's jaws. */
export interface JawCrossing {
  tube: number;
  /** Centreline coordinate at the crossing (arc length fraction). */
  s: number;
  /** Closest distance between the jaw line and the centreline (m). */
  offset: number;
  /** The whole chord of the vessel lies between the tips and the hinge. */
  spans: boolean;
  point: [number, number, number];
}

/**
 * The tube the closing jaws take, if any. The jaws clamp along the segment from the tip to the hinge
 * (`jawLength` back along the tip frame's +z); a tube is taken when its centreline passes within its
 * radius plus half a jaw's width of that segment. It spans the jaws when the chord the jaw line cuts
 * through the vessel lies wholly between the tips and the hinge — closed across half its width, the
 * tips stop at the centreline and it does not.
 */
export function jawCrossing(
  tubes: readonly TubeGeometry[],
  tip: readonly number[],
  orientation: readonly number[],
  jawLength: number,
  jawWidth: number,
  tolerance: number,
  axis: number[],
): JawCrossing | null {
  frameAxis(orientation, 2, axis);
  let best: JawCrossing | null = null;
  for (let k = 0; k < tubes.length; k++) {
    const tube = tubes[k]!;
    const line = tube.centreline;
    let total = 0;
    for (let i = 1; i < line.length; i++) total += dist(line[i - 1]!, line[i]!);
    let walked = 0;
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1]!, b = line[i]!;
      const seg = dist(a, b);
      const c = closestSegments(tip, axis, jawLength, a, b);
      const offset = c.distance;
      if (offset <= tube.radius + jawWidth / 2 && (best === null || offset < best.offset)) {
        // Half the chord the jaw line cuts through the vessel, measured along the jaws.
        const sin = Math.sqrt(Math.max(1e-12, 1 - c.cos * c.cos));
        const half = Math.sqrt(Math.max(0, tube.radius * tube.radius - offset * offset)) / sin;
        const along = c.u * jawLength;
        const spans = offset <= tube.radius && along - half >= -tolerance && along + half <= jawLength + tolerance;
        best = {
          tube: k,
          s: total > 0 ? (walked + c.v * seg) / total : 0,
          offset,
          spans,
          point: [a[0] + (b[0] - a[0]) * c.v, a[1] + (b[1] - a[1]) * c.v, a[2] + (b[2] - a[2]) * c.v],
        };
      }
      walked += seg;
    }
  }
  return best;
}

/** Closest points of the jaw segment (origin + u·len·axis, u in 0…1) and segment ab (v in 0…1). */
function closestSegments(o: readonly number[], axis: readonly number[], len: number, a: Point, b: Point): { u: number; v: number; distance: number; cos: number } {
  const dx = axis[0]! * len, dy = axis[1]! * len, dz = axis[2]! * len;
  const ex = b[0] - a[0], ey = b[1] - a[1], ez = b[2] - a[2];
  const rx = o[0]! - a[0], ry = o[1]! - a[1], rz = o[2]! - a[2];
  const dd = dx * dx + dy * dy + dz * dz, ee = ex * ex + ey * ey + ez * ez, de = dx * ex + dy * ey + dz * ez;
  const dr = dx * rx + dy * ry + dz * rz, er = ex * rx + ey * ry + ez * rz;
  const denom = dd * ee - de * de;
  let u = denom > 1e-18 ? clamp01((de * er - ee * dr) / denom) : 0;
  let v = ee > 1e-18 ? clamp01((de * u + er) / ee) : 0;
  u = dd > 1e-18 ? clamp01((de * v - dr) / dd) : 0;
  v = ee > 1e-18 ? clamp01((de * u + er) / ee) : 0;
  const px = o[0]! + dx * u - (a[0] + ex * v), py = o[1]! + dy * u - (a[1] + ey * v), pz = o[2]! + dz * u - (a[2] + ez * v);
  const cos = dd > 0 && ee > 0 ? de / Math.sqrt(dd * ee) : 0;
  return { u, v, distance: Math.hypot(px, py, pz), cos };
}

/** Whether a point lies inside the camera's view cone (true when there is no camera). */
export function inView(geometry: SceneGeometry, p: readonly number[]): boolean {
  const view = geometry.view;
  if (!view) return true;
  const vx = p[0]! - view.eye[0], vy = p[1]! - view.eye[1], vz = p[2]! - view.eye[2];
  const f = view.forward;
  const along = (vx * f[0] + vy * f[1] + vz * f[2]) / Math.hypot(f[0], f[1], f[2]);
  if (along <= 0) return false;
  return Math.acos(Math.min(1, along / Math.hypot(vx, vy, vz))) <= (view.halfAngleDeg * Math.PI) / 180;
}

/** Position of a surface point relative to the wound line: s along it, signed distance across it (m, + on side a). */
export function woundCoordinates(wound: { start: Point; end: Point }, p: readonly number[]): { s: number; across: number } {
  const dx = wound.end[0] - wound.start[0], dz = wound.end[2] - wound.start[2];
  const len = Math.hypot(dx, dz) || 1;
  const rx = p[0]! - wound.start[0], rz = p[2]! - wound.start[2];
  // Side a is where (end − start) × (p − start) points up (+y).
  return { s: clamp01((rx * dx + rz * dz) / (len * len)), across: (dz * rx - dx * rz) / len };
}

/** The layer at height y, or null outside them all. */
export function layerAt(geometry: SceneGeometry, y: number): string | null {
  for (const layer of geometry.layers ?? []) if (y <= layer.top && y >= layer.bottom) return layer.id;
  return null;
}

export function dist(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
