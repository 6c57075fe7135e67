/**
 * Elliptical excision of the pad's lesion, by script (seed 1, tension lines oblique). The skin marker
 * draws a fusiform ellipse round the lesion: long axis on the tension lines, 3 : 1, 3 mm clear of the
 * lesion at its widest (a 2 mm margin rule, cut with a millimetre to spare), tips of about 30°. The scalpel cuts each side in one stroke 3 mm deep (through
 * the 2 mm dermis into fat), its blade upright (no bevel) and its handle raised 45° behind the stroke,
 * from the tip on the right to the one on the left and 2.5 mm past each, so the two incisions meet and cut the specimen
 * out. The left Adson forceps take the specimen's near end 4 mm from the lesion, across the middle of its
 * width, and lift it 3 mm; the iris scissors, entering through the near
 * incision and lying 4° off flat 5 mm under the skin (3 mm into the fat), snip in the fat every 2.5 mm from tip to tip. Freed,
 * the specimen is carried in the forceps to the histology pot on the pad's left and let go over it.
 */
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { SkinPadScene } from '../src/core/world/scenes/skin-pad.ts';
import { mulQuat } from '../src/core/world/scenes/pose.ts';
import type { Quat, Vec3 } from '../src/core/kernel/index.ts';
import { SPECIMEN_POT_BASE, SPECIMEN_POT_HEIGHT } from '../src/core/kernel/or-layout.ts';
import { Planner, shaftAlong } from './experts-planner.ts';

const SEED = 1;
const VARIANT = 'lines-oblique';
/** Half-width of the ellipse beyond the lesion's edge (m): the 2 mm margin and a millimetre to spare. */
const MARGIN = 0.003;
/** The mistake: an ellipse drawn (and cut) 1.2 mm from the lesion. */
const TIGHT_MARGIN = 0.0012;
const RATIO = 3;
/** The sides' profile across the long axis: 1 at the middle, 0 at the tips, slope there tan 15°·RATIO. */
const profile = (s: number): number => (1 - s * s) * (1 - 0.6 * s * s);
const INCISION_DEPTH = 0.003;
const PAST_TIPS = 0.0025;
const HANDLE_RAISE = (45 * Math.PI) / 180;
const LIFT = 0.003;
/** The forceps take the specimen this far from the lesion's edge along its axis (by its end, clear of the lesion). */
const GRIP_FROM_LESION = 0.004;
const SNIP_DEPTH = 0.005;
const SNIP_STEP = 0.0025;
const SCISSORS_RAISE = (4 * Math.PI) / 180;
/** Rest at the ends of a marking or a stroke (s): a held pose of up to 60 ticks then lands on the end. */
const SETTLE = 0.5;
const LEFT_REST: Vec3 = [-0.05, 1.0, -0.4];
const RIGHT_REST: Vec3 = [0.06, 1.0, -0.4];
const UP: Vec3 = [0, 1, 0];

const add = (a: readonly number[], b: readonly number[], k = 1): Vec3 => [a[0]! + k * b[0]!, a[1]! + k * b[1]!, a[2]! + k * b[2]!];

function scene(p: Planner): SkinPadScene {
  const s = p.attempt.world.scene;
  if (!(s instanceof SkinPadScene) || !s.anatomy.lesion) throw new Error('not the skin pad with a lesion');
  return s;
}

/** The ellipse on the skin: a point at u along the long axis and v across it, at height y. */
function ellipse(s: SkinPadScene, margin: number) {
  const { centre, radius } = s.anatomy.lesion!;
  const t = s.anatomy.tensionLines;
  const along: Vec3 = [t[0], 0, t[2]];
  // Across the axis, towards the right hand's side (+x, +z: the trainee's right and near side).
  const sign = -t[2] + t[0] >= 0 ? 1 : -1;
  const across: Vec3 = [-t[2] * sign, 0, t[0] * sign];
  const width = radius + margin;
  const length = RATIO * width;
  const at = (u: number, v: number, y: number): Vec3 => [centre[0] + along[0] * u + across[0] * v, y, centre[2] + along[2] * u + across[2] * v];
  /** Side σ (+1 near the right hand, −1 far) at s ∈ [−1, 1] along the axis. */
  const side = (sigma: number, s01: number, y: number): Vec3 => at(length * s01, sigma * width * profile(Math.max(-1, Math.min(1, s01))), y);
  return { along, across, width, length, at, side, surface: s.surfaceY };
}

type Ellipse = ReturnType<typeof ellipse>;

/**
 * The marker draws the ellipse at about 9 mm/s: near side from one tip to the other, far side back to the
 * start. It rests half a second at the start and at the end, so the marking closes on its first point even
 * when the motion is given as poses held for up to half a second each (tests/support/held-chunks.ts).
 */
function mark(p: Planner, e: Ellipse): void {
  const y = e.surface + 0.0005;
  const orientation = shaftAlong([0.3, 0.9, 0.3]);
  const start = e.side(1, -1, y);
  p.move('right', add(start, UP, 0.02), 0.8, 0, { instrument: 'skin-marker', orientation });
  p.move('right', start, 0.3);
  p.hold('right', SETTLE);
  const n = 40;
  for (let k = 1; k <= n; k++) p.move('right', e.side(1, -1 + (2 * k) / n, y), 0.1);
  for (let k = 1; k <= n; k++) p.move('right', e.side(-1, 1 - (2 * k) / n, y), 0.1);
  p.hold('right', SETTLE);
  p.move('right', add(start, UP, 0.02), 0.3);
}

/** Blade upright (flat faces level), the handle trailing the stroke direction d and raised. */
function bladeFor(d: readonly number[]): Quat {
  const heading = Math.atan2(-d[0]!, -d[2]!);
  const yaw: Quat = [0, Math.sin(heading / 2), 0, Math.cos(heading / 2)];
  const raise: Quat = [Math.sin(-HANDLE_RAISE / 2), 0, 0, Math.cos(-HANDLE_RAISE / 2)];
  const q = [0, 0, 0, 1];
  mulQuat(yaw, raise, q);
  return q as Quat;
}

/** One side σ in one stroke (≈ 7 mm/s), from the tip at +u to the one at −u, 2.5 mm past each, 3 mm deep. */
function incise(p: Planner, e: Ellipse, sigma: number): void {
  const y = e.surface - INCISION_DEPTH;
  const past = PAST_TIPS / e.length;
  const n = 40;
  const point = (k: number): Vec3 => e.side(sigma, 1 + past - ((2 + 2 * past) * k) / n, y);
  const direction = (k: number): Vec3 => {
    const a = point(Math.max(0, k - 1)),
      b = point(Math.min(n, k + 1));
    const l = Math.hypot(b[0] - a[0], b[2] - a[2]);
    return [(b[0] - a[0]) / l, 0, (b[2] - a[2]) / l];
  };
  const first = point(0);
  p.move('right', add(first, UP, 0.02), 0.8, 0, { instrument: 'scalpel', orientation: bladeFor(direction(0)) });
  p.move('right', first, 0.4);
  p.hold('right', SETTLE);
  for (let k = 1; k <= n; k++) p.move('right', point(k), 0.15, 0, { orientation: bladeFor(direction(k)) });
  p.hold('right', SETTLE);
  p.move('right', add(point(n), UP, 0.02), 0.4);
}

/**
 * Where the forceps take the specimen: on its long axis GRIP_FROM_LESION beyond the lesion's edge, towards
 * the near tip, midway across the specimen's width there (as cut: the sheet severs along its triangles' edges).
 */
function gripPoint(s: SkinPadScene, e: Ellipse): Vec3 {
  const u = -(s.anatomy.lesion!.radius + GRIP_FROM_LESION);
  let lo = Infinity,
    hi = -Infinity;
  for (let v = -e.width; v <= e.width; v += 0.0001) {
    const [x, , z] = e.at(u, v, e.surface);
    if (!s.specimen.covers(x, z)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) throw new Error('no specimen: the incisions did not meet');
  return e.at(u, (lo + hi) / 2, e.surface);
}

/** The left forceps take the specimen by its near end (gripPoint) and lift it. */
function liftTip(p: Planner, e: Ellipse): void {
  p.sync();
  p.simulate();
  const grip = gripPoint(scene(p), e);
  p.move('left', add(grip, UP, 0.02), 0.8, 0, { instrument: 'adson-forceps', orientation: shaftAlong([-0.4, 0.9, 0.2]) });
  p.move('left', grip, 0.3);
  p.hold('left', 0.25, 1);
  p.move('left', add(grip, UP, LIFT), 0.3);
}

/**
 * The scissors go in through the middle of the near incision, slide under the specimen until their tips
 * are 1 mm past its far side, and snip every 2.5 mm or so from 1 mm inside one tip to 1 mm inside the
 * other; then back out the same way.
 */
function undermine(p: Planner, e: Ellipse): void {
  p.sync();
  const y = e.surface - SNIP_DEPTH;
  const d: Vec3 = add([0, Math.sin(SCISSORS_RAISE), 0], e.across, Math.cos(SCISSORS_RAISE));
  const orientation = shaftAlong(d);
  const span = 2 * e.length - 0.002;
  const far = -e.width - 0.001;
  const entry = e.side(1, 0, y);
  p.move('right', add(entry, UP, 0.02), 0.8, 0, { instrument: 'iris-scissors', orientation });
  p.move('right', entry, 0.4);
  p.move('right', e.at(0, far, y), 0.3);
  const snips = Math.ceil(span / SNIP_STEP);
  for (let k = 0; k <= snips; k++) {
    p.move('right', e.at(-span / 2 + (span * k) / snips, far, y), k === 0 ? 0.4 : 0.2, 0);
    p.hold('right', 0.2, 1);
    p.hold('right', 0.2, 0);
  }
  p.move('right', e.at(0, far, y), 0.4);
  p.move('right', entry, 0.3);
  p.move('right', add(entry, UP, 0.03), 0.4);
  p.move('right', RIGHT_REST, 0.8);
}

/** The freed specimen carried in the forceps over the pot, its middle over the pot's, and let go. */
function toPot(p: Planner): void {
  p.sync();
  p.simulate();
  const s = scene(p);
  if (!s.specimen.freed || s.specimen.holder !== 0) throw new Error('the specimen is not free in the left forceps');
  const q = s.particles.pos;
  let gx = 0,
    gz = 0;
  for (let k = 0; k < s.specimen.count; k++) {
    gx += q[3 * s.specimen.list[k]! + 0]! / s.specimen.count;
    gz += q[3 * s.specimen.list[k]! + 2]! / s.specimen.count;
  }
  const tip = p.last('left').position;
  const over: Vec3 = [SPECIMEN_POT_BASE[0] + tip[0] - gx, SPECIMEN_POT_BASE[1] + SPECIMEN_POT_HEIGHT + 0.01, SPECIMEN_POT_BASE[2] + tip[2] - gz];
  p.move('left', add(tip, UP, 0.04), 0.6);
  p.move('left', add(over, UP, 0.03), 1.0);
  p.move('left', over, 0.4);
  p.hold('left', 0.25, 0);
  p.move('left', add(over, UP, 0.04), 0.4);
  p.move('left', LEFT_REST, 0.8);
}

/** Marks the ellipse `margin` clear of the lesion and incises both sides. */
function markAndIncise(margin: number): { p: Planner; e: Ellipse } {
  const p = new Planner('elliptical-excision', SEED, VARIANT);
  p.key('left', 0, LEFT_REST, 0);
  p.key('right', 0, RIGHT_REST, 0);
  const e = ellipse(scene(p), margin);
  mark(p, e);
  incise(p, e, -1);
  incise(p, e, 1);
  return { p, e };
}

export function excisionExpert(): KeyframeScript {
  const { p, e } = markAndIncise(MARGIN);
  liftTip(p, e);
  undermine(p, e);
  toPot(p);
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  p.simulate();
  return p.script(
    'Elliptical excision, expert: a 3 : 1 fusiform ellipse along the tension lines 3 mm clear of the lesion, each side incised in one upright stroke into fat, the specimen lifted by its end and freed with the scissors in the fat, then placed in the histology pot.',
  );
}

/** The mistake: the ellipse marked and cut 1.2 mm from the lesion, inside the 2 mm margin (margin-too-small). */
export function excisionMarginTooSmall(): KeyframeScript {
  const { p } = markAndIncise(TIGHT_MARGIN);
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  return p.script('Elliptical excision, mistake: the ellipse marked and both sides incised 1.2 mm from the lesion, inside the 2 mm margin.');
}
