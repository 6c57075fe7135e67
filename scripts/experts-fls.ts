/**
 * FLS peg transfer by script: the left grasper lifts each ring off its left peg, hands it over in mid-air
 * over the centre of the board, and the right grasper puts it on the mirrored right peg; then all six
 * come back the same way. Mistake: a ring let go high outside the camera's view.
 */
import { PegboardScene } from '../src/core/scenes/index.ts';
import { type Hand, type Vec3, TICK_HZ } from '../src/core/sim/index.ts';
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { Planner, shaftAlong } from './experts-planner.ts';

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
const HANDOVER_SECONDS = 0.6;
const HANDOVER_DRIFT = 0.02;

function board(p: Planner): PegboardScene {
  const scene = p.attempt.sim.scene;
  if (!(scene instanceof PegboardScene)) throw new Error('not the pegboard');
  return scene;
}

function ringCentre(p: Planner, k: number): Vec3 {
  const b = p.simulate().sim.objects[k]!;
  return [b.position.x, b.position.y, b.position.z];
}

/** Side of the ring each hand takes it by: the left from its −x side, the right from its +x side. */
function side(p: Planner, hand: Hand): number {
  const l = board(p).layout;
  return ((l.ring.outer + l.ring.inner) / 4) * (hand === 'left' ? -1 : 1);
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
  p.hold(hand, 0.15, 1).hold(hand, 0.05);
  p.move(hand, [grab[0], top + CARRY, grab[2]], 0.3);
}

/**
 * A handover on the move (a held ring that stops for half a second falls asleep and no longer follows):
 * `from` carries its ring slowly across the centre; `to` moves alongside, closes on the ring's other
 * side, and `from` lets go.
 */
function handOver(p: Planner, from: Hand, to: Hand): void {
  const l = board(p).layout;
  const reach = side(p, to) - side(p, from);
  const dir = Math.sign(reach);
  const centre: Vec3 = [l.boardCentre[0], l.boardTop + CARRY, l.boardCentre[2]];
  const along = (u: number): Vec3 => [centre[0] + dir * HANDOVER_DRIFT * (u - 0.5), centre[1], centre[2]];
  const alongside = (u: number): Vec3 => {
    const a = along(u);
    return [a[0] + reach, a[1], a[2]];
  };
  p.move(from, along(0), 0.45);
  const t0 = p.cursor[from];
  p.waitUntil(to, t0 - 0.35);
  p.key(to, t0 - 0.1, [alongside(0)[0] + dir * 0.02, centre[1], centre[2]], 0);
  const at = (s: number): number => s / HANDOVER_SECONDS;
  p.key(to, t0 + 0.15, alongside(at(0.15)), 0);
  p.key(to, t0 + 0.35, alongside(at(0.35)), 1);
  p.key(to, t0 + HANDOVER_SECONDS, alongside(1), 1);
  p.key(from, t0 + 0.4, along(at(0.4)), 1);
  p.key(from, t0 + 0.55, along(at(0.55)), 0);
  p.move(from, [along(1)[0] - reach, centre[1] + 0.015, centre[2]], 0.2);
}

/** The hand lowers its ring over peg `peg` (base centre) and lets go just above the peg's top. */
function place(p: Planner, hand: Hand, peg: readonly number[]): void {
  const l = board(p).layout;
  const over = side(p, hand);
  const high: Vec3 = [peg[0]! + over, l.boardTop + CARRY, peg[2]!];
  const low: Vec3 = [high[0], l.boardTop + l.pegHeight + 0.008 + GRAB_ABOVE, high[2]];
  p.move(hand, high, 0.45);
  p.move(hand, low, 0.25);
  p.hold(hand, 0.15, 0).hold(hand, 0.1);
  p.move(hand, high, 0.25);
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
  for (const [from, to, firstPeg] of [['left', 'right', 6], ['right', 'left', 0]] as const) {
    for (let k = 0; k < 6; k++) {
      pickUp(p, from, k);
      handOver(p, from, to);
      place(p, to, pegs[firstPeg + k]!);
    }
  }
  p.sync();
  p.hold('left', 0.5).hold('right', 0.5);
  p.simulate();
  return p.script('FLS peg transfer, expert: six rings across with mid-air handovers, and back.');
}

export function flsDropOutOfView(): KeyframeScript {
  const p = setUp();
  pickUp(p, 'left', 0);
  const l = board(p).layout;
  p.move('left', [l.boardCentre[0] - 0.19, l.boardTop + 0.06, l.boardCentre[2] + 0.05], 0.6);
  p.hold('left', 0.15, 0).hold('left', 1);
  p.sync();
  p.simulate();
  return p.script('FLS peg transfer, mistake: the first ring let go high at the far left, outside the camera view.');
}
