import { structureTag } from '../../anatomy/structures.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import type { Hand } from '../../../kernel/input.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import type { SutureThread } from '../../tissue/suture-thread.ts';
import type { Emit } from '../base-scene.ts';
import { rotate } from '../pose.ts';
import { toolKind } from '../tools.ts';
import { HAND_INDEX } from '../types.ts';

/**
 * Knots as commercial simulators approximate them: the winding angle of the thread around an empty needle
 * driver's shaft (local +z) is accumulated while the thread is within 15 mm of the jaws, and taking the
 * thread with that driver registers a `throw` of that many wraps. The knot itself is not tied in the rope.
 */
export class InstrumentTie {
  /** Per hand: winding angle (rad) of the thread around an empty needle driver. */
  readonly wrapAngle = new Float64Array(2);
  /** Per hand: the thread's angle around the shaft last tick, and whether it is being tracked. */
  private readonly wrapLast = new Float64Array(2);
  private readonly wrapValid = new Uint8Array(2);
  private readonly axis = new Float64Array(3);

  constructor(
    private readonly p: Particles,
    private readonly thread: SutureThread,
    private readonly emit: Emit,
  ) {}

  /** Follows the thread's winding around hand's needle driver; `needleHeld` is the hand holding the needle, or -1. */
  track(hand: Hand, now: InstrumentState, needleHeld: number): void {
    const h = HAND_INDEX[hand];
    if (toolKind(now.instrument) !== 'needle-driver' || needleHeld === h) {
      this.wrapAngle[h] = 0;
      this.wrapValid[h] = 0;
      return;
    }
    const p = this.p;
    let best = 0.015 * 0.015;
    let found = -1;
    for (let s = 0; s <= this.thread.segments; s++) {
      const d2 = p.distanceSq(this.thread.first + s, now.tip[0], now.tip[1], now.tip[2]);
      if (d2 < best) {
        best = d2;
        found = this.thread.first + s;
      }
    }
    if (found < 0) {
      this.wrapValid[h] = 0;
      return;
    }
    const a = this.axis;
    rotate(now.orientation, 0, 0, 1, a);
    // Basis of the plane across the shaft: e1 = a × (0, 1, 0) (or a × x when the shaft is vertical), e2 = a × e1.
    let e1x = -a[2]!,
      e1y = 0,
      e1z = a[0]!;
    if (e1x * e1x + e1z * e1z < 1e-6) {
      e1x = 0;
      e1y = a[2]!;
      e1z = -a[1]!;
    }
    const l = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
    e1x /= l;
    e1y /= l;
    e1z /= l;
    const e2x = a[1]! * e1z - a[2]! * e1y,
      e2y = a[2]! * e1x - a[0]! * e1z,
      e2z = a[0]! * e1y - a[1]! * e1x;
    const vx = p.pos[3 * found]! - now.tip[0],
      vy = p.pos[3 * found + 1]! - now.tip[1],
      vz = p.pos[3 * found + 2]! - now.tip[2];
    const angle = Math.atan2(vx * e2x + vy * e2y + vz * e2z, vx * e1x + vy * e1y + vz * e1z);
    if (this.wrapValid[h] === 1) {
      let d = angle - this.wrapLast[h]!;
      if (d > Math.PI) d -= 2 * Math.PI;
      else if (d < -Math.PI) d += 2 * Math.PI;
      this.wrapAngle[h] = this.wrapAngle[h]! + d;
    }
    this.wrapLast[h] = angle;
    this.wrapValid[h] = 1;
  }

  /**
   * Hand h's jaws took particle `held`: a needle driver taking the thread after wrapping it is one throw
   * (value: signed wraps, 2 a surgeon's throw). Any grasp starts the count again.
   */
  grasped(hand: Hand, now: InstrumentState, held: number): void {
    const h = HAND_INDEX[hand];
    const wraps = Math.round(this.wrapAngle[h]! / (2 * Math.PI));
    if (toolKind(now.instrument) === 'needle-driver' && this.p.tag[held] === structureTag('suture') && wraps !== 0) {
      this.emit('throw', hand, 'suture', now.tip, 0, Number.NaN, wraps);
    }
    this.wrapAngle[h] = 0;
  }

  register(book: StateBook): void {
    book.array('wrap.angle', this.wrapAngle).array('wrap.last', this.wrapLast).array('wrap.valid', this.wrapValid);
  }
}
