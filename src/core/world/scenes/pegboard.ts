import { Body, type Box, Quaternion, Vec3 as CVec3 } from 'cannon-es';
import { generatePegboard, type PegboardLayout } from '../anatomy/pegboard.ts';
import { mergeMeshes } from '../anatomy/mesh.ts';
import { staticPart, type RenderPart } from '../anatomy/render-part.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import { instrumentSpec } from '../instruments/catalog.ts';
import { chamferedPegBody, triangleRingBody } from '../physics/compound.ts';
import { Group, type RigidWorld } from '../physics/rigid-world.ts';
import { TICK_HZ } from '../../kernel/clock.ts';
import { HANDS, type Hand } from '../../kernel/input.ts';
import { StateBook } from '../tissue/state-book.ts';
import { BaseScene } from './base-scene.ts';
import { mulQuat, rotate } from './pose.ts';
import { jawClosed, jawOpened, toolKind } from './tools.ts';
import { HAND_INDEX, touchAt, type ContactEvent, type SceneInstruments } from './types.ts';

const OBJECTS = 6;
/**
 * Closing jaws take a ring whose material lies within this distance of their clamping line, anywhere from the
 * tips to the hinge (m): the tip body (TIP_RADIUS, 4 mm) plus the 2 mm more that the open jaws of a 5 mm
 * grasper reach around it.
 */
const GRAB_REACH = 0.006;
/** A ring this close to a tip touches it: the radius of the tip's body in the physics (world.ts, TIP_RADIUS). */
const TOUCH_REACH = 0.004;
/** A ring threaded on a peg and tilted more than this (rad) sags level over SAG_SECONDS (see settleOnPeg). */
const SAG_MIN_TILT = (2 * Math.PI) / 180;
const SAG_SECONDS = 0.1;
/** Points along the clamping line at which the distance to a ring is taken (1–2 mm apart). */
const JAW_SAMPLES = 12;

/**
 * FLS peg transfer: rigid pegs and six rubber rings in cannon-es (sleeping on, collision groups from
 * the rigid world). A grasper closing on a ring holds it: the ring turns kinematic and follows the jaws
 * at the offset it was taken at, until the jaws open (it drops, dynamic again) or the other grasper
 * takes it (mid-air transfer). Taken so, it is in both jaws until one opens: the first opening, it
 * follows the other (the giving jaws opening complete the transfer; the taking ones opening first leave
 * it where it was).
 */
export class PegboardScene extends BaseScene {
  readonly name = 'pegboard' as const;
  readonly layout: PegboardLayout;
  readonly bodies: Body[] = [];
  readonly renderParts: RenderPart[];
  /** Hand index holding each ring, or -1. */
  readonly held = new Int32Array(OBJECTS).fill(-1);
  /** Per ring: offset (xyz) and rotation (xyzw) relative to the holding tip's frame. */
  readonly grip = new Float64Array(OBJECTS * 7);
  /** Per ring: the hand whose jaws still hold it after the other took it from them (until they open), or -1. */
  readonly heldAlsoBy = new Int32Array(OBJECTS).fill(-1);
  /** Per hand: the ring that came between its jaws while they are closing (taken when they shut), or -1. */
  readonly trapped = new Int32Array(2).fill(-1);
  /**
   * Per ring: 1 while it passes through the instruments' tip bodies. Jaws that open let the ring go without
   * shoving it: a ring let go with a tip body in it (they close on it wherever it came between them) does
   * not collide with the tips until it is clear of both.
   */
  readonly passThrough = new Int32Array(OBJECTS);
  private readonly ringsPart: RenderPart;
  protected readonly book: StateBook;
  private readonly q = new Float64Array(4);
  private readonly q2 = new Float64Array(4);
  private readonly q3 = new Float64Array(4);
  private readonly v = new Float64Array(3);
  private readonly p = new Float64Array(3);
  // Scratch for ringDistance.
  private readonly at = new CVec3();
  private readonly local = new CVec3();
  private readonly side = new CVec3();
  private readonly turn = new Quaternion();

  constructor(rigid: RigidWorld) {
    super();
    const l = generatePegboard();
    this.layout = l;
    rigid.addStaticBox({ halfExtents: [...l.boardHalf], position: [...l.boardCentre] });
    for (const p of l.pegs) rigid.addStatic(chamferedPegBody(l.pegRadius, l.pegHeight, l.pegChamfer, l.pegTipRadius, l.pegSegments, p));
    for (let k = 0; k < OBJECTS; k++) {
      const peg = l.pegs[k]!;
      this.bodies.push(
        rigid.addBody(
          triangleRingBody(l.ring.outer, l.ring.inner, l.ring.thickness, l.ring.mass, [peg[0], l.boardTop + l.ring.thickness / 2 + 0.0005, peg[2]]),
        ),
      );
    }
    const rings = mergeMeshes(Array.from({ length: OBJECTS }, () => l.ringMesh));
    this.ringsPart = { ...staticPart('fls-objects', 'fls-object', 'rubber', rings), dynamic: true };
    this.ringsPart.positions = new Float32Array(rings.positions.length);
    this.ringsPart.normals = new Float32Array(rings.normals.length);
    this.renderParts = [
      staticPart('fls-board', 'fls-board', 'board', l.board),
      staticPart('fls-pegs', 'fls-peg', 'peg', l.pegMesh),
      staticPart('trainer-box', 'trainer-box', 'box', l.trainerBox),
      this.ringsPart,
    ];
    this.book = new StateBook('pegboard')
      .array('held', this.held)
      .array('heldAlsoBy', this.heldAlsoBy)
      .array('grip', this.grip)
      .array('trapped', this.trapped)
      .array('passThrough', this.passThrough);
    this.updateRenderParts();
  }

  protected advance(instruments: SceneInstruments): void {
    for (const hand of HANDS)
      this.handleJaws(hand, instruments.current[hand], instruments.previous[hand], instruments.current[hand === 'left' ? 'right' : 'left']);
    for (let k = 0; k < OBJECTS; k++) {
      const h = this.held[k]!;
      if (h < 0) continue;
      // A held ring follows the jaws even when they rest: cannon would otherwise put it to sleep.
      this.bodies[k]!.wakeUp();
      this.drive(k, instruments.current[HANDS[h]!]);
    }
    for (let k = 0; k < OBJECTS; k++) if (this.held[k]! < 0) this.settleOnPeg(k);
    for (let k = 0; k < OBJECTS; k++) {
      if (this.passThrough[k] === 1 && HANDS.every((hand) => this.ringDistance(k, instruments.current[hand].tip) > TOUCH_REACH)) this.setPassThrough(k, 0);
    }
  }

  /**
   * A rubber ring threaded on a peg (the peg through its hole) does not wedge there tilted, as a rigid one
   * can: it gives and sags level under its weight, so it slides down the peg. Its tilt is taken out over
   * SAG_SECONDS while it is threaded and off the board.
   */
  private settleOnPeg(k: number): void {
    const b = this.bodies[k]!;
    const l = this.layout;
    const q = b.quaternion;
    // The ring's axis (its local +y) in the world; its tilt is the angle from the vertical.
    const ax = 2 * (q.x * q.y - q.w * q.z),
      ay = 1 - 2 * (q.x * q.x + q.z * q.z),
      az = 2 * (q.y * q.z + q.w * q.x);
    if (ay > Math.cos(SAG_MIN_TILT) || b.position.y > l.boardTop + l.pegHeight + l.ring.thickness / 2) return;
    const threaded = l.pegs.some((p) => Math.hypot(b.position.x - p[0], b.position.z - p[2]) < l.ring.inner / 2);
    if (!threaded) return;
    // Level: turn the axis towards the vertical about axis × up, a fraction of the way each tick.
    const s = Math.hypot(az, ax);
    const angle = Math.atan2(s, ay) / (SAG_SECONDS * TICK_HZ);
    this.q[0] = (-az / s) * Math.sin(angle / 2);
    this.q[1] = 0;
    this.q[2] = (ax / s) * Math.sin(angle / 2);
    this.q[3] = Math.cos(angle / 2);
    this.q2[0] = q.x;
    this.q2[1] = q.y;
    this.q2[2] = q.z;
    this.q2[3] = q.w;
    mulQuat(this.q, this.q2, this.q3);
    setAngularVelocityToward(q, this.q3, b.angularVelocity);
  }

  private setPassThrough(k: number, on: number): void {
    this.passThrough[k] = on;
    const b = this.bodies[k]!;
    b.collisionFilterMask = on ? b.collisionFilterMask & ~Group.instrument : b.collisionFilterMask | Group.instrument;
  }

  private handleJaws(hand: Hand, now: InstrumentState, before: InstrumentState, other: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const grips = toolKind(now.instrument) === 'grasper';
    const opens = !grips || jawOpened(before.jaw, now.jaw);
    for (let k = 0; k < OBJECTS; k++) {
      if (!opens) continue;
      if (this.heldAlsoBy[k] === h) this.heldAlsoBy[k] = -1;
      else if (this.held[k] === h) this.letGo(k, hand, other);
    }
    if (!grips || now.jaw <= before.jaw) {
      this.trapped[h] = -1;
      return;
    }
    // Closing: the first ring to come between the jaws on their way in is the one they close on, though a
    // tremor may have taken it a little farther off by the time they are shut.
    if (this.trapped[h]! < 0) this.trapped[h] = this.ringInJaws(now);
    if (!jawClosed(before.jaw, now.jaw)) return;
    const k = this.trapped[h]!;
    this.trapped[h] = -1;
    if (k < 0) return;
    // Taken from the other jaws, which still hold it until they open.
    this.heldAlsoBy[k] = this.held[k]! >= 0 && this.held[k] !== h ? this.held[k]! : -1;
    this.held[k] = h;
    const b = this.bodies[k]!;
    // A ring asleep on its peg must wake when taken.
    b.wakeUp();
    b.type = Body.KINEMATIC;
    b.updateSolveMassProperties();
    this.setGrip(k, now);
    this.emit('grasp', hand, 'fls-object', now.tip, 0, Number.NaN, k);
  }

  /** Jaws open on ring k: it stays in the other jaws if they hold it too, else it is let go. */
  private letGo(k: number, hand: Hand, other: InstrumentState): void {
    const keeper = this.heldAlsoBy[k]!;
    if (keeper < 0) return this.release(k, hand);
    this.held[k] = keeper;
    this.heldAlsoBy[k] = -1;
    this.setGrip(k, other);
    this.emit('release', hand, 'fls-object', other.tip, 0, Number.NaN, k);
  }

  /** Holds ring k where it is now relative to the jaws of `tip`. */
  private setGrip(k: number, tip: InstrumentState): void {
    const b = this.bodies[k]!;
    // Offset and rotation of the ring in the tip's frame: conj(q_tip) applied to the world offset.
    const qt = tip.orientation;
    const inv = this.q;
    inv[0] = -qt[0];
    inv[1] = -qt[1];
    inv[2] = -qt[2];
    inv[3] = qt[3];
    rotate(inv, b.position.x - tip.tip[0], b.position.y - tip.tip[1], b.position.z - tip.tip[2], this.grip, 7 * k);
    this.q2[0] = b.quaternion.x;
    this.q2[1] = b.quaternion.y;
    this.q2[2] = b.quaternion.z;
    this.q2[3] = b.quaternion.w;
    mulQuat(inv, this.q2, this.grip, 7 * k + 3);
  }

  private release(k: number, hand: Hand): void {
    this.held[k] = -1;
    const b = this.bodies[k]!;
    b.type = Body.DYNAMIC;
    b.updateSolveMassProperties();
    b.wakeUp();
    this.setPassThrough(k, 1);
    this.emit('release', hand, 'fls-object', [b.position.x, b.position.y, b.position.z], 0, Number.NaN, k);
  }

  /** Kinematic drive: the velocities that bring the ring to its place in the jaws in one tick. */
  private drive(k: number, tip: InstrumentState): void {
    const b = this.bodies[k]!;
    const g = this.grip;
    rotate(tip.orientation, g[7 * k]!, g[7 * k + 1]!, g[7 * k + 2]!, this.v);
    b.velocity.set(
      (tip.tip[0] + this.v[0]! - b.position.x) * TICK_HZ,
      (tip.tip[1] + this.v[1]! - b.position.y) * TICK_HZ,
      (tip.tip[2] + this.v[2]! - b.position.z) * TICK_HZ,
    );
    for (let c = 0; c < 4; c++) this.q2[c] = g[7 * k + 3 + c]!;
    mulQuat(tip.orientation, this.q2, this.q);
    setAngularVelocityToward(b.quaternion, this.q, b.angularVelocity);
  }

  /** Ring whose material is within reach of the point, nearest first; -1 if none. */
  nearestRing(point: ArrayLike<number>, reach: number): number {
    let best = reach;
    let found = -1;
    for (let k = 0; k < OBJECTS; k++) {
      const d = this.ringDistance(k, point);
      if (d < best) {
        best = d;
        found = k;
      }
    }
    return found;
  }

  /** The ring nearest the jaws' clamping line (tips to hinge) within GRAB_REACH of it; -1 if none. */
  ringInJaws(jaws: InstrumentState): number {
    const length = instrumentSpec(jaws.instrument)?.jawLength ?? 0;
    rotate(jaws.orientation, 0, 0, 1, this.v);
    let best = GRAB_REACH;
    let found = -1;
    for (let i = 0; i <= JAW_SAMPLES; i++) {
      const along = (length * i) / JAW_SAMPLES;
      for (let c = 0; c < 3; c++) this.p[c] = jaws.tip[c]! + along * this.v[c]!;
      const k = this.nearestRing(this.p, best);
      if (k >= 0) {
        best = this.ringDistance(k, this.p);
        found = k;
      }
    }
    return found;
  }

  /** Distance from a point to ring k's material (its three sides, in the ring's current pose); 0 inside. */
  ringDistance(k: number, point: ArrayLike<number>): number {
    const b = this.bodies[k]!;
    this.at.set(point[0]!, point[1]!, point[2]!);
    b.pointToLocalFrame(this.at, this.local);
    let best = Number.POSITIVE_INFINITY;
    for (let s = 0; s < b.shapes.length; s++) {
      this.local.vsub(b.shapeOffsets[s]!, this.side);
      b.shapeOrientations[s]!.conjugate(this.turn).vmult(this.side, this.side);
      const h = (b.shapes[s] as Box).halfExtents;
      const x = Math.max(Math.abs(this.side.x) - h.x, 0),
        y = Math.max(Math.abs(this.side.y) - h.y, 0),
        z = Math.max(Math.abs(this.side.z) - h.z, 0);
      best = Math.min(best, Math.sqrt(x * x + y * y + z * z));
    }
    return best;
  }

  protected findContact(c: ContactEvent, now: InstrumentState): void {
    const h = HAND_INDEX[c.hand];
    for (let k = 0; k < OBJECTS; k++) {
      if (this.held[k] !== h) continue;
      this.touch(c, 'fls-object', k, now.tip);
      c.grasping = true;
      c.force = this.layout.ring.mass * 9.81;
      return;
    }
    const k = this.nearestRing(now.tip, TOUCH_REACH);
    if (k >= 0) return this.touch(c, 'fls-object', k, now.tip);
    const l = this.layout;
    for (let p = 0; p < l.pegs.length; p++) {
      const peg = l.pegs[p]!;
      const up = now.tip[1] - peg[1];
      if (up < 0 || up > l.pegHeight + TOUCH_REACH) continue;
      if (Math.hypot(now.tip[0] - peg[0], now.tip[2] - peg[2]) < l.pegRadius + TOUCH_REACH) return this.touch(c, 'fls-peg', p, now.tip);
    }
    if (
      now.tip[1] < l.boardTop + TOUCH_REACH &&
      Math.abs(now.tip[0] - l.boardCentre[0]) < l.boardHalf[0] &&
      Math.abs(now.tip[2] - l.boardCentre[2]) < l.boardHalf[2]
    ) {
      this.touch(c, 'fls-board', -1, now.tip);
    }
  }

  private touch(c: ContactEvent, structure: 'fls-object' | 'fls-peg' | 'fls-board', part: number, at: ArrayLike<number>): void {
    touchAt(c, structure, at);
    c.part = part;
  }

  protected afterRestore(): void {
    for (let k = 0; k < OBJECTS; k++) {
      this.bodies[k]!.type = this.held[k]! >= 0 ? Body.KINEMATIC : Body.DYNAMIC;
      this.setPassThrough(k, this.passThrough[k]!);
    }
  }

  /** Writes the rings' vertices at their bodies' poses. */
  updateRenderParts(): void {
    const src = this.layout.ringMesh;
    const n = src.positions.length;
    const out = this.ringsPart;
    for (let k = 0; k < OBJECTS; k++) {
      const b = this.bodies[k]!;
      this.q[0] = b.quaternion.x;
      this.q[1] = b.quaternion.y;
      this.q[2] = b.quaternion.z;
      this.q[3] = b.quaternion.w;
      for (let i = 0; i < n; i += 3) {
        rotate(this.q, src.positions[i]!, src.positions[i + 1]!, src.positions[i + 2]!, out.positions, k * n + i);
        out.positions[k * n + i] = out.positions[k * n + i]! + b.position.x;
        out.positions[k * n + i + 1] = out.positions[k * n + i + 1]! + b.position.y;
        out.positions[k * n + i + 2] = out.positions[k * n + i + 2]! + b.position.z;
        rotate(this.q, src.normals[i]!, src.normals[i + 1]!, src.normals[i + 2]!, out.normals, k * n + i);
      }
    }
  }
}

/** Angular velocity that turns `from` into `to` in one tick, about the shortest arc. */
function setAngularVelocityToward(from: Quaternion, to: ArrayLike<number>, out: CVec3): void {
  // d = to ⊗ conj(from)
  const fx = -from.x,
    fy = -from.y,
    fz = -from.z,
    fw = from.w;
  const tx = to[0]!,
    ty = to[1]!,
    tz = to[2]!,
    tw = to[3]!;
  let dx = tw * fx + tx * fw + ty * fz - tz * fy;
  let dy = tw * fy - tx * fz + ty * fw + tz * fx;
  let dz = tw * fz + tx * fy - ty * fx + tz * fw;
  let dw = tw * fw - tx * fx - ty * fy - tz * fz;
  if (dw < 0) {
    dx = -dx;
    dy = -dy;
    dz = -dz;
    dw = -dw;
  }
  const s = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (s < 1e-9) {
    out.set(0, 0, 0);
    return;
  }
  const angle = 2 * Math.atan2(s, dw);
  const k = (angle / s) * TICK_HZ;
  out.set(dx * k, dy * k, dz * k);
}
