/**
 * place / drop / handover for movable objects (FLS rings, the specimen). Taken by one hand while the
 * other holds it, then let go by the first: a mid-air handover. Let go with no other hand on it: on a
 * peg or at a named place it is placed; low over the surface it is set down (and taken up by the other
 * hand, that is a handover that is not mid-air); higher, it falls — a drop, in view or not, once it has
 * left both jaws: taken by the other hand within `catchTicks` (jaws that were closing on it as it was let
 * go), it is a mid-air handover; taken back by the same hand, nothing. Held by both, it passes only when
 * the hand that held it first lets go: the taking hand opening again first is no handover. A scene that
 * moves the object to the taking hand at once sends no release for the first: its jaws opening while both
 * hands hold the object is that release.
 */
import type { Action } from '../vocabulary/actions.ts';
import type { SceneEvent } from '../world/scenes/types.ts';
import { HAND_NAMES, action, by, objectOf, opening, type TickContext } from './context.ts';
import { dist, inView } from './geometry.ts';

interface ObjectHold {
  object: string;
  /** Per hand (left, right): 1 while that hand holds it. */
  holders: [number, number];
  /** Hand index that set it down on the surface, or -1. */
  setDownBy: number;
  /** While both hands hold it: the hand that held it first, which it passes from when that hand lets go. */
  takenFrom?: number;
  /** Let go high and not yet judged a drop (absent otherwise): by which hand, when, and where. */
  falling?: Falling;
}

interface Falling {
  from: number;
  tick: number;
  point: [number, number, number];
}

export interface ObjectsState {
  objects: ObjectHold[];
}

export class ObjectsRecogniser {
  state: ObjectsState = { objects: [] };

  step(ctx: TickContext, out: Action[]): void {
    for (const event of ctx.events) {
      if (event.hand === null || (event.type !== 'grasp' && event.type !== 'release')) continue;
      const object = objectOf(event);
      if (object === null || object === 'needle') continue;
      const o = this.hold(object);
      const h = event.hand === 'left' ? 0 : 1;
      const other = 1 - h;
      if (event.type === 'grasp') {
        if (o.holders[other] === 1) o.takenFrom = other;
        o.holders[h] = 1;
        if (o.holders[other] === 0 && o.setDownBy === other) {
          out.push(action(ctx.tick, 'handover', { object, from: HAND_NAMES[other]!, to: event.hand, midAir: false }));
        }
        if (o.falling?.from === other) out.push(action(ctx.tick, 'handover', { object, from: HAND_NAMES[other]!, to: event.hand, midAir: true }));
        o.setDownBy = -1;
        delete o.falling;
      } else if (o.holders[other] === 1) this.letGoOf(ctx, out, o, h);
      else {
        o.holders[h] = 0;
        this.letGo(ctx, out, o, h, event);
      }
    }
    for (const o of this.state.objects) {
      if (o.falling && ctx.tick - o.falling.tick >= ctx.params.catchTicks) this.drop(ctx, out, o, o.falling);
      if (o.holders[0] === 0 || o.holders[1] === 0) continue;
      for (let h = 0; h < 2; h++) {
        if (!opening(ctx, HAND_NAMES[h]!)) continue;
        this.letGoOf(ctx, out, o, h);
        break;
      }
    }
  }

  /**
   * Hand h lets go of an object both hands hold: it has passed to the other hand if h held it first; if h
   * was the one taking it (a grip that closed and opened again), the first hand simply keeps it.
   */
  private letGoOf(ctx: TickContext, out: Action[], o: ObjectHold, h: number): void {
    o.holders[h] = 0;
    if (o.takenFrom !== 1 - h) out.push(action(ctx.tick, 'handover', { object: o.object, from: HAND_NAMES[h]!, to: HAND_NAMES[1 - h]!, midAir: true }));
    delete o.takenFrom;
  }

  private letGo(ctx: TickContext, out: Action[], o: ObjectHold, h: number, event: SceneEvent): void {
    const hand = HAND_NAMES[h]!;
    const who = by(hand, ctx.now[hand].instrument);
    const p = event.point;
    const g = ctx.geometry;
    const floor = g.surfaceY ?? Number.NEGATIVE_INFINITY;
    for (const peg of g.pegs ?? []) {
      const onPeg = Math.hypot(p[0] - peg.position[0], p[2] - peg.position[2]) <= ctx.params.pegReach;
      if (onPeg && p[1] - peg.position[1] <= (g.pegHeight ?? 0) + ctx.params.setDownHeight) {
        out.push(action(ctx.tick, 'place', { ...who, object: o.object, peg: peg.id }));
        return;
      }
    }
    for (const place of g.places ?? []) {
      if (dist(p, place.position) <= place.radius) {
        out.push(action(ctx.tick, 'place', { ...who, object: o.object, what: place.what }));
        return;
      }
    }
    if (p[1] - floor <= ctx.params.setDownHeight) {
      o.setDownBy = h;
      return;
    }
    o.falling = { from: h, tick: ctx.tick, point: [p[0], p[1], p[2]] };
  }

  /** The object let go high was caught by neither hand: a drop, seen where it was let go. */
  private drop(ctx: TickContext, out: Action[], o: ObjectHold, falling: Falling): void {
    const hand = HAND_NAMES[falling.from]!;
    out.push(action(ctx.tick, 'drop', { ...by(hand, ctx.now[hand].instrument), object: o.object, inView: inView(ctx.geometry, falling.point) }));
    delete o.falling;
  }

  private hold(object: string): ObjectHold {
    let o = this.state.objects.find((x) => x.object === object);
    if (!o) {
      o = { object, holders: [0, 0], setDownBy: -1 };
      this.state.objects.push(o);
    }
    return o;
  }
}
