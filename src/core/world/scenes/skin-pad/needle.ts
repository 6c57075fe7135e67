import { dynamicPart, type RenderPart } from '../../anatomy/render-part.ts';
import { computeNormals } from '../../anatomy/mesh.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import { distance3, toWorld } from '../pose.ts';

/** A 3/8-circle needle (135° of arc), radius 8 mm, as used for skin closure with 4-0 sutures. */
export const NEEDLE_RADIUS = 0.008;
export const NEEDLE_ARC = (3 / 8) * 2 * Math.PI;
const SEGMENTS = 16;
const AROUND = 5;
const WIRE = 0.0004;

/**
 * The suture needle, kinematic: it follows the jaws that hold it, else stays where it was left.
 * In the jaws' frame the arc lies in the x–y plane, perpendicular to the jaws, the grip point at the
 * origin and the arc hanging below it; f runs from 0 at the point to 1 at the swage (tail).
 */
export class Needle {
  /** Grip point (xyz) and orientation (quaternion xyzw) of the needle frame. */
  readonly pose = new Float64Array(7);
  /** Where along the needle it is held, fraction from the point. */
  grip = 0.6;
  /** Hand index holding it, or -1. */
  held = -1;
  readonly part: RenderPart;
  private readonly scratch = new Float64Array(3);
  private readonly quat = this.pose.subarray(3);

  constructor(position: readonly number[], orientation: readonly number[]) {
    this.pose.set(position.slice(0, 3), 0);
    this.pose.set(orientation.slice(0, 4), 3);
    const verts = (SEGMENTS + 1) * AROUND;
    const indices = new Uint32Array(SEGMENTS * AROUND * 6);
    let k = 0;
    for (let i = 0; i < SEGMENTS; i++) {
      for (let j = 0; j < AROUND; j++) {
        const a = i * AROUND + j,
          b = i * AROUND + ((j + 1) % AROUND);
        indices.set([a, b, b + AROUND, a, b + AROUND, a + AROUND], k);
        k += 6;
      }
    }
    this.part = { ...dynamicPart('needle', 'needle', 'metal', verts, indices), indexCount: indices.length };
  }

  /** World point at fraction f (0 point … 1 tail) into out[o..]. */
  point(f: number, out: Float64Array, o = 0): void {
    const phi = Math.PI / 2 - (this.grip - f) * NEEDLE_ARC;
    const r = NEEDLE_RADIUS;
    toWorld(this.pose, this.quat, r * Math.cos(phi), -r + r * Math.sin(phi), 0, out, o);
  }

  follow(hand: InstrumentState): void {
    this.pose[0] = hand.tip[0];
    this.pose[1] = hand.tip[1];
    this.pose[2] = hand.tip[2];
    this.pose.set(hand.orientation, 3);
  }

  /** Fraction of the needle nearest a point, and its distance (m), sampled every 1/32. */
  nearest(point: ArrayLike<number>): { f: number; distance: number } {
    let best = Number.POSITIVE_INFINITY;
    let bestF = 0;
    for (let i = 0; i <= 32; i++) {
      this.point(i / 32, this.scratch);
      const d = distance3(this.scratch, 0, point, 0);
      if (d < best) {
        best = d;
        bestF = i / 32;
      }
    }
    return { f: bestF, distance: best };
  }

  register(book: StateBook): void {
    book
      .array('needle.pose', this.pose)
      .scalar(
        'needle.grip',
        () => this.grip,
        (v) => (this.grip = v),
      )
      .scalar(
        'needle.held',
        () => this.held,
        (v) => (this.held = v),
      );
  }

  /** Rewrites the tube mesh around the arc. */
  syncRender(): void {
    const pos = this.part.positions;
    const c = this.scratch;
    for (let i = 0; i <= SEGMENTS; i++) {
      this.point(i / SEGMENTS, c);
      const phi = Math.PI / 2 - (this.grip - i / SEGMENTS) * NEEDLE_ARC;
      for (let j = 0; j < AROUND; j++) {
        const a = (2 * Math.PI * j) / AROUND;
        // Ring in the plane spanned by the arc's radial direction and the needle frame's z axis.
        const radial = WIRE * Math.cos(a);
        const lx = (NEEDLE_RADIUS + radial) * Math.cos(phi);
        const ly = -NEEDLE_RADIUS + (NEEDLE_RADIUS + radial) * Math.sin(phi);
        const v = 3 * (i * AROUND + j);
        toWorld(this.pose, this.quat, lx, ly, WIRE * Math.sin(a), pos, v);
      }
    }
    computeNormals(pos, this.part.indices, this.part.normals, this.part.vertexCount, this.part.indexCount);
  }
}
