import { structureOf } from '../../anatomy/structures.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import { HANDS, type Hand } from '../../../kernel/input.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import type { SutureThread } from '../../tissue/suture-thread.ts';
import type { Emit } from '../base-scene.ts';
import { distance3 } from '../pose.ts';
import { jawOpened, toolKind } from '../tools.ts';
import { HAND_INDEX } from '../types.ts';
import type { Needle } from './needle.ts';
import type { Skin } from './skin.ts';

/** A driver's jaws closing this near the needle take it (m). */
const NEEDLE_REACH = 0.006;
/**
 * How far the point must go below the skin's surface to pierce it, and above it to come out (m). Skin
 * dimples under a needle's point before it gives, and tents over it from below before the point breaks
 * out, by about a millimetre for a sharp cutting needle; so a point resting or trembling on the surface
 * (hand tremor is ±0.5–1 mm) makes no puncture, and one that has pierced stays in until it clearly leaves.
 */
export const PIERCE_DEPTH = 0.001;

/**
 * The needle's passes through the skin: a needle driver takes the needle and lets it go, carries it, and
 * the point crossing the skin's surface makes a puncture, which the thread enters once the needle's tail
 * has followed the point through it.
 */
export class NeedlePasses {
  /** 1 while the needle point is out of the skin (puncture detection, with `PIERCE_DEPTH` of hysteresis). */
  tipAbove = 1;
  private readonly point = new Float64Array(3);
  private readonly behind = new Float64Array(3);

  constructor(
    private readonly needle: Needle,
    private readonly thread: SutureThread,
    private readonly skin: Skin,
    private readonly p: Particles,
    private readonly emit: Emit,
  ) {}

  /** The driver holding the needle lets go when its jaws open or it is another instrument (`needle-release`, value: grip). */
  letGo(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    if (this.needle.held !== HAND_INDEX[hand] || (toolKind(now.instrument) === 'needle-driver' && !jawOpened(before.jaw, now.jaw))) return;
    this.needle.held = -1;
    this.emit('needle-release', hand, 'needle', now.tip, 0, Number.NaN, this.needle.grip);
  }

  /** Closing driver jaws take the needle lying within reach, where they close on it (`needle-grasp`, value: grip); whether they did. */
  take(hand: Hand, now: InstrumentState): boolean {
    if (this.needle.held >= 0) return false;
    const near = this.needle.nearest(now.tip);
    if (!(near.distance < NEEDLE_REACH)) return false;
    this.needle.held = HAND_INDEX[hand];
    this.needle.grip = near.f;
    this.emit('needle-grasp', hand, 'needle', now.tip, 0, Number.NaN, near.f);
    return true;
  }

  /** The held needle follows its jaws; the thread's head follows the needle's tail, from where it was last tick. */
  move(hands: Readonly<Record<Hand, InstrumentState>>): void {
    const t = this.thread;
    t.headFrom.set(t.headTo);
    if (this.needle.held >= 0) this.needle.follow(hands[HANDS[this.needle.held]!]);
    this.needle.point(1, t.headTo);
  }

  /** After the solve: the held needle's point crossing the skin, and the thread entering the punctures. */
  track(): void {
    const t = this.thread;
    const p = this.p;
    if (this.needle.held >= 0) {
      this.needle.point(0, this.point);
      const i = this.skin.nearest(this.point, 0.003);
      const depth = (i >= 0 ? p.pos[3 * i + 1]! : this.skin.surfaceY) - this.point[1]!;
      const above = this.tipAbove ? (depth > PIERCE_DEPTH ? 0 : 1) : depth < -PIERCE_DEPTH ? 1 : 0;
      if (above !== this.tipAbove && i >= 0) {
        t.addPuncture(i, 0, false);
        const hand = HANDS[this.needle.held]!;
        this.emit(above ? 'puncture-exit' : 'puncture-entry', hand, structureOf(p.tag[i]!), p.pos, 3 * i, Number.NaN, this.angleToSkin());
      }
      this.tipAbove = above;
    }
    // The thread enters a puncture once the needle's tail has followed the point through it.
    const tail = this.behind;
    this.needle.point(1, tail);
    for (let k = 0; k < t.punctureCount; k++) {
      if (t.punctureActive[k] === 1 || t.punctureU[k]! > 0) continue;
      const i = t.punctureParticle[k]!;
      if (distance3(tail, 0, p.pos, 3 * i) < 0.0025) {
        t.punctureActive[k] = 1;
        t.punctureU[k] = 0.01;
        this.emit('thread-through', null, structureOf(p.tag[i]!), p.pos, 3 * i, Number.NaN, k);
      }
    }
  }

  /**
   * Angle (degrees) between the needle's point and the skin plane: 90 when the point goes straight in, as
   * taught. The point's direction is the arc's tangent at f = 0; the pad is taken as horizontal.
   */
  angleToSkin(): number {
    this.needle.point(0, this.point);
    this.needle.point(0.02, this.behind);
    const dx = this.point[0]! - this.behind[0]!,
      dy = this.point[1]! - this.behind[1]!,
      dz = this.point[2]! - this.behind[2]!;
    const l = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return (Math.asin(Math.min(1, Math.abs(dy) / l)) * 180) / Math.PI;
  }

  register(book: StateBook): void {
    book.scalar(
      'needle.tipAbove',
      () => this.tipAbove,
      (v) => (this.tipAbove = v),
    );
  }
}
