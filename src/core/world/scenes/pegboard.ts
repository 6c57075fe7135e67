import { Body, type Quaternion, type Vec3 as CVec3 } from 'cannon-es';
import { generatePegboard, type PegboardLayout } from '../anatomy/pegboard.ts';
import { mergeMeshes } from '../anatomy/mesh.ts';
import { staticPart, type RenderPart } from '../anatomy/render-part.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import { triangleRingBody } from '../physics/compound.ts';
import type { RigidWorld } from '../physics/rigid-world.ts';
import { TICK_HZ } from '../../kernel/clock.ts';
import { HANDS, type Hand } from '../../kernel/input.ts';
import { StateBook } from '../tissue/state-book.ts';
import { BaseScene } from './base-scene.ts';
import { mulQuat, rotate } from './pose.ts';
import { jawClosed, jawOpened, toolKind } from './tools.ts';
import { HAND_INDEX, touchAt, type ContactEvent, type SceneInstruments } from './types.ts';

const OBJECTS = 6;
/** A closing jaw takes a ring whose nearest side is within this distance of the tip (m). */
const GRAB_REACH = 0.006;
const TOUCH_REACH = 0.004;

/**
 * FLS peg transfer: rigid pegs and six rubber rings in cannon-es (sleeping on, collision groups from
 * the rigid world). A grasper closing on a ring holds it: the ring turns kinematic and follows the jaws
 * at the offset it was taken at, until the jaws open (it drops, dynamic again) or the other grasper
 * takes it (mid-air transfer).
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
  private readonly ringsPart: RenderPart;
  protected readonly book: StateBook;
  private readonly q = new Float64Array(4);
  private readonly q2 = new Float64Array(4);
  private readonly v = new Float64Array(3);

  constructor(rigid: RigidWorld) {
    super();
    const l = generatePegboard();
    this.layout = l;
    rigid.addStaticBox({ halfExtents: [...l.boardHalf], position: [...l.boardCentre] });
    // Square pegs in the physics (cheaper than cylinders, and the ring's hole is triangular anyway).
    for (const p of l.pegs) {
      rigid.addStaticBox({ halfExtents: [l.pegRadius, l.pegHeight / 2, l.pegRadius], position: [p[0], p[1] + l.pegHeight / 2, p[2]] });
    }
    for (let k = 0; k < OBJECTS; k++) {
      const peg = l.pegs[k]!;
      this.bodies.push(rigid.addBody(triangleRingBody(l.ring.outer, l.ring.inner, l.ring.thickness, l.ring.mass, [peg[0], l.boardTop + l.ring.thickness / 2 + 0.0005, peg[2]])));
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
    this.book = new StateBook('pegboard').array('held', this.held).array('grip', this.grip);
    this.updateRenderParts();
  }

  protected advance(instruments: SceneInstruments): void {
    for (const hand of HANDS) this.handleJaws(hand, instruments.current[hand], instruments.previous[hand]);
    for (let k = 0; k < OBJECTS; k++) {
      const h = this.held[k]!;
      if (h < 0) continue;
      // A held ring follows the jaws even when they rest: cannon would otherwise put it to sleep.
      this.bodies[k]!.wakeUp();
      this.drive(k, instruments.current[HANDS[h]!]);
    }
  }

  private handleJaws(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const grips = toolKind(now.instrument) === 'grasper';
    for (let k = 0; k < OBJECTS; k++) {
      if (this.held[k] === h && (!grips || jawOpened(before.jaw, now.jaw))) this.release(k, hand);
    }
    if (!grips || !jawClosed(before.jaw, now.jaw)) return;
    const k = this.nearestRing(now.tip, GRAB_REACH);
    if (k < 0) return;
    this.held[k] = h;
    const b = this.bodies[k]!;
    // A ring asleep on its peg must wake when taken.
    b.wakeUp();
    b.type = Body.KINEMATIC;
    b.updateSolveMassProperties();
    // Offset and rotation of the ring in the tip's frame: conj(q_tip) applied to the world offset.
    const qt = now.orientation;
    const inv = this.q;
    inv[0] = -qt[0]; inv[1] = -qt[1]; inv[2] = -qt[2]; inv[3] = qt[3];
    rotate(inv, b.position.x - now.tip[0], b.position.y - now.tip[1], b.position.z - now.tip[2], this.grip, 7 * k);
    this.q2[0] = b.quaternion.x; this.q2[1] = b.quaternion.y; this.q2[2] = b.quaternion.z; this.q2[3] = b.quaternion.w;
    mulQuat(inv, this.q2, this.grip, 7 * k + 3);
    this.emit('grasp', hand, 'fls-object', now.tip, 0, Number.NaN, k);
  }

  private release(k: number, hand: Hand): void {
    this.held[k] = -1;
    const b = this.bodies[k]!;
    b.type = Body.DYNAMIC;
    b.updateSolveMassProperties();
    b.wakeUp();
    this.emit('release', hand, 'fls-object', [b.position.x, b.position.y, b.position.z], 0, Number.NaN, k);
  }

  /** Kinematic drive: the velocities that bring the ring to its place in the jaws in one tick. */
  private drive(k: number, tip: InstrumentState): void {
    const b = this.bodies[k]!;
    const g = this.grip;
    rotate(tip.orientation, g[7 * k]!, g[7 * k + 1]!, g[7 * k + 2]!, this.v);
    b.velocity.set((tip.tip[0] + this.v[0]! - b.position.x) * TICK_HZ, (tip.tip[1] + this.v[1]! - b.position.y) * TICK_HZ, (tip.tip[2] + this.v[2]! - b.position.z) * TICK_HZ);
    for (let c = 0; c < 4; c++) this.q2[c] = g[7 * k + 3 + c]!;
    mulQuat(tip.orientation, this.q2, this.q);
    setAngularVelocityToward(b.quaternion, this.q, b.angularVelocity);
  }

  /** Ring whose nearest side is within reach of the point, nearest first; -1 if none. */
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

  /**
   * Distance from a point to ring k's material, approximating its sides by a torus through their
   * mid-lines (sides lie between the inradii outer/2 and inner/2) in the world's horizontal plane.
   */
  ringDistance(k: number, point: ArrayLike<number>): number {
    const b = this.bodies[k]!;
    const r = this.layout.ring;
    const mid = (r.outer + r.inner) / 4;
    const halfWidth = (r.outer - r.inner) / 4;
    const dx = point[0]! - b.position.x, dy = point[1]! - b.position.y, dz = point[2]! - b.position.z;
    const radial = Math.sqrt(dx * dx + dz * dz);
    return Math.sqrt((radial - mid) * (radial - mid) + dy * dy) - halfWidth;
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
    if (now.tip[1] < l.boardTop + TOUCH_REACH && Math.abs(now.tip[0] - l.boardCentre[0]) < l.boardHalf[0] && Math.abs(now.tip[2] - l.boardCentre[2]) < l.boardHalf[2]) {
      this.touch(c, 'fls-board', -1, now.tip);
    }
  }

  private touch(c: ContactEvent, structure: 'fls-object' | 'fls-peg' | 'fls-board', part: number, at: ArrayLike<number>): void {
    touchAt(c, structure, at);
    c.part = part;
  }

  protected afterRestore(): void {
    for (let k = 0; k < OBJECTS; k++) this.bodies[k]!.type = this.held[k]! >= 0 ? Body.KINEMATIC : Body.DYNAMIC;
  }

  /** Writes the rings' vertices at their bodies' poses. */
  updateRenderParts(): void {
    const src = this.layout.ringMesh;
    const n = src.positions.length;
    const out = this.ringsPart;
    for (let k = 0; k < OBJECTS; k++) {
      const b = this.bodies[k]!;
      this.q[0] = b.quaternion.x; this.q[1] = b.quaternion.y; this.q[2] = b.quaternion.z; this.q[3] = b.quaternion.w;
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
  const fx = -from.x, fy = -from.y, fz = -from.z, fw = from.w;
  const tx = to[0]!, ty = to[1]!, tz = to[2]!, tw = to[3]!;
  let dx = tw * fx + tx * fw + ty * fz - tz * fy;
  let dy = tw * fy - tx * fz + ty * fw + tz * fx;
  let dz = tw * fz + tx * fy - ty * fx + tz * fw;
  let dw = tw * fw - tx * fx - ty * fy - tz * fz;
  if (dw < 0) {
    dx = -dx; dy = -dy; dz = -dz; dw = -dw;
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
