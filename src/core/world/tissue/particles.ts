/**
 * Particles of the XPBD solver, in preallocated typed arrays (x y z interleaved). The capacity is fixed
 * at construction so cutting, which duplicates particles, never allocates during a tick.
 */
export class Particles {
  readonly capacity: number;
  count = 0;
  readonly pos: Float64Array;
  /** Position at the start of the current substep (scratch: not part of the state). */
  readonly prev: Float64Array;
  readonly vel: Float64Array;
  /** Rest position: the undeformed anatomy, anchor of attachments and source of rest lengths. */
  readonly rest: Float64Array;
  /** Current inverse mass; 0 while pinned (grasped) or fixed. */
  readonly invMass: Float64Array;
  /** Inverse mass when not pinned. */
  readonly baseInvMass: Float64Array;
  /** Index into STRUCTURE_IDS of the structure each particle belongs to. */
  readonly tag: Uint8Array;
  /** Centreline coordinate on tubular structures (0 gallbladder end … 1 patient side), −1 elsewhere (JSON has no NaN). */
  readonly s: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.pos = new Float64Array(capacity * 3);
    this.prev = new Float64Array(capacity * 3);
    this.vel = new Float64Array(capacity * 3);
    this.rest = new Float64Array(capacity * 3);
    this.invMass = new Float64Array(capacity);
    this.baseInvMass = new Float64Array(capacity);
    this.tag = new Uint8Array(capacity);
    this.s = new Float64Array(capacity).fill(-1);
  }

  add(x: number, y: number, z: number, invMass: number, tag: number, s = -1): number {
    if (this.count >= this.capacity) throw new Error(`particle capacity ${this.capacity} exceeded`);
    const i = this.count++;
    this.pos[3 * i] = this.rest[3 * i] = x;
    this.pos[3 * i + 1] = this.rest[3 * i + 1] = y;
    this.pos[3 * i + 2] = this.rest[3 * i + 2] = z;
    this.invMass[i] = this.baseInvMass[i] = invMass;
    this.tag[i] = tag;
    this.s[i] = s;
    return i;
  }

  /** A copy of particle i (position, velocity, rest, mass, tags); -1 when the capacity is spent. */
  duplicate(i: number): number {
    if (this.count >= this.capacity) return -1;
    const j = this.count++;
    for (let k = 0; k < 3; k++) {
      this.pos[3 * j + k] = this.pos[3 * i + k]!;
      this.vel[3 * j + k] = this.vel[3 * i + k]!;
      this.rest[3 * j + k] = this.rest[3 * i + k]!;
    }
    // A copy starts free even if the original is held: the grasp keeps the original only.
    this.invMass[j] = this.baseInvMass[i]!;
    this.baseInvMass[j] = this.baseInvMass[i]!;
    this.tag[j] = this.tag[i]!;
    this.s[j] = this.s[i]!;
    return j;
  }

  distanceSq(i: number, x: number, y: number, z: number): number {
    const dx = this.pos[3 * i]! - x;
    const dy = this.pos[3 * i + 1]! - y;
    const dz = this.pos[3 * i + 2]! - z;
    return dx * dx + dy * dy + dz * dz;
  }

  restDistance(i: number, j: number): number {
    const r = this.rest;
    return Math.hypot(r[3 * i]! - r[3 * j]!, r[3 * i + 1]! - r[3 * j + 1]!, r[3 * i + 2]! - r[3 * j + 2]!);
  }
}
