/**
 * Instrument tie: throw, tension and the knot's place. After a needle-exit, the other hand's tip
 * circling the needle driver's jaws (within `wrapRadius` of them) winds the thread round it; the angle
 * is measured in the driver's own frame about its shaft (+z, towards the hand), so positive turns are
 * counterclockwise as the surgeon sees them, looking down the instrument. The driver's jaws closing on
 * the tail ends the throw: wraps = whole turns. Its jaws opening after the pull reports the tension
 * (the highest grasp force while pulling) and, after the first throw, where the knot lies (midway
 * between the tips on the skin, its distance from the wound line). A suture cut ends the knot.
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { HAND_NAMES, action, by, closing, mm, opening, round, type TickContext } from './context.ts';
import { woundCoordinates, type Point } from './geometry.ts';

export interface ThrowState {
  /** A stitch has been passed and its knot is not cut yet. */
  tying: boolean;
  /** Turns so far of the current throw (radians, signed), and the last angle seen (null: out of reach). */
  wound: number;
  lastAngle: number | null;
  throws: number;
  /** Pulling a throw tight: the highest grasp force seen. */
  pulling: boolean;
  maxForce: number;
  knot: [number, number, number] | null;
}

export class ThrowRecogniser {
  state: ThrowState = { tying: false, wound: 0, lastAngle: null, throws: 0, pulling: false, maxForce: 0, knot: null };

  get knot(): Point | null {
    return this.state.knot;
  }

  /** `emitted`: this tick's actions so far (a needle-exit starts a knot, a suture cut ends it). */
  step(ctx: TickContext, out: Action[], emitted: readonly Action[]): void {
    const st = this.state;
    for (const a of emitted) {
      if (a.type === 'needle-exit') Object.assign(st, { tying: true, wound: 0, lastAngle: null, throws: 0, pulling: false, maxForce: 0, knot: null });
      if (a.type === 'cut' && a.structure === 'suture') st.tying = false;
    }
    if (!st.tying) return;
    const d: number = ctx.now.left.instrument === 'needle-driver' ? 0 : ctx.now.right.instrument === 'needle-driver' ? 1 : -1;
    if (d < 0 || instrumentSpec(ctx.now[HAND_NAMES[1 - d]!].instrument) === undefined) return;
    const driverHand = HAND_NAMES[d]!;
    const driver = ctx.now[driverHand];
    const other = ctx.now[HAND_NAMES[1 - d]!];
    if (st.pulling) {
      for (const c of ctx.contacts) if (c.grasping && c.force > st.maxForce) st.maxForce = c.force;
      if (!opening(ctx, driverHand)) return;
      st.pulling = false;
      out.push(action(ctx.tick, 'tension', { ...by(driverHand, driver.instrument), force: round(st.maxForce, 2) }));
      if (st.throws === 1) this.placeKnot(ctx, out, driver.tip, other.tip);
      return;
    }
    this.wind(other.tip, driver.tip, driver.orientation, ctx.params.wrapRadius);
    if (!closing(ctx, driverHand) || Math.abs(st.wound) < ctx.params.wrapMinTurns * 2 * Math.PI) return;
    const wraps = Math.max(1, Math.round(Math.abs(st.wound) / (2 * Math.PI)));
    out.push(action(ctx.tick, 'throw', { ...by(driverHand, driver.instrument), wraps, direction: st.wound > 0 ? 'counterclockwise' : 'clockwise' }));
    st.throws++;
    st.wound = 0;
    st.lastAngle = null;
    st.pulling = true;
    st.maxForce = 0;
  }

  /** Accumulates the angle of `p` about the driver's shaft, in the driver's frame. */
  private wind(p: readonly number[], tip: readonly number[], q: readonly number[], radius: number): void {
    const st = this.state;
    // Rotate (p − tip) into the driver's frame: conj(q) · v.
    const vx = p[0]! - tip[0]!,
      vy = p[1]! - tip[1]!,
      vz = p[2]! - tip[2]!;
    const qx = -q[0]!,
      qy = -q[1]!,
      qz = -q[2]!,
      qw = q[3]!;
    const tx = 2 * (qy * vz - qz * vy),
      ty = 2 * (qz * vx - qx * vz),
      tz = 2 * (qx * vy - qy * vx);
    const lx = vx + qw * tx + (qy * tz - qz * ty);
    const ly = vy + qw * ty + (qz * tx - qx * tz);
    if (Math.hypot(lx, ly) > radius) {
      st.lastAngle = null;
      return;
    }
    const angle = Math.atan2(ly, lx);
    if (st.lastAngle !== null) {
      let delta = angle - st.lastAngle;
      if (delta > Math.PI) delta -= 2 * Math.PI;
      else if (delta < -Math.PI) delta += 2 * Math.PI;
      st.wound += delta;
    }
    st.lastAngle = angle;
  }

  private placeKnot(ctx: TickContext, out: Action[], a: readonly number[], b: readonly number[]): void {
    const knot: [number, number, number] = [(a[0]! + b[0]!) / 2, ctx.geometry.surfaceY ?? (a[1]! + b[1]!) / 2, (a[2]! + b[2]!) / 2];
    this.state.knot = knot;
    const wound = ctx.geometry.wound;
    out.push(action(ctx.tick, 'place', { object: 'knot', ...(wound ? { distance: mm(Math.abs(woundCoordinates(wound, knot).across)) } : {}) }));
  }
}
