/**
 * Scene geometry the recognisers read where the scenes do not report a figure themselves, and the
 * pure geometry over it. The world is y-up (the skin and the pegboard are horizontal), so surfaces are
 * given by their height. All optional: a recogniser that lacks what it needs emits less, never guesses.
 */
import { type CameraView, inFrustum } from '../kernel/camera-view.ts';
import type { Point } from '../kernel/input.ts';
import { clamp01, type JawCrossing } from '../world/instruments/jaws.ts';

export type { Point };
export { clamp01, dist, frameAxis, jawCrossing, jawCrossings, tubeSurfaceDistance, type JawCrossing } from '../world/instruments/jaws.ts';

export interface TubeGeometry {
  structure: string;
  /** From s = 0 (gallbladder end) to s = 1 (patient side), world m; live positions where the scene moves them. */
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
  /** The camera whose picture the trainee works from (the laparoscope), for "in view". */
  view?: CameraView;
}

export const NO_GEOMETRY: SceneGeometry = {};

/** Whether a point lies inside the camera's picture (true when there is no camera). */
export function inView(geometry: SceneGeometry, p: readonly number[]): boolean {
  return geometry.view ? inFrustum(geometry.view, p) : true;
}

/** Position of a surface point relative to the wound line: s along it, signed distance across it (m, + on side a). */
export function woundCoordinates(wound: { start: Point; end: Point }, p: readonly number[]): { s: number; across: number } {
  const dx = wound.end[0] - wound.start[0],
    dz = wound.end[2] - wound.start[2];
  const len = Math.hypot(dx, dz) || 1;
  const rx = p[0]! - wound.start[0],
    rz = p[2]! - wound.start[2];
  // Side a is where (end − start) × (p − start) points up (+y).
  return { s: clamp01((rx * dx + rz * dz) / (len * len)), across: (dz * rx - dx * rz) / len };
}

/** The layer at height y, or null outside them all. */
export function layerAt(geometry: SceneGeometry, y: number): string | null {
  for (const layer of geometry.layers ?? []) if (y <= layer.top && y >= layer.bottom) return layer.id;
  return null;
}

/** The structures other than `structure` that the jaws close across (one clip or cut taking two vessels). */
export function alsoAcross(tubes: readonly TubeGeometry[], crossings: readonly JawCrossing[], structure: string): string[] {
  const across: string[] = [];
  for (const c of crossings) {
    const id = tubes[c.tube]!.structure;
    if (id !== structure && !across.includes(id)) across.push(id);
  }
  return across;
}
