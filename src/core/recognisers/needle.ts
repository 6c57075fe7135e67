/**
 * The suture needle: needle-load (where along the needle the driver holds it, 0 point … 1 swage, from
 * the scene's needle-grasp event), needle-enter / needle-exit (the scene's puncture events, measured
 * against the wound line: side, s along the wound, distance from the edge, entry angle, bite depth),
 * the needle let go (placed in the needle counter, or dropped), and needlesticks (the point reaching
 * the other hand).
 *
 * Entry angle: between the needle's direction of travel at its point and the skin, measured towards
 * the wound: 90° is perpendicular, less leans towards the wound. The needle lies in the jaws' x–y
 * plane (src/core/world/scenes/skin-pad/needle.ts), so its direction follows from the holding hand's pose and grip.
 */
import type { Action } from '../vocabulary/actions.ts';
import { SUTURE_NEEDLE, instrumentSpec } from '../world/instruments/catalog.ts';
import type { InstrumentState } from '../world/instruments/instrument-state.ts';
import { HAND_NAMES, action, by, mm, point3, round, type TickContext } from './context.ts';
import { atHole, biteDepth, biteDepthOnSide, biteEntry, biteExit, entryFitted, sampleBite, startBite, type BitePath } from './bite-path.ts';
import { dist, frameAxis, inView, woundCoordinates, type Point } from './geometry.ts';

export interface NeedleState {
  /** Hand index holding the needle, or -1. */
  holder: number;
  /** Grip along the needle, fraction from the point. */
  grip: number;
  /** The bite under way: from the point piercing the skin to its coming out on the far side. */
  bite: BitePath | null;
  /** Where the last bite came out, and whether the point has dipped back into that hole (not a new bite). */
  exitHole: number[] | null;
  backInExit: boolean;
  /** Its needle-enter, until reported (once the entry is fitted): the hand and the entry angle at the puncture. */
  pendingEnter: { hand: number; angle: number | null } | null;
  /** The needlestick has been reported for the current touch. */
  stuck: boolean;
}

export class NeedleRecogniser {
  state: NeedleState = { holder: -1, grip: 0.6, bite: null, exitHole: null, backInExit: false, pendingEnter: null, stuck: false };
  private readonly point = [0, 0, 0];
  private readonly dir = [0, 0, 0];
  private readonly axis = [0, 0, 0];

  step(ctx: TickContext, out: Action[]): void {
    const st = this.state;
    for (const event of ctx.events) {
      if (event.hand === null) continue;
      const h = event.hand === 'left' ? 0 : 1;
      const now = ctx.now[event.hand];
      const who = by(event.hand, now.instrument);
      if (event.type === 'needle-grasp') {
        st.holder = h;
        st.grip = event.value;
        out.push(action(ctx.tick, 'needle-load', { ...who, s: round(event.value, 3) }));
      } else if (event.type === 'needle-release' && st.holder === h) {
        st.holder = -1;
        this.letGo(ctx, out, who, now);
      } else if (event.type === 'puncture-entry') {
        this.pierce(ctx, h, now, event.point);
      } else if (event.type === 'puncture-exit' && st.backInExit) {
        st.backInExit = false;
      } else if (event.type === 'puncture-exit' && st.bite) {
        this.comeOut(ctx, out, h, now, event.point);
      }
    }
    if (st.holder < 0) return;
    const holder = ctx.now[HAND_NAMES[st.holder]!];
    this.needlePoint(holder, 0);
    const surface = ctx.geometry.surfaceY;
    if (st.bite && surface !== undefined) {
      sampleBite(st.bite, this.point, surface - this.point[1]!, woundSide(ctx.geometry.wound, st.bite.hole, this.point));
      if (entryFitted(st.bite)) this.reportEnter(ctx, out);
    }
    this.checkNeedlestick(ctx, out);
  }

  /** The point pierced the skin at `at`: a new bite, or back into the hole it had backed out of (or had just come out of). */
  private pierce(ctx: TickContext, h: number, holder: InstrumentState, at: readonly number[]): void {
    const st = this.state;
    if (st.bite?.withdrawn && atHole(st.bite, at, ctx.geometry.wound)) {
      st.bite.withdrawn = false;
      return;
    }
    if (st.bite && !st.bite.withdrawn) return;
    if (!st.bite && st.exitHole && atHole(startBite(st.exitHole), at, ctx.geometry.wound)) {
      st.backInExit = true;
      return;
    }
    st.bite = startBite(at);
    st.exitHole = null;
    const wound = ctx.geometry.wound;
    const angle = wound && st.holder >= 0 ? round(this.entryAngle(holder, wound, woundCoordinates(wound, at).across), 1) : null;
    st.pendingEnter = { hand: h, angle };
  }

  /** The point came out at `at`: through its own hole (withdrawn, the bite waits), or on the far side (needle-exit). */
  private comeOut(ctx: TickContext, out: Action[], h: number, holder: InstrumentState, at: readonly number[]): void {
    const bite = this.state.bite!;
    if (atHole(bite, at, ctx.geometry.wound)) {
      bite.withdrawn = true;
      return;
    }
    this.reportEnter(ctx, out);
    const exit = biteExit(bite, at);
    this.state.bite = null;
    this.state.exitHole = [at[0]!, at[1]!, at[2]!];
    const hand = HAND_NAMES[h]!;
    const fields = this.woundFields(ctx, exit);
    if (fields.distance !== undefined) fields.s = round(woundCoordinates(ctx.geometry.wound!, exit).s, 3);
    const entryDepth = biteDepthOnSide(bite, 1),
      exitDepth = biteDepthOnSide(bite, -1);
    out.push(
      action(ctx.tick, 'needle-exit', {
        ...by(hand, holder.instrument),
        ...fields,
        depth: mm(biteDepth(bite)),
        ...(entryDepth !== null ? { entryDepth: mm(entryDepth) } : {}),
        ...(exitDepth !== null ? { exitDepth: mm(exitDepth) } : {}),
      }),
    );
  }

  /** The bite's needle-enter, at its fitted entry, once. */
  private reportEnter(ctx: TickContext, out: Action[]): void {
    const st = this.state;
    const pending = st.pendingEnter;
    if (!pending || !st.bite) return;
    st.pendingEnter = null;
    const hand = HAND_NAMES[pending.hand]!;
    const fields = this.woundFields(ctx, biteEntry(st.bite));
    if (fields.distance !== undefined) fields.s = round(woundCoordinates(ctx.geometry.wound!, biteEntry(st.bite)).s, 3);
    if (pending.angle !== null) fields.angle = pending.angle;
    out.push(action(ctx.tick, 'needle-enter', { ...by(hand, ctx.now[hand].instrument), ...fields }));
  }

  private woundFields(ctx: TickContext, p: readonly number[]): Pick<Action, 'structure' | 's' | 'distance' | 'angle' | 'point'> {
    const wound = ctx.geometry.wound;
    if (!wound) return { structure: 'skin', point: point3(p) };
    const w = woundCoordinates(wound, p);
    return { structure: w.across >= 0 ? 'wound-edge-a' : 'wound-edge-b', distance: mm(Math.abs(w.across)), point: point3(p) };
  }

  /** Degrees between the direction of travel at the point and the skin surface, measured from the wound's side. */
  private entryAngle(holder: InstrumentState, wound: { start: Point; end: Point }, across: number): number {
    // In the jaws' frame the point is at (r cos φ, r sin φ − r); travel (towards decreasing f) is (sin φ, −cos φ).
    const phi = Math.PI / 2 - this.state.grip * SUTURE_NEEDLE.arc;
    const lx = Math.sin(phi),
      ly = -Math.cos(phi);
    const x = frameAxis(holder.orientation, 0, this.axis);
    const d = this.dir;
    d[0] = x[0]! * lx;
    d[1] = x[1]! * lx;
    d[2] = x[2]! * lx;
    const y = frameAxis(holder.orientation, 1, this.axis);
    d[0] += y[0]! * ly;
    d[1] += y[1]! * ly;
    d[2] += y[2]! * ly;
    // Unit vector on the skin from the point towards the wound line: −sign(across) · n, n = (dz, 0, −dx)/|d|.
    const wx = wound.end[0] - wound.start[0],
      wz = wound.end[2] - wound.start[2];
    const len = Math.hypot(wx, wz) || 1;
    const sign = across >= 0 ? -1 : 1;
    const cos = (sign * (d[0]! * wz - d[2]! * wx)) / len / (Math.hypot(d[0]!, d[1]!, d[2]!) || 1);
    return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
  }

  private letGo(ctx: TickContext, out: Action[], who: Pick<Action, 'hand' | 'instrument'>, now: InstrumentState): void {
    const bite = this.state.bite;
    if (bite?.withdrawn) {
      // Backed out of the skin and let go: no bite was taken.
      this.state.bite = null;
      this.state.pendingEnter = null;
    }
    if (this.state.bite) return;
    this.needlePoint(now, 0.5);
    for (const place of ctx.geometry.places ?? []) {
      if (dist(this.point, place.position) <= place.radius) {
        out.push(action(ctx.tick, 'place', { ...who, object: 'needle', what: place.what }));
        return;
      }
    }
    const surface = ctx.geometry.surfaceY;
    if (surface !== undefined && this.point[1]! - surface <= ctx.params.setDownHeight) return;
    out.push(action(ctx.tick, 'drop', { ...who, object: 'needle', inView: inView(ctx.geometry, this.point) }));
  }

  /** The needle's point within reach of the other hand (its handle, `shaftLength` back from its tip). */
  private checkNeedlestick(ctx: TickContext, out: Action[]): void {
    const other = ctx.now[HAND_NAMES[1 - this.state.holder]!];
    const spec = instrumentSpec(other.instrument);
    this.needlePoint(ctx.now[HAND_NAMES[this.state.holder]!], 0);
    const z = frameAxis(other.orientation, 2, this.axis);
    const back = spec?.shaftLength ?? 0;
    const hx = other.tip[0] + z[0]! * back,
      hy = other.tip[1] + z[1]! * back,
      hz = other.tip[2] + z[2]! * back;
    const near = Math.hypot(this.point[0]! - hx, this.point[1]! - hy, this.point[2]! - hz) <= ctx.params.needlestickDistance;
    if (near && !this.state.stuck) out.push(action(ctx.tick, 'contact', { hand: HAND_NAMES[this.state.holder]!, instrument: 'needle', what: 'hand' }));
    this.state.stuck = near;
  }

  /** World point at fraction f along the needle (0 point … 1 swage) held in `holder`'s jaws. */
  private needlePoint(holder: InstrumentState, f: number): void {
    const r = SUTURE_NEEDLE.radius;
    const phi = Math.PI / 2 - (this.state.grip - f) * SUTURE_NEEDLE.arc;
    const lx = r * Math.cos(phi),
      ly = -r + r * Math.sin(phi);
    const x = frameAxis(holder.orientation, 0, this.axis);
    this.point[0] = holder.tip[0] + x[0]! * lx;
    this.point[1] = holder.tip[1] + x[1]! * lx;
    this.point[2] = holder.tip[2] + x[2]! * lx;
    const y = frameAxis(holder.orientation, 1, this.axis);
    this.point[0] += y[0]! * ly;
    this.point[1] += y[1]! * ly;
    this.point[2] += y[2]! * ly;
  }
}

/** Which side of the wound p is on, against the hole the bite went in by: 1 the same, −1 the far side, 0 without a wound. */
function woundSide(wound: { start: Point; end: Point } | undefined, hole: readonly number[], p: readonly number[]): number {
  if (!wound) return 0;
  return woundCoordinates(wound, p).across * woundCoordinates(wound, hole).across >= 0 ? 1 : -1;
}
