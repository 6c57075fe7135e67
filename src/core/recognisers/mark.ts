/**
 * mark: a skin marking drawn with the skin marker. While the marker's steadied tip (steady.ts: its tremor
 * filtered out, so the line's centre; a trembling pen pressed on the skin stays on it) is within
 * `surfaceContact` of the skin surface, its path is sampled every `pathSpacing` (lifting the pen keeps
 * the path). The marking is finished when, after at least `markMinPoints` samples and once the path has
 * gone `markMinSpan` from its start (a pen resting and trembling on the skin draws no marking), the tip
 * comes back within `markClose` of the start. Then: its long axis (the principal axis of the samples,
 * which lie evenly along the path), the angle of that axis to the tension lines (0…90°), length : width
 * (extents along and across the axis), and, around a lesion, the margin (closest approach of the path to
 * the lesion's edge, mm). The latest finished marking is kept: incisions report how far they stray from it.
 */
import { principalAxisAngle } from '../kernel/principal-axis.ts';
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { HAND_NAMES, action, by, mm, point3, round, type TickContext } from './context.ts';
import type { SceneGeometry } from './geometry.ts';
import { steady, steadyTip, type SteadyTip } from './steady.ts';

export interface MarkState {
  /** Per hand: the path so far, x z pairs on the skin (m). */
  paths: [number[], number[]];
  /** Per hand: the marker's tip with its tremor filtered out. */
  steady: [SteadyTip, SteadyTip];
  /** The latest finished marking (x z pairs), for the incisions that follow it. */
  marking: number[];
}

export class MarkRecogniser {
  state: MarkState = { paths: [[], []], steady: [steadyTip(), steadyTip()], marking: [] };

  /** The latest finished marking (closed path, x z pairs), or null before one. */
  get marking(): readonly number[] | null {
    return this.state.marking.length > 0 ? this.state.marking : null;
  }

  step(ctx: TickContext, out: Action[]): void {
    const surface = ctx.geometry.surfaceY;
    if (surface === undefined) return;
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const path = this.state.paths[h]!;
      const filter = this.state.steady[h]!;
      if (instrumentSpec(now.instrument)?.kind !== 'marker') {
        path.length = 0;
        filter.primed = false;
        continue;
      }
      const tip = steady(filter, now.tip, ctx.params.tremorFilterTicks);
      if (Math.abs(tip[1]! - surface) > ctx.params.surfaceContact) continue;
      const x = tip[0]!,
        z = tip[2]!;
      const n = path.length;
      if (n > 0 && Math.hypot(x - path[n - 2]!, z - path[n - 1]!) < ctx.params.pathSpacing) continue;
      const closed =
        n / 2 >= ctx.params.markMinPoints && Math.hypot(x - path[0]!, z - path[1]!) <= ctx.params.markClose && span(path) >= ctx.params.markMinSpan;
      path.push(x, z);
      if (!closed) continue;
      out.push(action(ctx.tick, 'mark', { ...by(hand, now.instrument), ...markingFields(path, ctx.geometry, surface) }));
      this.state.marking = path.slice();
      path.length = 0;
    }
  }
}

/** How far the path (x z pairs) has gone from its start (m). */
function span(path: readonly number[]): number {
  let far = 0;
  for (let i = 2; i < path.length; i += 2) far = Math.max(far, Math.hypot(path[i]! - path[0]!, path[i + 1]! - path[1]!));
  return far;
}

/** Shape of a closed marking (x z pairs): centre, ratio, and against the lesion, margin and axis angle. */
export function markingFields(
  path: readonly number[],
  geometry: SceneGeometry,
  surface: number,
): Pick<Action, 'point' | 'ratio' | 'tipAngle' | 'angle' | 'margin'> {
  const n = path.length / 2;
  let cx = 0,
    cz = 0;
  for (let i = 0; i < n; i++) {
    cx += path[2 * i]! / n;
    cz += path[2 * i + 1]! / n;
  }
  const theta = principalAxisAngle(path, n, cx, cz);
  const ux = Math.cos(theta),
    uz = Math.sin(theta);
  let minU = Infinity,
    maxU = -Infinity,
    minV = Infinity,
    maxV = -Infinity;
  for (let i = 0; i < n; i++) {
    const dx = path[2 * i]! - cx,
      dz = path[2 * i + 1]! - cz;
    const u = dx * ux + dz * uz,
      v = -dx * uz + dz * ux;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const loop = closedLoop(path);
  const fields: Pick<Action, 'point' | 'ratio' | 'tipAngle' | 'angle' | 'margin'> = {
    point: point3([cx, surface, cz]),
    ratio: round((maxU - minU) / Math.max(1e-9, maxV - minV), 2),
    tipAngle: round((tipAngle(loop, cx, cz, ux, uz, minU, maxU, 1) + tipAngle(loop, cx, cz, ux, uz, minU, maxU, -1)) / 2, 1),
  };
  const lesion = geometry.lesion;
  if (!lesion) return fields;
  const t = lesion.tensionLines;
  const cos = Math.abs(ux * t[0] + uz * t[2]) / (Math.hypot(t[0], t[2]) || 1);
  fields.angle = round((Math.acos(Math.min(1, cos)) * 180) / Math.PI, 1);
  fields.margin = mm(distanceToMarking(path, lesion.centre[0], lesion.centre[2]) - lesion.radius);
  return fields;
}

/**
 * The path with its closing gap (the marking finishes up to `markClose` short of its start) filled at the
 * path's mean spacing, so a tip drawn at the start is not missing one side.
 */
function closedLoop(path: readonly number[]): number[] {
  const n = path.length / 2;
  let length = 0;
  for (let i = 1; i < n; i++) length += Math.hypot(path[2 * i]! - path[2 * i - 2]!, path[2 * i + 1]! - path[2 * i - 1]!);
  const ex = path[0]! - path[2 * n - 2]!,
    ez = path[1]! - path[2 * n - 1]!;
  const steps = Math.ceil(Math.hypot(ex, ez) / Math.max(1e-9, length / Math.max(1, n - 1)));
  const loop = path.slice();
  for (let k = 1; k < steps; k++) loop.push(path[2 * n - 2]! + (ex * k) / steps, path[2 * n - 1]! + (ez * k) / steps);
  return loop;
}

/** Share of the half-length, from the tip, over which a tip's sides are fitted. */
const TIP_BAND = 0.35;

/**
 * Apex angle (degrees) of the marking's tip at the +u end (side +1) or the −u end (−1). The samples within
 * TIP_BAND of the half-length from that tip, on both sides of the axis, are fitted by least squares with
 * |v − v_tip| = a·d + b·d² (d: distance from the tip along the axis): the curve through the tip, so its slope a
 * there is the sides' angle at the apex, from some twenty samples rather than the two nearest the tip.
 */
function tipAngle(path: readonly number[], cx: number, cz: number, ux: number, uz: number, minU: number, maxU: number, side: 1 | -1): number {
  const half = (maxU - minU) / 2;
  const mid = (maxU + minU) / 2;
  // The sides are measured across the axis from the tip itself (the sample furthest along it), which a
  // lopsided ellipse puts off the centre line.
  let tipV = 0,
    far = -Infinity;
  for (let i = 0; i < path.length; i += 2) {
    const dx = path[i]! - cx,
      dz = path[i + 1]! - cz;
    const along = side * (dx * ux + dz * uz);
    if (along > far) {
      far = along;
      tipV = -dx * uz + dz * ux;
    }
  }
  let dd = 0,
    dv = 0;
  for (let i = 0; i < path.length; i += 2) {
    const dx = path[i]! - cx,
      dz = path[i + 1]! - cz;
    const d = half - side * (dx * ux + dz * uz - mid);
    if (d < 0 || d > TIP_BAND * half) continue;
    dd += d * d;
    dv += d * Math.abs(-dx * uz + dz * ux - tipV);
  }
  const a = dd > 0 ? dv / dd : Infinity;
  return (2 * Math.atan(Math.max(0, a)) * 180) / Math.PI;
}

/** Distance (m) on the skin from (x, z) to a closed marking (x z pairs). */
export function distanceToMarking(path: readonly number[], x: number, z: number): number {
  const n = path.length / 2;
  let closest = Infinity;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    closest = Math.min(closest, segmentDistance(x, z, path[2 * i]!, path[2 * i + 1]!, path[2 * j]!, path[2 * j + 1]!));
  }
  return closest;
}

/** Distance from (px, pz) to the segment (ax, az)–(bx, bz) on the skin plane. */
function segmentDistance(px: number, pz: number, ax: number, az: number, bx: number, bz: number): number {
  const ex = bx - ax,
    ez = bz - az;
  const ee = ex * ex + ez * ez;
  const u = ee > 0 ? Math.max(0, Math.min(1, ((px - ax) * ex + (pz - az) * ez) / ee)) : 0;
  return Math.hypot(px - ax - u * ex, pz - az - u * ez);
}
