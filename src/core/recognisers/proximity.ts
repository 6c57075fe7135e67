/**
 * How close a clip, cut or burn comes to the structures that must not be injured (`dangerStructures`, the
 * protocol's danger zones): the nearest of them, other than those the action itself is on, and the distance
 * from the instrument's working part (its jaws' clamping line, or an energy tip) to its surface. Never one
 * sample: a clip is measured from its bite's mean pose (clip.ts); cuts and burns from the mean of the hand's
 * pose over the last `proximityTicks` ticks, which `PoseWindow` keeps.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, mm, type TickContext } from './context.ts';
import { frameAxis, tubeSurfaceDistance } from './geometry.ts';

export interface Nearest {
  structure: string;
  /** To the structure's surface, m (0 when touching or inside it). */
  distance: number;
}

/**
 * The danger structure nearest the segment from `from` along the unit `axis` for `length` m (0: the point
 * `from`), leaving out `skip` (what the action is on); null when the scene has none.
 */
export function nearestDanger(ctx: TickContext, from: readonly number[], axis: readonly number[], length: number, skip: readonly string[]): Nearest | null {
  const dangers = ctx.params.dangerStructures;
  let best: Nearest | null = null;
  for (const tube of ctx.geometry.tubes ?? []) {
    if (!dangers.includes(tube.structure) || skip.includes(tube.structure)) continue;
    const distance = Math.max(0, tubeSurfaceDistance(tube, from, axis, length));
    if (best === null || distance < best.distance) best = { structure: tube.structure, distance };
  }
  return best;
}

/** The `nearest` and `nearestMm` fields of an action (none when nothing is near). */
export function nearestFields(near: Nearest | null): Pick<Action, 'nearest' | 'nearestMm'> {
  return near === null ? {} : { nearest: near.structure, nearestMm: mm(near.distance) };
}

/** One hand's latest poses, a ring of at most `proximityTicks`: tips and jaw axes, x y z each. */
interface HandPoses {
  instrument: string | null;
  count: number;
  next: number;
  tips: number[];
  axes: number[];
}

export interface PoseWindowState {
  hands: [HandPoses, HandPoses];
}

const noPoses = (): HandPoses => ({ instrument: null, count: 0, next: 0, tips: [], axes: [] });

/** Each hand's pose over the last `proximityTicks` ticks with the instrument it holds now. */
export class PoseWindow {
  state: PoseWindowState = { hands: [noPoses(), noPoses()] };
  private readonly axis = [0, 0, 0];

  /** Records this tick's poses (only where there is something to keep away from). */
  step(ctx: TickContext): void {
    if (ctx.params.dangerStructures.length === 0 || !ctx.geometry.tubes) return;
    const size = ctx.params.proximityTicks;
    for (let h = 0; h < 2; h++) {
      const now = ctx.now[HAND_NAMES[h]!];
      let poses = this.state.hands[h]!;
      if (poses.instrument !== now.instrument) poses = this.state.hands[h] = { ...noPoses(), instrument: now.instrument };
      frameAxis(now.orientation, 2, this.axis);
      for (let k = 0; k < 3; k++) {
        poses.tips[3 * poses.next + k] = now.tip[k]!;
        poses.axes[3 * poses.next + k] = this.axis[k]!;
      }
      poses.next = (poses.next + 1) % size;
      poses.count = Math.min(size, poses.count + 1);
    }
  }

  /** The hand's mean tip and unit jaw axis over its window, into `tip` and `axis`; false when it has none. */
  mean(h: number, tip: number[], axis: number[]): boolean {
    const poses = this.state.hands[h]!;
    if (poses.count === 0) return false;
    for (let k = 0; k < 3; k++) {
      let t = 0,
        a = 0;
      for (let i = 0; i < poses.count; i++) {
        t += poses.tips[3 * i + k]!;
        a += poses.axes[3 * i + k]!;
      }
      tip[k] = t / poses.count;
      axis[k] = a;
    }
    const n = Math.hypot(axis[0]!, axis[1]!, axis[2]!) || 1;
    for (let k = 0; k < 3; k++) axis[k] = axis[k]! / n;
    return true;
  }
}
