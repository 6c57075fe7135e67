/**
 * FLS peg transfer by script: the left grasper lifts each ring off its left peg, hands it over in mid-air
 * over the centre of the board, and the right grasper puts it on the mirrored right peg; then all six
 * come back the same way. Mistake: a ring let go high outside the camera's view.
 *
 * Each grasper is held through its port (src/core/world/instruments/ports.ts), so its tip orientation is the line
 * from the port to the tip, only the roll about the shaft free; a held ring turns with the tip. A ring
 * taken flat off a peg keeps the angle between its axis and the shaft that took it, so the script uses
 * the rolls to bring it down level on its new peg: the giving hand's roll at the handover puts the ring's
 * axis at the angle to the taking shaft that this shaft will have over the peg, and the taking hand's roll
 * over the peg levels it. Where a ring sits relative to the jaws is read from the simulation (closed loop).
 */
import { PegboardScene } from '../src/core/world/scenes/index.ts';
import { type Hand, type Quat, type Vec3, TICK_HZ } from '../src/core/kernel/index.ts';
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { PORTS } from '../src/core/kernel/or-layout.ts';
import { Planner, portOrientation, shaftAlong } from './experts-planner.ts';

const SEED = 1;
const LEFT = shaftAlong([-0.5, 0.7, 0.5]);
const RIGHT = shaftAlong([0.5, 0.7, 0.5]);
const GRASPERS = { left: 'grasper-left', right: 'grasper-right' } as const;
/** Tip above the ring's centre when closing on its side: ring top + clearance for the tip body. */
const GRAB_ABOVE = 0.007;
/** Carrying height of the tip over the board: the ring clears the pegs. */
const CARRY = 0.05;
/** How far below the grab point the tip taps the ring's top (m), at 0.18 m/s: fast enough to wake it. */
const TAP = 0.0015;
/** The handover: over this long, the ring moves this far across the centre (m). */
const HANDOVER_SECONDS = 0.7;
const HANDOVER_DRIFT = 0.006;
/** Where the handover happens, from the board's centre (m): low and towards the ports, where the rings tilt least. */
const HANDOVER_AT: Vec3 = [0, 0.04, 0.03];
/** When, into the handover, the taking jaws close on the ring (their input crosses the grasp threshold). */
const TAKE = 0.3;
/** When, into the handover, the giving jaws start to open (closed), and are open. */
const LET_GO: [number, number] = [0.5, 0.65];
/**
 * Seconds each hand keeps still after its jaws have closed on a ring or opened over a peg: slack, so that
 * an input path that samples the script coarsely (the VR test holds each pose for 12 ticks) still closes or
 * opens before the hand moves on.
 */
const SETTLE = 0.2;
/**
 * The ring's top this far above its peg's top when let go (m): its bottom 1 mm below the tip of the peg's
 * tapered top, the tip in the hole, so that a ring let go a few millimetres off centre drops over the peg and
 * the taper steers it down (docs/tissue.md, "The FLS rings").
 */
const RELEASE_ABOVE = 0.004;
/**
 * The taking tip this far over the ring's plane (ring frame): its jaws on the ring's side, the tip's body (4 mm)
 * inside the held ring (held rings pass through the tips, and a ring let go passes through them until clear).
 */
const CLEAR = 0.0035;
/** The taking tip at most this far over the ring's centre: its jaws well within the scene's grasp reach (6 mm from the ring's sides). */
const REACH_HEIGHT = 0.0065;

function board(p: Planner): PegboardScene {
  const scene = p.attempt.world.scene;
  if (!(scene instanceof PegboardScene)) throw new Error('not the pegboard');
  return scene;
}

function ringCentre(p: Planner, k: number): Vec3 {
  const b = p.simulate().world.objects[k]!;
  return [b.position.x, b.position.y, b.position.z];
}

/** Side of the ring each hand takes it by off a peg: the left from its −x side, the right from its +x side. */
function side(p: Planner, hand: Hand): number {
  const l = board(p).layout;
  return ((l.ring.outer + l.ring.inner) / 4) * (hand === 'left' ? -1 : 1);
}

// Small vector and quaternion helpers (x y z w).
const add = (a: readonly number[], b: readonly number[], k = 1): Vec3 => [a[0]! + k * b[0]!, a[1]! + k * b[1]!, a[2]! + k * b[2]!];
const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const cross = (a: readonly number[], b: readonly number[]): Vec3 => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];
const unit = (a: readonly number[]): Vec3 => {
  const n = Math.hypot(a[0]!, a[1]!, a[2]!);
  return [a[0]! / n, a[1]! / n, a[2]! / n];
};
const UP: Vec3 = [0, 1, 0];
function mul(a: Quat, b: Quat): Quat {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
}
const conj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
function rot(q: Quat, v: readonly number[]): Vec3 {
  const r = mul(mul(q, [v[0]!, v[1]!, v[2]!, 0]), conj(q));
  return [r[0], r[1], r[2]];
}
function aboutAxis(axis: Vec3, angle: number): Quat {
  const s = Math.sin(angle / 2);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}
const angleBetween = (a: Vec3, b: Vec3): number => Math.acos(Math.max(-1, Math.min(1, dot(unit(a), unit(b)))));

/** Unit direction from the tip back to the hand's port: the shaft, the tip frame's +z. */
const shaft = (hand: Hand, tip: Vec3): Vec3 => unit(add(PORTS[hand].position, tip, -1));

/** The orientation the app gives at `tip`, the roll about the shaft taken from `like` and then turned by `roll`. */
function through(hand: Hand, tip: Vec3, like: Quat, roll = 0): Quat {
  const q = portOrientation(hand, GRASPERS[hand], tip, like);
  return roll === 0 ? q : mul(aboutAxis(shaft(hand, tip), roll), q);
}

/** A held ring relative to the tip frame: the offset of its centre and its rotation. */
interface Grip {
  offset: Vec3;
  rotation: Quat;
}

function gripOf(p: Planner, hand: Hand, k: number): Grip {
  const b = board(p);
  if (b.held[k] !== (hand === 'left' ? 0 : 1)) throw new Error(`ring ${k} is not in the ${hand} grasper at t=${p.attempt.world.time}`);
  const g = b.grip;
  return { offset: [g[7 * k]!, g[7 * k + 1]!, g[7 * k + 2]!], rotation: [g[7 * k + 3]!, g[7 * k + 4]!, g[7 * k + 5]!, g[7 * k + 6]!] };
}

/** Where a held ring is for a tip pose: its centre and its axis (the ring's local +y). */
function ringAt(tip: Vec3, q: Quat, grip: Grip): { centre: Vec3; axis: Vec3 } {
  return { centre: add(tip, rot(q, grip.offset)), axis: rot(mul(q, grip.rotation), UP) };
}

/** The roll about `d` that brings `v` closest to `target` (both turned about d). */
function rollTowards(d: Vec3, v: Vec3, target: Vec3): number {
  const pv = add(v, d, -dot(v, d)),
    pt = add(target, d, -dot(target, d));
  return Math.atan2(dot(d, cross(pv, pt)), dot(pv, pt));
}

/**
 * The tip pose that holds a ring with its centre at `centre` and its axis as near upright as the shaft
 * allows (exactly upright when the ring's axis makes the same angle with the shaft as the vertical does).
 */
function levelPose(hand: Hand, grip: Grip, centre: Vec3, like: Quat): { tip: Vec3; q: Quat; tilt: number } {
  let tip = add(centre, rot(like, grip.offset), -1);
  let q = like;
  for (let i = 0; i < 30; i++) {
    q = through(hand, tip, q);
    q = mul(aboutAxis(shaft(hand, tip), rollTowards(shaft(hand, tip), ringAt(tip, q, grip).axis, UP)), q);
    tip = add(centre, rot(q, grip.offset), -1);
  }
  q = through(hand, tip, q);
  return { tip, q, tilt: angleBetween(ringAt(tip, q, grip).axis, UP) };
}

/**
 * The hand picks ring k up from wherever it rests and lifts it to carrying height. It taps the ring
 * first: a ring at rest falls asleep in the physics and only a moving touch wakes it (a held ring that
 * sleeps does not follow the jaws), then closes within the half second before it sleeps again.
 */
function pickUp(p: Planner, hand: Hand, k: number): void {
  const c = ringCentre(p, k);
  const top = board(p).layout.boardTop;
  const grab: Vec3 = [c[0] + side(p, hand), c[1] + GRAB_ABOVE, c[2]];
  p.move(hand, [grab[0], top + CARRY, grab[2]], 0.45, 0);
  p.move(hand, [grab[0], grab[1] + 2 * TAP, grab[2]], 0.3);
  p.move(hand, [grab[0], grab[1] - TAP, grab[2]], 3 / TICK_HZ);
  p.move(hand, grab, 1 / TICK_HZ);
  p.hold(hand, 0.15, 1).hold(hand, SETTLE);
  p.move(hand, [grab[0], top + CARRY, grab[2]], 0.3);
}

/** Ring centre on a peg's axis where it is let go: its top RELEASE_ABOVE over the peg's top. */
function releaseCentre(p: Planner, peg: readonly number[]): Vec3 {
  const l = board(p).layout;
  return [peg[0]!, l.boardTop + l.pegHeight + RELEASE_ABOVE - l.ring.thickness / 2, peg[2]!];
}

/**
 * A mid-air handover: `from` carries its ring k slowly across the centre (HANDOVER_DRIFT; kept small, so
 * an input path that samples the script coarsely still finds the ring where the jaws are); `to` moves
 * alongside, closes on the ring, and `from` lets go. `from`'s roll is chosen so that the ring's axis makes
 * the angle with `to`'s shaft that `to`'s shaft will make with the vertical over peg `peg`, where it lets
 * the ring go level. Of the sides of the ring `to` can take it by (its tip within grasp reach, and CLEAR
 * over the ring's plane once the ring is level), the one farthest from `from`'s tip.
 */
function handOver(p: Planner, from: Hand, to: Hand, k: number, peg: readonly number[]): void {
  const l = board(p).layout;
  const dir = Math.sign(side(p, to) - side(p, from));
  const mid = Math.abs(side(p, to));
  const centre = add([l.boardCentre[0], l.boardTop, l.boardCentre[2]], HANDOVER_AT);
  const along = (u: number): Vec3 => [centre[0] + dir * HANDOVER_DRIFT * (u - 0.5) + side(p, from), centre[1], centre[2]];
  const t0 = p.cursor[from] + 0.45;
  // Up to here the giving hand's path is fixed: simulate its grasp, to know how it holds the ring.
  p.waitUntil(to, t0 - 0.35);
  p.simulate();
  const grip = gripOf(p, from, k);
  // The taking shaft's angle to the vertical over the peg (where it will let go).
  const over = releaseCentre(p, peg);
  const beta = angleBetween(shaft(to, [over[0] + side(p, to), over[1] + CLEAR, over[2]]), UP);

  const like = p.last(from).orientation!;
  const at = (s: number): Vec3 => along(s / HANDOVER_SECONDS);
  /**
   * For a roll of the giving hand at the take, and a side of the ring (horizontal direction `toward` from
   * its centre) where the taking tip closes: the giving pose, the ring's tilt, the taking tip (high enough
   * over the centre to be CLEAR over the ring's plane once level, but within grasp reach), and how far the
   * ring's axis is off the angle to the taking shaft that levels it over the peg.
   */
  const trial = (roll: number, toward: Vec3) => {
    const tip = at(TAKE);
    const q = through(from, tip, like, roll);
    const ring = ringAt(tip, q, grip);
    const tilt = angleBetween(ring.axis, UP);
    const dy = (CLEAR - mid * dot(toward, ring.axis)) / ring.axis[1];
    const take = add(add(ring.centre, toward, mid), UP, dy);
    const reach = dy <= REACH_HEIGHT && dy >= 0;
    return { q, tilt, take, reach, apart: Math.hypot(...add(take, tip, -1)), error: angleBetween(shaft(to, take), ring.axis) - beta };
  };
  type Trial = ReturnType<typeof trial>;
  const better = (a: Trial, b: Trial | null): boolean =>
    b === null ||
    (a.reach && !b.reach) ||
    (a.reach === b.reach && a.apart > b.apart + 1e-4) ||
    (a.reach === b.reach && Math.abs(a.apart - b.apart) <= 1e-4 && a.tilt < b.tilt);
  let best: Trial | null = null;
  const STEPS = 360;
  for (let j = 0; j < 24; j++) {
    const psi = (j / 24) * 2 * Math.PI;
    const toward: Vec3 = [Math.cos(psi), 0, Math.sin(psi)];
    let previous = trial(-Math.PI, toward);
    for (let i = 1; i <= STEPS; i++) {
      const roll = -Math.PI + (i / STEPS) * 2 * Math.PI;
      const now = trial(roll, toward);
      if (Math.sign(now.error) !== Math.sign(previous.error)) {
        let [a, b] = [roll - (2 * Math.PI) / STEPS, roll];
        const sa = Math.sign(previous.error);
        for (let n = 0; n < 40; n++) {
          const m = (a + b) / 2;
          if (Math.sign(trial(m, toward).error) === sa) a = m;
          else b = m;
        }
        const root = trial((a + b) / 2, toward);
        if (better(root, best)) best = root;
      }
      previous = now;
    }
  }
  if (best === null || !best.reach) throw new Error(`handover of ring ${k}: no roll levels it over its peg`);
  const taken = best;
  // The taking tip stays at the same point of the ring, in the giving tip's frame.
  const inFrom = rot(conj(taken.q), add(taken.take, at(TAKE), -1));
  const fromPose = (s: number): { tip: Vec3; q: Quat } => {
    const tip = at(s);
    return { tip, q: through(from, tip, taken.q) };
  };
  const toTip = (s: number): Vec3 => {
    const f = fromPose(s);
    return add(f.tip, rot(f.q, inFrom));
  };
  const approach = add(toTip(0), unit(add(toTip(0), ringAt(fromPose(0).tip, fromPose(0).q, grip).centre, -1)), 0.02);

  p.move(from, fromPose(0).tip, 0.45, 1, { orientation: fromPose(0).q });
  p.key(to, t0 - 0.1, approach, 0);
  for (const [s, jaw] of [
    [0.15, 0],
    [TAKE, (TAKE - 0.15) / 0.2],
    [0.35, 1],
    [HANDOVER_SECONDS, 1],
  ] as const) {
    p.key(to, t0 + s, toTip(s), jaw);
  }
  for (const [s, jaw] of [
    [0.15, 1],
    [TAKE, 1],
    [0.35, 1],
    [LET_GO[0], 1],
    [LET_GO[1], 0],
  ] as const) {
    const f = fromPose(s);
    p.key(from, t0 + s, f.tip, jaw, { orientation: f.q });
  }
  p.move(from, [at(LET_GO[1])[0] - dir * 2 * mid, centre[1] + 0.015, centre[2]], 0.2);
}

/** The hand lowers its ring k onto peg `peg` (base centre), level, and lets go once the peg's top is in the ring's hole. */
function place(p: Planner, hand: Hand, k: number, peg: readonly number[]): void {
  const l = board(p).layout;
  p.simulate();
  const grip = gripOf(p, hand, k);
  const low = releaseCentre(p, peg);
  const high = levelPose(hand, grip, [low[0], l.boardTop + CARRY - GRAB_ABOVE, low[2]], p.last(hand).orientation!);
  const down = levelPose(hand, grip, low, high.q);
  if (down.tilt > (3 * Math.PI) / 180) throw new Error(`ring ${k} would go onto its peg tilted ${((down.tilt * 180) / Math.PI).toFixed(1)}°`);
  p.move(hand, high.tip, 0.45, 1, { orientation: high.q });
  p.move(hand, down.tip, 0.25, 1, { orientation: down.q });
  p.hold(hand, 0.15, 0).hold(hand, SETTLE);
  p.move(hand, add(down.tip, UP, CARRY - (down.tip[1] - l.boardTop)), 0.25);
}

function setUp(): Planner {
  const p = new Planner('fls-peg-transfer', SEED);
  for (const hand of ['left', 'right'] as const) {
    const l = board(p).layout;
    const x = (hand === 'left' ? -1 : 1) * 0.06;
    p.key(hand, 0, [x, l.boardTop + CARRY + 0.02, l.boardCentre[2]], 0, { instrument: GRASPERS[hand], orientation: hand === 'left' ? LEFT : RIGHT });
    p.hold(hand, 0.3);
  }
  return p;
}

export function flsExpert(): KeyframeScript {
  const p = setUp();
  const pegs = board(p).layout.pegs;
  // Ring k goes from left peg k to right peg k (pegs 6–11), then back.
  for (const [from, to, firstPeg] of [
    ['left', 'right', 6],
    ['right', 'left', 0],
  ] as const) {
    for (let k = 0; k < 6; k++) {
      pickUp(p, from, k);
      handOver(p, from, to, k, pegs[firstPeg + k]!);
      place(p, to, k, pegs[firstPeg + k]!);
    }
  }
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  p.simulate();
  return p.script('FLS peg transfer, expert: six rings across with mid-air handovers, and back; each grasper through its port.');
}

export function flsDropOutOfView(): KeyframeScript {
  const p = setUp();
  pickUp(p, 'left', 0);
  const l = board(p).layout;
  // Left of the laparoscope's picture (kernel/or-layout.ts LAPAROSCOPE), beside the board.
  p.move('left', [l.boardCentre[0] - 0.26, l.boardTop + 0.06, l.boardCentre[2] + 0.05], 0.6);
  p.hold('left', 0.15, 0).hold('left', 1);
  p.sync();
  p.simulate();
  return p.script('FLS peg transfer, mistake: the first ring let go high at the far left, outside the camera view.');
}
