import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { structureTag } from '../../anatomy/structures.ts';
import { TABLE_TOP_Y } from '../../../kernel/or-layout.ts';
import type { Hand } from '../../../kernel/input.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import { PER_HAND, type GraspPins } from '../../tissue/grasp.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import { SutureThread } from '../../tissue/suture-thread.ts';
import type { Emit } from '../base-scene.ts';
import { closestSegments } from '../../instruments/jaws.ts';
import { rotate } from '../pose.ts';
import { JAW_CLOSED, jawClosed } from '../tools.ts';
import type { Needle } from './needle.ts';
import { padBounds } from './skin.ts';

const SEGMENTS = 60;
const SPACING = 0.0025;
/** Particles the suture takes (the first ones of the scene). */
export const SUTURE_PARTICLES = SEGMENTS + 1;
/**
 * Suture scissors cut what lies between their blades, not only at their tips: thread within `BLADE_REACH`
 * (half the gape of blades opened for a tail cut, about 6 mm) of the blades' distal `BLADE_LENGTH` (from
 * the tip towards the hand) is cut. The thread is a line (its segments), not its particles 2.5–3 mm
 * apart; and the blades take the thread that comes between them at any tick while they close (0.15 s,
 * more than a period of an 8–12 Hz tremor), as they take it between them and shear it — not only what
 * lies within reach at the one tick they meet.
 */
const BLADE_LENGTH = 0.01;
const BLADE_REACH = 0.003;
/** Forceps take thread within this of their tips (the scene's grasp radius), at any tick while they close. */
const TIP_REACH = 0.003;

/**
 * The suture: a thread of 60 segments of 2.5 mm swaged to the needle's tail, lying on the pad to the
 * needle's left, kept on the pad (or the table) by a floor. Scissors closing on it cut it.
 */
export class Suture {
  readonly thread: SutureThread;
  private readonly swage = new Float64Array(3);
  /** The jaws' direction (scissors' blades, forceps' tips), from the tip towards the hand. */
  private readonly blade: [number, number, number] = [0, 0, 0];
  /**
   * Per hand, while its scissors or forceps close: the thread segment that came nearest their jaws within
   * reach (-1: none yet), where along it (0…1) and how near (m). (Stored as `scissors.*` in the snapshot.)
   */
  readonly caught = new Int32Array([-1, -1]);
  readonly caughtAt = new Float64Array(2);
  readonly caughtDistance = new Float64Array(2);

  constructor(
    private readonly p: Particles,
    needle: Needle,
    a: SkinPadAnatomy,
    private readonly emit: Emit,
  ) {
    needle.point(1, this.swage);
    const s = this.swage;
    this.thread = new SutureThread(p, [s[0]!, s[1]!, s[2]!], [-1, 0, 0], {
      segments: SEGMENTS,
      spacing: SPACING,
      invMass: 1 / 2e-6,
      tag: structureTag('suture'),
      bendCompliance: 1e-3,
    });
    const pad = padBounds(a);
    this.thread.floorY = a.centre[1] + 0.0004;
    this.thread.outerFloorY = TABLE_TOP_Y + 0.0004;
    this.thread.floorMin.set(pad.min);
    this.thread.floorMax.set(pad.max);
  }

  /**
   * Hand h's jaws (`now`, `before`) of the kind `jaws` (scissors or forceps; anything else catches
   * nothing): while they close, the thread segment nearest them within reach is caught (the nearest over
   * the closing) — the scissors' blades' distal `BLADE_LENGTH` within `BLADE_REACH`, the forceps' tips
   * within `TIP_REACH`. When scissors meet, the caught thread is cut there (`thread-cut`, value: the
   * tail beyond the nearest puncture); closing forceps take it if they take nothing else (`takeCaught`).
   * Jaws that open, have closed or are put down let go of what they had caught.
   */
  sweep(hand: Hand, h: number, jaws: 'scissors' | 'forceps' | null, now: InstrumentState, before: InstrumentState): void {
    if (jaws === null || !(now.jaw > before.jaw && before.jaw < JAW_CLOSED)) {
      this.caught[h] = -1;
      return;
    }
    if (jaws === 'forceps') return this.nearestTo(h, now, 0, TIP_REACH);
    this.nearestTo(h, now, BLADE_LENGTH, BLADE_REACH);
    if (!jawClosed(before.jaw, now.jaw)) return;
    const seg = this.caught[h]!;
    this.caught[h] = -1;
    const t = this.thread;
    if (seg < 0 || t.stretch.alive[seg] === 0) return;
    t.cutAt(seg);
    const u = this.caughtAt[h]!;
    this.emit('thread-cut', hand, 'suture', this.p.pos, 3 * (t.first + seg + (u < 0.5 ? 0 : 1)), Number.NaN, t.tailLength(seg + u, SPACING));
  }

  /**
   * Closing forceps that took nothing else take the thread they caught while closing: its particle nearer
   * where they caught it, drawn in between the jaws (pinned at their tips: closing jaws gather a thread
   * that lay across them); the particle, else -1.
   */
  takeCaught(h: number, tip: ArrayLike<number>, grasp: GraspPins): number {
    const seg = this.caught[h]!;
    if (seg < 0) return -1;
    const t = this.thread;
    const near = t.first + seg + (this.caughtAt[h]! < 0.5 ? 0 : 1);
    for (const i of [near, 2 * t.first + 2 * seg + 1 - near]) {
      const reach = Math.sqrt(this.p.distanceSq(i, tip[0]!, tip[1]!, tip[2]!)) + 1e-9;
      if (grasp.grab(this.p, h, tip, reach, i, i + 1, 1) === 0) continue;
      grasp.offsets.fill(0, 3 * h * PER_HAND, 3 * h * PER_HAND + 3);
      return i;
    }
    return -1;
  }

  /**
   * Keeps, for hand h, the living thread segment nearest its jaws this tick (the segment from the tip
   * `length` towards the hand), within `reach`, if nearer than any caught so far.
   */
  private nearestTo(h: number, jaws: InstrumentState, length: number, reach: number): void {
    const t = this.thread;
    const x = this.p.pos;
    rotate(jaws.orientation, 0, 0, 1, this.blade);
    let best = this.caught[h]! >= 0 ? this.caughtDistance[h]! : reach;
    for (let s = 0; s < t.segments; s++) {
      if (t.stretch.alive[s] === 0) continue;
      const a = 3 * (t.first + s);
      const c = closestSegments(jaws.tip, this.blade, length, [x[a]!, x[a + 1]!, x[a + 2]!], [x[a + 3]!, x[a + 4]!, x[a + 5]!]);
      if (c.distance < best) {
        best = c.distance;
        this.caught[h] = s;
        this.caughtAt[h] = c.v;
        this.caughtDistance[h] = c.distance;
      }
    }
  }

  /** Threads the suture through skin particles as if the needle had passed there (setup and tests). */
  threadThrough(skinParticles: readonly number[]): void {
    for (const i of skinParticles) this.thread.addPuncture(i, 0.01, true);
  }

  register(book: StateBook): void {
    const t = this.thread;
    book
      .array('scissors.caught', this.caught)
      .array('scissors.caughtAt', this.caughtAt)
      .array('scissors.caughtDistance', this.caughtDistance)
      .array('thread.stretch', t.stretch.alive, () => t.stretch.count)
      .array('thread.bend', t.bend.alive, () => t.bend.count)
      .array('thread.headFrom', t.headFrom)
      .array('thread.headTo', t.headTo)
      .scalar(
        'thread.headPinned',
        () => t.headPinned,
        (v) => (t.headPinned = v),
      )
      .scalar(
        'punctures',
        () => t.punctureCount,
        (v) => (t.punctureCount = v),
      )
      .array('puncture.particle', t.punctureParticle)
      .array('puncture.u', t.punctureU)
      .array('puncture.active', t.punctureActive);
  }
}
