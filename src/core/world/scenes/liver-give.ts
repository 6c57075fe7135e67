import { addTriangleNormal } from '../anatomy/mesh.ts';
import type { AttachmentConstraints } from '../tissue/attachment.ts';
import type { GraspPins } from '../tissue/grasp.ts';
import type { Particles } from '../tissue/particles.ts';
import { distance3 } from './pose.ts';

/** Share of a grasp's pull on the gallbladder that the liver under its bed follows (the liver's inferior edge is soft). */
const SHARE = 0.6;
/** The drawn liver gives at most this far (m). */
const GIVE_MAX = 0.008;
/** A grasp drags the bed up to this far from where it holds the gallbladder (m), falling off smoothly. */
const PULL_REACH = 0.06;
/** The drawn liver follows its bed up to this far from an attachment (m), falling off smoothly. */
const DRAW_REACH = 0.025;
/** A drawn liver vertex is under the gallbladder's wall where a particle of it lies within this distance across (m). */
const UNDER = 0.005;
/** The drawn liver stays this far below the wall over it (m). */
const CLEAR = 0.001;
/** Summed attachment weight at which a drawn vertex follows the bed fully (a vertex under the bed has several). */
const FULL_WEIGHT = 2;

/**
 * The liver's give under retraction, drawn. In theatre, pulling the infundibulum drags the gallbladder's bed and
 * lifts the liver's inferior edge with it. The simulated bed is tied so stiffly that a retraction never reaches it
 * (the wall round the grasp stretches instead: its attachments move by hundredths of a millimetre), so the drawn
 * liver follows the grasps themselves: every live bed attachment is drawn shifted by a share of the pull of each
 * grasp on the gallbladder (capped, falling off with distance from the grasp, never into the liver), and the liver's
 * and cystic plate's vertices near the bed follow those shifts with a smooth falloff (`follow`), held below the
 * gallbladder's wall so the liver never comes through it. Drawing only: nothing the solver computes changes (the
 * collider stays the rigid ellipsoid, the bed's targets stay where they were), so it costs the tick nothing and a
 * scripted expert's hook meets the bed where it was recorded.
 */
export class LiverGive {
  /** Per bed attachment: how far the liver under it is drawn from rest (m, xyz). */
  readonly shift: Float64Array;
  /** Per bed attachment: its target at rest (m, xyz). */
  private readonly rest: Float64Array;
  /** The shifts the drawn surfaces were last moved by (`redraw`). */
  private readonly drawn: Float64Array;
  private readonly pull = new Float64Array(3);

  constructor(
    private readonly bed: AttachmentConstraints,
    /** The liver ellipsoid (the bed is never drawn into it). */
    private readonly centre: readonly number[],
    private readonly radii: readonly number[],
  ) {
    this.rest = bed.target.slice(0, 3 * bed.count);
    this.shift = new Float64Array(3 * bed.count);
    this.drawn = new Float64Array(3 * bed.count);
  }

  /** Whether the shifts differ from those the drawn surfaces were last moved by; if so, they are now to be. */
  redraw(): boolean {
    let same = true;
    for (let k = 0; k < this.shift.length && same; k++) same = this.shift[k] === this.drawn[k];
    if (same) return false;
    this.drawn.set(this.shift);
    return true;
  }

  /** The bed's shifts from the grasps on the first `gbCount` particles, now (a function of the state alone). */
  measure(p: Particles, grasp: GraspPins, gbCount: number): void {
    const shift = this.shift;
    shift.fill(0);
    for (let h = 0; h < 2; h++) {
      if (!grasp.isHolding(h)) continue;
      const i = grasp.held(h);
      if (i >= gbCount) continue;
      const pull = this.pull;
      for (let k = 0; k < 3; k++) pull[k] = SHARE * (p.pos[3 * i + k]! - p.rest[3 * i + k]!);
      const size = Math.hypot(pull[0]!, pull[1]!, pull[2]!);
      if (size > GIVE_MAX) for (let k = 0; k < 3; k++) pull[k] = (pull[k]! * GIVE_MAX) / size;
      for (let c = 0; c < this.bed.count; c++) {
        const w = smoothFalloff(distance3(this.rest, 3 * c, p.rest, 3 * i), PULL_REACH);
        for (let k = 0; k < 3; k++) shift[3 * c + k] = shift[3 * c + k]! + w * pull[k]!;
      }
    }
    for (let c = 0; c < this.bed.count; c++) {
      // A freed attachment no longer drags the liver.
      if (this.bed.alive[c] === 0) shift.fill(0, 3 * c, 3 * c + 3);
      else this.keepOutOfLiver(c);
    }
  }

  /** Takes out the part of attachment c's shift that would push its target into the liver (traction does not indent it). */
  private keepOutOfLiver(c: number): void {
    const s = this.shift;
    // The ellipsoid's outward normal at the rest target: the gradient of its implicit function.
    const nx = (this.rest[3 * c]! - this.centre[0]!) / this.radii[0]! ** 2;
    const ny = (this.rest[3 * c + 1]! - this.centre[1]!) / this.radii[1]! ** 2;
    const nz = (this.rest[3 * c + 2]! - this.centre[2]!) / this.radii[2]! ** 2;
    const n = Math.hypot(nx, ny, nz);
    const into = (s[3 * c]! * nx + s[3 * c + 1]! * ny + s[3 * c + 2]! * nz) / n;
    if (into >= 0) return;
    s[3 * c] = s[3 * c]! - (into * nx) / n;
    s[3 * c + 1] = s[3 * c + 1]! - (into * ny) / n;
    s[3 * c + 2] = s[3 * c + 2]! - (into * nz) / n;
  }

  /**
   * A drawn surface that follows the bed: its vertices within `DRAW_REACH` of an attachment at rest, each with its
   * attachments' weights, worked out once. `apply` writes the moved positions from the rest ones.
   */
  follow(restPositions: Float32Array, indices: Uint32Array): LiverFollower {
    const vertices: number[] = [];
    const starts: number[] = [0];
    const attachments: number[] = [];
    const weights: number[] = [];
    const r = this.rest;
    for (let v = 0; v < restPositions.length / 3; v++) {
      for (let c = 0; c < this.bed.count; c++) {
        const d = Math.hypot(restPositions[3 * v]! - r[3 * c]!, restPositions[3 * v + 1]! - r[3 * c + 1]!, restPositions[3 * v + 2]! - r[3 * c + 2]!);
        const w = smoothFalloff(d, DRAW_REACH);
        if (w <= 0) continue;
        attachments.push(c);
        weights.push(w);
      }
      if (attachments.length === starts[starts.length - 1]) continue;
      vertices.push(v);
      starts.push(attachments.length);
    }
    return new LiverFollower(
      this,
      restPositions,
      Int32Array.from(vertices),
      Int32Array.from(starts),
      Int32Array.from(attachments),
      Float64Array.from(weights),
      normalsToRedo(vertices, indices, restPositions.length / 3),
    );
  }
}

/** A drawn surface's vertices near the bed, moved with it (LiverGive.follow). */
export class LiverFollower {
  constructor(
    private readonly give: LiverGive,
    private readonly rest: Float32Array,
    /** The vertices that can move, and for each, its run of attachments and weights from `starts`. */
    readonly vertices: Int32Array,
    private readonly starts: Int32Array,
    private readonly attachments: Int32Array,
    private readonly weights: Float64Array,
    private readonly redo: NormalsToRedo,
  ) {}

  /**
   * Area-weighted normals (as `computeNormals` writes them) of the vertices whose normals the moving ones change,
   * from the triangles round them: the rest of the surface keeps its normals.
   */
  normals(positions: Float32Array, normals: Float32Array): void {
    const { vertices, marked, triangles } = this.redo;
    for (const v of vertices) normals.fill(0, 3 * v, 3 * v + 3);
    for (let t = 0; t < triangles.length; t += 3)
      addTriangleNormal(positions, normals, 3 * triangles[t]!, 3 * triangles[t + 1]!, 3 * triangles[t + 2]!, marked);
    for (const v of vertices) {
      const l = Math.hypot(normals[3 * v]!, normals[3 * v + 1]!, normals[3 * v + 2]!);
      if (l > 0) for (let k = 0; k < 3; k++) normals[3 * v + k] = normals[3 * v + k]! / l;
    }
  }

  /**
   * Writes the moved vertices into `out` (the rest elsewhere): each follows its live attachments' mean shift, all
   * of it where their weights add up to `FULL_WEIGHT` (under the bed), less of it further out. A freed attachment
   * weighs in with no shift (`measure` zeroes it): the liver there stays. A vertex under the gallbladder (its first
   * `gbCount` particles of `pos`, above the liver in +y) rises no higher than `CLEAR` below the wall over it, nor
   * higher than it lies at rest where the wall sits lower than that already.
   */
  apply(out: Float32Array, pos: Float64Array, gbCount: number): void {
    const s = this.give.shift;
    for (let n = 0; n < this.vertices.length; n++) {
      const v = this.vertices[n]!;
      let x = 0,
        y = 0,
        z = 0,
        total = 0;
      for (let j = this.starts[n]!; j < this.starts[n + 1]!; j++) {
        const c = this.attachments[j]!;
        const w = this.weights[j]!;
        total += w;
        x += w * s[3 * c]!;
        y += w * s[3 * c + 1]!;
        z += w * s[3 * c + 2]!;
      }
      const k = 1 / Math.max(total, FULL_WEIGHT);
      const qx = this.rest[3 * v]! + k * x;
      const qz = this.rest[3 * v + 2]! + k * z;
      let ceiling = Number.POSITIVE_INFINITY;
      // Only a rising vertex can meet the wall above it.
      for (let i = 0; i < (y > 0 ? gbCount : 0); i++) {
        const dx = pos[3 * i]! - qx,
          dz = pos[3 * i + 2]! - qz;
        if (dx * dx + dz * dz < UNDER * UNDER) ceiling = Math.min(ceiling, pos[3 * i + 1]! - CLEAR);
      }
      out[3 * v] = qx;
      out[3 * v + 1] = Math.min(this.rest[3 * v + 1]! + k * y, Math.max(this.rest[3 * v + 1]!, ceiling));
      out[3 * v + 2] = qz;
    }
  }
}

/** The vertices whose normals change when `moving` ones move (theirs and their neighbours'), and the triangles round them. */
interface NormalsToRedo {
  vertices: Int32Array;
  /** Per vertex of the surface: 1 if its normal is redone. */
  marked: Uint8Array;
  triangles: Uint32Array;
}

function normalsToRedo(moving: readonly number[], indices: Uint32Array, vertexCount: number): NormalsToRedo {
  const isMoving = new Uint8Array(vertexCount);
  for (const v of moving) isMoving[v] = 1;
  const marked = new Uint8Array(vertexCount);
  for (let t = 0; t < indices.length; t += 3) {
    if (isMoving[indices[t]!]! + isMoving[indices[t + 1]!]! + isMoving[indices[t + 2]!]! === 0) continue;
    for (let k = 0; k < 3; k++) marked[indices[t + k]!] = 1;
  }
  const triangles: number[] = [];
  for (let t = 0; t < indices.length; t += 3) {
    if (marked[indices[t]!]! + marked[indices[t + 1]!]! + marked[indices[t + 2]!]! > 0) triangles.push(indices[t]!, indices[t + 1]!, indices[t + 2]!);
  }
  const vertices: number[] = [];
  for (let v = 0; v < vertexCount; v++) if (marked[v] === 1) vertices.push(v);
  return { vertices: Int32Array.from(vertices), marked, triangles: Uint32Array.from(triangles) };
}

/** 1 at 0, falling smoothly to 0 at `reach` and beyond. */
function smoothFalloff(d: number, reach: number): number {
  const x = Math.max(0, 1 - d / reach);
  return x * x * (3 - 2 * x);
}
