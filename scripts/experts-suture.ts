/**
 * Simple interrupted sutures on the skin pad, by script: four stitches 7.5 mm apart along the 4 cm
 * laceration (seed 1, forearm-4cm), the middle of the 5–10 mm allowed. Each: the right needle driver loads
 * the needle 5/8 back from its point (the middle of the ½–¾ where it should be held); the left Adson
 * forceps everts the near edge, taking the dermis in the wound (where no thread lies within their reach);
 * the point goes in on side a 4 mm from the line at 80° to the skin, crosses under the wound 3.5 mm deep
 * (mid-dermis and below, well past the 2 mm minimum) and comes up on side b 4 mm from the line; the needle
 * is parked in the bite; the forceps' tip
 * circles the empty driver twice (surgeon's throw), then 1¼ turns the other way, then the first way again,
 * the driver closing after each and the two pulled apart so the knot lies 4 mm out on side a; then the
 * tails (cutTails): the driver draws the needle up so the thread hangs from it, the forceps take the
 * hanging thread, the needle is laid down on side a, the forceps lift the thread until its end hangs over
 * the knot, and the suture scissors cut it 6 mm above the knot; the forceps let the thread go on side a,
 * clear of the wound (the needle keeps it for the next stitch). Finally the driver puts the needle in the
 * needle counter.
 *
 * Played as a person (or a browser test) gives input — each pose held for up to 60 ticks or 15 mm, jaws
 * snapped open or closed (tests/support/held-chunks.ts) — it must do the same: the hands pause (`PAUSE`)
 * where an instrument must be exactly (the needle's point on the skin and at depth, the forceps over the
 * edge), keep still around every jaw closing and opening, and the tails are cut on thread the script has
 * put where it knows it is (hanging still), never on loose thread lying where the simulation dropped it.
 *
 * Simplifications (the scene and recognisers do not need more; a live trainee does more): the point is
 * moved straight across under the wound rather than rolled along the needle's curve, which would take the
 * driver below the skin or a regrasp on the far side; so the thread is not drawn through the bite, and
 * the throws wind the forceps' tip round the driver (what the throw recogniser measures), not the thread.
 */
import { SUTURE_NEEDLE } from '../src/core/world/instruments/catalog.ts';
import { woundCoordinates, type Point } from '../src/core/recognisers/geometry.ts';
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { SkinPadScene } from '../src/core/world/scenes/skin-pad.ts';
import type { Quat, Vec3 } from '../src/core/kernel/index.ts';
import { NEEDLE_COUNTER_CENTRE } from '../src/core/kernel/or-layout.ts';
import { Planner, shaftAlong } from './experts-planner.ts';

const SEED = 1;
const VARIANT = 'forearm-4cm';
/** Stitches 7.5 mm apart (5–10 mm allowed), the first this far from the wound's end; until ≤ 12 mm are left. */
const SPACING_MM = 7.5;
const FIRST_MM = 8.75;
const MAX_GAP_MM = 11;
/** The point's depth below the skin while it crosses under the wound (m). */
const BITE_DEPTH = 0.0035;
/** Where the point waits over the entry before it is pushed in, and how high it comes up at the exit (m): clear of the skin, as the skin gives only under a push. */
const HOVER = 0.002;
const LIFT = 0.0025;
/** Grip on the needle, fraction back from its point: 5/8, a sample of the scene's 1/32 grid. */
const GRIP = 20 / 32;
/**
 * Seconds a hand keeps still where the instrument must be exactly (the needle's point on the skin, at
 * depth): longer than the longest a person's or a test's input holds one pose (0.75 s), so however the
 * motion is sampled the instrument gets there before it moves on.
 */
const PAUSE = 0.8;
/** Distance of entry and exit from the wound line (m). */
const BITE_FROM_EDGE = 0.004;
const UP: Vec3 = [0, 1, 0];
const TIE_HEIGHT = 0.015;
/** The forceps' tip circles the driver this far out: each held pose of coarsely sampled input then turns it well under half a turn. */
const TIE_RADIUS = 0.02;
/** The forceps go round to the start of a throw this far from the driver's shaft, outside the recogniser's 40 mm wrap radius (m). */
const TIE_CLEAR = 0.05;
/** Seconds per eighth of a wrap: 1.2 s a turn, so even a pose held for 60 ticks with no limit on distance turns it well under half a turn. */
const WRAP_STEP = 0.15;
/** Thread segment length (m), as the scene builds the thread. */
const THREAD_SPACING = 0.0025;
/** The tails are cut this high above the knot (m). */
const CUT_HEIGHT = 0.006;
/** How far the needle is drawn up for the thread to hang straight, and how high above the skin the forceps take it (m). */
const DRAW_HEIGHT = 0.09;
const GRAB_CLEARANCE = 0.025;
/** Height over the skin where the forceps wait, out on side a, once the tails are cut (m). */
const FORCEPS_WAIT_HEIGHT = 0.05;
/** Seconds to keep still for the hanging thread to settle (its swing dies away). */
const SETTLE = 1.2;
const SETTLE_AFTER_CORRECTION = 1.0;
/** First guess at how much longer than at rest a thread hangs (the XPBD rope stretches under the weight below). */
const HANG_STRETCH = 0.2;
/** Segments of thread left hanging below the cut point, so the blades meet thread even where it hangs a little higher or lower than planned. */
const SLACK_SEGMENTS = 2;
/** The thread is first lifted this much higher than it should hang, so its end hangs clear of the skin (m). */
const OVERSHOOT = 0.003;
/**
 * The needle is laid down with its swage this far out on side a from the knot, this high (m): its point
 * then 5.4 mm clear of the skin (it was 2.4 mm at 6 mm), so that a hand that trembles 2 mm as it takes
 * the needle again does not stab the intact skin with it (a puncture needs 1 mm below the surface).
 */
const PARK_OUT = 0.025;
const PARK_HEIGHT = 0.009;

const add = (a: ArrayLike<number>, b: ArrayLike<number>, k = 1): Vec3 => [a[0]! + k * b[0]!, a[1]! + k * b[1]!, a[2]! + k * b[2]!];
const unit = (v: readonly number[]): Vec3 => {
  const n = Math.hypot(v[0]!, v[1]!, v[2]!);
  return [v[0]! / n, v[1]! / n, v[2]! / n];
};

function scene(p: Planner): SkinPadScene {
  const s = p.attempt.world.scene;
  if (!(s instanceof SkinPadScene)) throw new Error('not the skin-pad scene');
  return s;
}

function wound(s: SkinPadScene): { start: Point; end: Point; along: Vec3; sideA: Vec3 } {
  const l = s.anatomy.laceration;
  if (!l) throw new Error('no laceration');
  const along = unit(add(l.b, l.a, -1));
  // Side a: where (end − start) × (p − start) points up.
  return { start: l.a, end: l.b, along, sideA: [along[2], 0, -along[0]] };
}

/** Quaternion (x y z w) of the frame whose axes are x, y and z = x × y (unit, orthogonal). */
function frame(x: Vec3, y: Vec3): Quat {
  const z: Vec3 = [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
  const [m00, m10, m20] = x,
    [m01, m11, m21] = y,
    [m02, m12, m22] = z;
  const trace = m00 + m11 + m22;
  let q: Quat;
  if (trace > 0) {
    const s = 0.5 / Math.sqrt(trace + 1);
    q = [(m21 - m12) * s, (m02 - m20) * s, (m10 - m01) * s, 0.25 / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [0.25 * s, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m01 + m10) / s, 0.25 * s, (m12 + m21) / s, (m02 - m20) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m02 + m20) / s, (m12 + m21) / s, 0.25 * s, (m10 - m01) / s];
  }
  return q;
}

function particle(s: SkinPadScene, i: number): Vec3 {
  const q = s.particles.pos;
  return [q[3 * i]!, q[3 * i + 1]!, q[3 * i + 2]!];
}

/** Entry (side a) and exit (side b) of the stitch `at` mm along the wound, `BITE_FROM_EDGE` from its line, on the skin. */
function bite(s: SkinPadScene, at: number): { entry: Vec3; exit: Vec3 } {
  const w = wound(s);
  const onLine = add(w.start, add(w.end, w.start, -1), at / 1000 / Math.hypot(...add(w.end, w.start, -1)));
  const onSkin = (q: Vec3): Vec3 => [q[0], particle(s, s.skin.nearest(q, 0.003))[1], q[2]];
  return { entry: onSkin(add(onLine, w.sideA, BITE_FROM_EDGE)), exit: onSkin(add(onLine, w.sideA, -BITE_FROM_EDGE)) };
}

/** Where the held needle's point is relative to the driver's tip, in the driver's x–y plane. */
function pointOffset(grip: number, x: Vec3): Vec3 {
  const r = SUTURE_NEEDLE.radius;
  const phi = Math.PI / 2 - grip * SUTURE_NEEDLE.arc;
  return add(add([0, 0, 0], x, r * Math.cos(phi)), UP, r * Math.sin(phi) - r);
}

/** The driver closes on the needle where it lies (its own frame, so it does not move), two-thirds back from the point. */
function takeNeedle(p: Planner, first = false): Vec3 {
  p.sync();
  p.simulate();
  const s = scene(p);
  const grip = first ? GRIP : s.needle.grip;
  const at = new Float64Array(3);
  s.needle.point(grip, at);
  const orientation = [...s.needle.pose.subarray(3, 7)] as Quat;
  const above = first ? 0.002 : 0;
  const tip = add(at, UP, above);
  p.move('right', add(tip, UP, 0.02), 0.5, 0, { instrument: 'needle-driver', orientation });
  p.move('right', tip, 0.3);
  p.hold('right', 0.2, 1).hold('right', 0.1);
  return tip;
}

function loadNeedle(p: Planner, first: boolean): void {
  const tip = takeNeedle(p, first);
  p.move('right', add(tip, UP, 0.025), 0.4);
}

/** The forceps take the near edge (side a) in the wound, below the surface: the dermis; lift it a little, let go. */
function evert(p: Planner, entry: Vec3): void {
  const s = scene(p);
  const w = wound(s);
  const at = woundCoordinates(w, entry).s;
  const length = Math.hypot(...add(w.end, w.start, -1));
  // Where no thread lies within the forceps' reach (they would take the thread, not the dermis).
  const edgeAt = (d: number): Vec3 => add(add(add(w.start, add(w.end, w.start, -1), at), w.along, d), [w.sideA[0] * 0.0012, -0.001, w.sideA[2] * 0.0012]);
  const shift = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
    .map((k) => k * 0.0012)
    .find((d) => {
      const e = edgeAt(d);
      return at + d / length >= 0 && at + d / length <= 1 && Math.abs(Math.hypot(...add(threadAt(s, e, 0), e, -1))) > 0.0032;
    });
  if (shift === undefined) throw new Error('thread all along the edge');
  const edge = edgeAt(shift);
  // Down to just over the edge, a pause, then gently into the wound (the tips push the edge aside).
  p.move('left', add(edge, UP, 0.02), 0.5, 0, { instrument: 'adson-forceps', orientation: shaftAlong([-0.4, 0.9, 0.2]) });
  p.move('left', add(edge, UP, 0.0025), 0.3);
  p.hold('left', PAUSE);
  p.move('left', edge, 0.4);
  p.hold('left', 0.2);
  p.hold('left', 0.15, 1).hold('left', 0.2);
  p.move('left', add(edge, UP, 0.001), 0.2);
  p.hold('left', 0.15, 0).hold('left', 0.2);
  p.move('left', add(edge, [-0.03, 0.03, 0.02]), 0.4);
}

/**
 * The bite: the point set just over the skin at the entry, pushed in to depth, carried straight across
 * under the wound, brought up clear of the skin at the exit; the needle parked there. The hand pauses at
 * each of these points (`PAUSE`), as a person does, so the point goes in and comes out where planned
 * however coarsely the motion between them is sampled.
 */
function pass(p: Planner, entry: Vec3, exit: Vec3): void {
  const s = scene(p);
  const x = unit([exit[0] - entry[0], 0, exit[2] - entry[2]]);
  const orientation = frame(x, UP);
  const off = pointOffset(s.needle.grip, x);
  const gripFor = (point: Vec3): Vec3 => add(point, off, -1);
  p.move('right', gripFor(add(entry, UP, 0.02)), 0.6, 1, { orientation });
  p.move('right', gripFor(add(entry, UP, HOVER)), 0.5);
  p.hold('right', PAUSE);
  p.move('right', gripFor(add(entry, UP, -BITE_DEPTH)), 0.5);
  p.hold('right', PAUSE);
  p.move('right', gripFor(add(exit, UP, -BITE_DEPTH)), 0.8);
  p.hold('right', PAUSE);
  p.move('right', gripFor(add(exit, UP, LIFT)), 0.4);
  p.hold('right', 0.2);
  p.hold('right', 0.15, 0).hold('right', 0.25);
  p.move('right', add(gripFor(add(exit, UP, LIFT)), UP, 0.012), 0.3);
}

/** The live thread particle whose distance from `from` is closest to `distance` (m). */
function threadAt(s: SkinPadScene, from: readonly number[], distance: number): Vec3 {
  const t = s.thread;
  let best = Infinity,
    found: Vec3 | null = null;
  for (let k = 0; k < t.segments; k++) {
    if (t.stretch.alive[k] === 0) continue;
    const q = particle(s, t.first + k);
    const d = Math.abs(Math.hypot(q[0] - from[0]!, q[1] - from[1]!, q[2] - from[2]!) - distance);
    if (d < best) [best, found] = [d, q];
  }
  if (!found) throw new Error('no thread left');
  return found;
}

/**
 * Instrument tie: the forceps' tip circles the empty driver (shaft vertical) `turns` times, the driver
 * closes (a throw), both pull apart along the wound side so the knot lies at `knot`, the driver opens.
 */
function tie(p: Planner, knot: Vec3, turns: number, sign: number): void {
  p.sync();
  const s = scene(p);
  const w = wound(s);
  const driver = add(add(knot, w.sideA, 0.004), UP, TIE_HEIGHT);
  const orientation = shaftAlong(UP);
  p.move('right', driver, 0.4, 0, { orientation });
  p.sync();
  const steps = Math.round(turns * 8);
  const angle = (k: number): Vec3 => add(driver, [Math.cos((sign * k * Math.PI) / 4), 0, Math.sin((sign * k * Math.PI) / 4)], TIE_RADIUS);
  // To the start of the wraps round the outside of the recogniser's wrap radius, then in along the
  // radius, so the way there winds nothing: first straight out from the driver, then round at
  // `TIE_CLEAR` to beside the start. (Straight across, the forceps passed 2 mm from the driver's shaft,
  // and a hand trembling 2 mm passed it on either side: half a turn either way.)
  const from = p.last('left').position;
  const start = Math.atan2(from[2] - driver[2], from[0] - driver[0]);
  const around = (a: number): Vec3 => add(driver, [Math.cos(a), 0, Math.sin(a)], TIE_CLEAR);
  p.move('left', around(start), 0.3, 0);
  const arcs = Math.ceil(Math.abs(start) / (Math.PI / 4));
  for (let k = 1; k <= arcs; k++) p.move('left', around(start * (1 - k / arcs)), 0.15);
  p.move('left', angle(0), 0.3);
  p.sync();
  for (let k = 1; k <= steps; k++) p.move('left', angle(k), WRAP_STEP);
  p.sync();
  p.hold('right', 0.2, 1).hold('right', 0.1);
  p.sync();
  const apart: Vec3 = add([0, 0, 0], w.along, 0.012);
  const height: Vec3 = [knot[0], knot[1] + TIE_HEIGHT, knot[2]];
  p.move('right', add(height, apart), 0.4);
  p.move('left', add(height, apart, -1), 0.4);
  p.sync();
  p.hold('right', 0.2, 0);
  p.move('left', add(p.last('left').position, UP, 0.01), 0.2);
}

/** Thread particle k's position (the head, k = 0, rides on the needle's swage). */
function threadParticle(s: SkinPadScene, k: number): Vec3 {
  return particle(s, s.thread.first + k);
}

const mid = (a: readonly number[], b: readonly number[]): Vec3 => [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2, (a[2]! + b[2]!) / 2];

/** The last particle of the thread still joined to the needle (the head, particle 0, rides on its swage). */
function threadEnd(s: SkinPadScene): number {
  let k = 0;
  while (k < s.thread.segments && s.thread.stretch.alive[k] === 1) k++;
  return k;
}

/**
 * Cutting the tails, with the thread where the script knows it is (a person sees the thread; a script
 * must put it there, or its cut depends on where the loose thread happened to fall): the driver takes
 * the needle again and draws it well up, so the thread hangs straight from the swage; the forceps take
 * the hanging thread, the needle is laid down on side a, and the forceps lift the thread until its end
 * hangs straight down over the knot (once still, lifted or lowered by what is left over); the scissors
 * cut it `CUT_HEIGHT` above the knot, a few segments from its end (what is cut off is a scrap that lies by
 * the knot); the forceps carry the thread out to side a and let it go there, clear of the wound. The
 * needle keeps the rest of the thread for the next stitch.
 */
function cutTails(p: Planner, knot: Vec3): void {
  p.sync();
  const w = wound(scene(p));
  takeNeedle(p);
  const drawn = add(p.last('right').position, UP, DRAW_HEIGHT);
  p.move('right', drawn, 1.0);
  p.hold('right', SETTLE);
  // Meanwhile the forceps come level with where the thread will hang, out on side a.
  const forceps = shaftAlong([-0.4, 0.9, 0.2]);
  const side = add([drawn[0], scene(p).surfaceY + GRAB_CLEARANCE, drawn[2]], w.sideA, 0.03);
  p.move('left', side, 1.0, 0, { instrument: 'adson-forceps', orientation: forceps });
  p.sync();
  p.simulate();
  let s = scene(p);
  const end = threadEnd(s);
  const cut = end - 1 - SLACK_SEGMENTS;
  // The forceps take the hanging thread GRAB_CLEARANCE above the skin, coming in level from side a.
  let hold = 1;
  while (hold + 2 < cut - 2 && threadParticle(s, hold + 2)[1] > s.surfaceY + GRAB_CLEARANCE) hold++;
  const grip = mid(threadParticle(s, hold), threadParticle(s, hold + 1));
  p.move('left', add(grip, w.sideA, 0.01), 0.4);
  p.move('left', grip, 0.4);
  p.hold('left', 0.2);
  p.hold('left', 0.15, 1).hold('left', 0.25);
  p.sync();
  p.simulate();
  s = scene(p);
  // The needle laid down on side a, its swage PARK_OUT beyond the knot; the driver lets go and leaves.
  const tail = new Float64Array(3);
  s.needle.point(1, tail);
  const swage = add(add(knot, w.sideA, PARK_OUT), UP, PARK_HEIGHT);
  const driver = add(swage, add(tail, s.needle.pose.subarray(0, 3), -1), -1);
  p.move('right', add(driver, UP, 0.02), 1.2);
  p.move('right', driver, 0.4);
  p.hold('right', 0.2);
  p.hold('right', 0.15, 0).hold('right', 0.25);
  p.move('right', add(driver, UP, 0.03), 0.4);
  // The forceps lift the thread until its end hangs clear over the knot (a little high), then, once it
  // hangs still, lower it by what is left over: the cut point CUT_HEIGHT above the knot.
  const lower = add(threadParticle(s, hold + 1), grip, -1);
  const at: Vec3 = add(knot, UP, CUT_HEIGHT);
  let target = add(add(at, lower, -1), UP, (cut - hold - 1) * THREAD_SPACING * (1 + HANG_STRETCH) + OVERSHOOT);
  p.move('left', add(target, w.sideA, 0.01), 1.6);
  p.move('left', target, 0.6);
  p.hold('left', SETTLE);
  // Meanwhile the scissors come to beside the cut point, their blades across the hanging thread (from side a).
  const scissors = shaftAlong(add(add([0, 0, 0], w.sideA, 0.8), UP, 0.6));
  p.move('right', add(at, add(UP, w.sideA), 0.03), 0.5, 0, { instrument: 'suture-scissors', orientation: scissors });
  p.move('right', add(at, w.sideA, 0.004), 0.5);
  for (let k = 0; k < 3; k++) {
    p.sync();
    p.simulate();
    const off = add(at, threadParticle(scene(p), cut), -1);
    if (Math.hypot(...off) < 0.0003) break;
    target = add(target, off);
    p.move('left', target, 0.6);
    p.hold('left', SETTLE_AFTER_CORRECTION);
  }
  p.sync();
  p.simulate();
  const point = threadParticle(scene(p), cut);
  p.move('right', point, 0.5);
  p.hold('right', 0.2);
  p.hold('right', 0.15, 1).hold('right', 0.25);
  p.hold('right', 0.15, 0).hold('right', 0.1);
  p.move('right', add(point, add(UP, w.sideA), 0.03), 0.5);
  // The thread carried over to side a beyond the needle and let go there, clear of the wound.
  p.sync();
  const heap = add(add(knot, w.sideA, PARK_OUT + 0.012), UP, target[1] - knot[1]);
  p.move('left', heap, 1.2);
  p.hold('left', 0.15, 0).hold('left', 0.25);
  p.move('left', add(heap, UP, 0.02), 0.4);
  // Then down to wait close over the skin, rather than high above the pad.
  p.move('left', add(add(knot, w.sideA, PARK_OUT + 0.012), UP, FORCEPS_WAIT_HEIGHT), 0.6);
}

/** One stitch `at` mm along the wound. */
function stitch(p: Planner, at: number, first: boolean): void {
  loadNeedle(p, first);
  p.sync();
  p.simulate();
  const { entry, exit } = bite(scene(p), at);
  evert(p, entry);
  p.sync();
  pass(p, entry, exit);
  p.sync();
  p.simulate();
  const s = scene(p);
  const w = wound(s);
  // The knot laid on side a, 4 mm out from the entry.
  const knot: Vec3 = add([entry[0], s.surfaceY, entry[2]], w.sideA, 0.004);
  tie(p, knot, 2, 1);
  tie(p, knot, 1.25, -1);
  tie(p, knot, 1.25, 1);
  cutTails(p, knot);
}

/** The driver takes the needle and puts it down in the needle counter. */
function disposeNeedle(p: Planner): void {
  loadNeedle(p, false);
  const tip = add(NEEDLE_COUNTER_CENTRE, UP, 0.008);
  p.move('right', add(tip, UP, 0.03), 0.8);
  p.move('right', tip, 0.3);
  p.hold('right', 0.2, 0);
  p.move('right', add(tip, UP, 0.03), 0.3);
}

export function sutureExpert(): KeyframeScript {
  const p = new Planner('interrupted-suture', SEED, VARIANT);
  p.key('left', 0, [-0.05, 1.0, -0.4], 0);
  p.key('right', 0, [0.06, 1.0, -0.4], 0);
  const length = Math.hypot(...add(wound(scene(p)).end, wound(scene(p)).start, -1)) * 1000;
  let at = FIRST_MM;
  stitch(p, at, true);
  for (let n = 1; n < 6 && (n < 4 || length - at > MAX_GAP_MM); n++) stitch(p, (at += SPACING_MM), false);
  disposeNeedle(p);
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  p.simulate();
  return p.script(
    "Interrupted sutures, expert: four stitches 7.5 mm apart (load, evert, perpendicular symmetric bite, surgeon's knot + two alternating throws laid to one side, tails cut at 5 mm), then the needle into the counter.",
  );
}
