import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { structureTag } from '../../anatomy/structures.ts';
import { TABLE_TOP_Y } from '../../../kernel/or-layout.ts';
import type { Hand } from '../../../kernel/input.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import { SutureThread } from '../../tissue/suture-thread.ts';
import type { Emit } from '../base-scene.ts';
import { rotate } from '../pose.ts';
import type { Needle } from './needle.ts';
import { padBounds } from './skin.ts';

const SEGMENTS = 60;
const SPACING = 0.0025;
/** Particles the suture takes (the first ones of the scene). */
export const SUTURE_PARTICLES = SEGMENTS + 1;
/**
 * Suture scissors cut what lies between their blades, not only at their tips: thread within `BLADE_REACH`
 * (half the gape of blades opened for a tail cut, about 6 mm) of the blades' distal `BLADE_LENGTH` (from
 * the tip towards the hand) is cut.
 */
const BLADE_LENGTH = 0.01;
const BLADE_REACH = 0.003;

/**
 * The suture: a thread of 60 segments of 2.5 mm swaged to the needle's tail, lying on the pad to the
 * needle's left, kept on the pad (or the table) by a floor. Scissors closing on it cut it.
 */
export class Suture {
  readonly thread: SutureThread;
  private readonly swage = new Float64Array(3);
  /** The scissors' blades' direction, from the tip towards the hand. */
  private readonly blade = new Float64Array(3);

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

  /** Scissors closing cut the thread where it lies nearest their blades, within reach (`thread-cut`, value: the tail beyond the nearest puncture). */
  snip(hand: Hand, scissors: InstrumentState): void {
    const t = this.thread;
    const p = this.p;
    const tip = scissors.tip;
    rotate(scissors.orientation, 0, 0, 1, this.blade);
    let best = BLADE_REACH;
    let seg = -1;
    for (let s = 0; s < t.segments; s++) {
      if (t.stretch.alive[s] === 0) continue;
      const o = 3 * (t.first + s);
      const dx = p.pos[o]! - tip[0],
        dy = p.pos[o + 1]! - tip[1],
        dz = p.pos[o + 2]! - tip[2];
      const along = Math.min(BLADE_LENGTH, Math.max(0, dx * this.blade[0]! + dy * this.blade[1]! + dz * this.blade[2]!));
      const d = Math.hypot(dx - along * this.blade[0]!, dy - along * this.blade[1]!, dz - along * this.blade[2]!);
      if (d < best) {
        best = d;
        seg = s;
      }
    }
    if (seg < 0) return;
    t.cutAt(seg);
    this.emit('thread-cut', hand, 'suture', p.pos, 3 * (t.first + seg), Number.NaN, t.tailLength(seg + 0.5, SPACING));
  }

  /** Threads the suture through skin particles as if the needle had passed there (setup and tests). */
  threadThrough(skinParticles: readonly number[]): void {
    for (const i of skinParticles) this.thread.addPuncture(i, 0.01, true);
  }

  register(book: StateBook): void {
    const t = this.thread;
    book
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
