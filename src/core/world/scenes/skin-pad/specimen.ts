import { principalAxisAngle } from '../../../kernel/principal-axis.ts';
import type { SubstepConstraint } from '../../tissue/constraint.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { TriangleSheet } from '../../tissue/sheet.ts';
import type { StateBook } from '../../tissue/state-book.ts';

/** What lies under a specimen let go: the pad's top, the table around it, and the pot's floor and rim. */
export interface SpecimenFloor {
  padMin: readonly [number, number];
  padMax: readonly [number, number];
  padTop: number;
  tableTop: number;
  potCentre: readonly [number, number];
  potInner: number;
  potOuter: number;
  potFloor: number;
  potRim: number;
  /** The sheet's thickness: its top surface rests this far above what it lies on. */
  thickness: number;
}

/** A snip or stroke frees the specimen's skin within this horizontal distance of the blades (m). */
const UNDERMINE_REACH = 0.0025;
/** Slices along the specimen's long axis over which its freed fraction is averaged. */
const SLICES = 8;

/**
 * The specimen of an elliptical excision: the island of skin triangles that the incisions cut out of the
 * sheet around the lesion (no path of linked triangles to the clamped rim). Undermining under it frees
 * its particles from the fat one by one (their anchors die); once all are free, forceps closing on it
 * carry it rigidly; let go, it falls onto whatever lies below (pad, table, the inside of the pot).
 * State: `tri` (which triangles are the specimen), `holder`, and the sheet's `detached` flags; the
 * particle list is derived from them whenever the topology changes.
 */
export class Specimen implements SubstepConstraint {
  /** Per triangle: 1 if it belongs to the specimen. */
  readonly tri: Uint8Array;
  /** Hand (0 left, 1 right) carrying the freed specimen, or -1. */
  holder = -1;
  /** Derived: per particle 1 if a corner of a specimen triangle, and the list of them. */
  readonly member: Uint8Array;
  readonly list: Int32Array;
  count = 0;
  private listedTopology = -1;
  private checkedTopology = -1;
  private readonly stack: Int32Array;
  private readonly slice = new Float64Array(2 * SLICES);
  /** Scratch: the listed particles' rest x,z pairs, for their principal axis. */
  private readonly restXz: Float64Array;

  constructor(
    private readonly sheet: TriangleSheet,
    private readonly p: Particles,
    /** A particle of the lesion, where the island is looked for; -1 where the pad has no lesion. */
    private readonly lesionParticle: number,
    private readonly floor: SpecimenFloor,
  ) {
    this.tri = new Uint8Array(sheet.options.triCapacity);
    this.stack = new Int32Array(sheet.options.triCapacity);
    this.member = new Uint8Array(p.capacity);
    this.list = new Int32Array(p.capacity);
    this.restXz = new Float64Array(2 * p.capacity);
  }

  /** After a topology change: looks for the island if there is none yet, and re-lists its particles. */
  update(): void {
    const s = this.sheet;
    if (this.checkedTopology !== s.topologyVersion && this.lesionParticle >= 0 && !this.tri.includes(1)) this.findIsland();
    this.checkedTopology = s.topologyVersion;
    if (this.listedTopology === s.topologyVersion) return;
    this.listedTopology = s.topologyVersion;
    for (let k = 0; k < this.count; k++) this.member[this.list[k]!] = 0;
    this.count = 0;
    for (let t = 0; t < s.triCount; t++) {
      if (this.tri[t] === 0 || s.alive[t] === 0) continue;
      for (let c = 0; c < 3; c++) {
        const v = s.tri[3 * t + c]!;
        if (this.member[v] === 1) continue;
        this.member[v] = 1;
        this.list[this.count++] = v;
      }
    }
  }

  /** The triangles linked to the lesion's, if they form an island (none clamped, under a quarter of the sheet). */
  private findIsland(): void {
    const s = this.sheet;
    let start = -1;
    for (let t = 0; t < s.triCount && start < 0; t++) if (s.alive[t] === 1 && s.corner(t, this.lesionParticle) >= 0) start = t;
    if (start < 0) return;
    const limit = s.triCount >> 2;
    let top = 0,
      found = 0;
    this.stack[top++] = start;
    this.tri[start] = 1;
    let island = true;
    while (top > 0 && island) {
      const t = this.stack[--top]!;
      found++;
      for (let k = 0; k < 3; k++) {
        if (this.p.baseInvMass[s.tri[3 * t + k]!] === 0) island = false;
        const n = s.nbr[3 * t + k]!;
        if (n < 0 || this.tri[n] === 1) continue;
        this.tri[n] = 1;
        this.stack[top++] = n;
      }
      if (found + top > limit) island = false;
    }
    if (!island) this.tri.fill(0);
  }

  /** Whether the point (x, z) lies over one of the specimen's triangles (as they are now, seen from above). */
  covers(x: number, z: number): boolean {
    const s = this.sheet,
      pos = this.p.pos;
    for (let t = 0; t < s.triCount; t++) {
      if (this.tri[t] === 0 || s.alive[t] === 0) continue;
      const a = 3 * s.tri[3 * t]!,
        b = 3 * s.tri[3 * t + 1]!,
        c = 3 * s.tri[3 * t + 2]!;
      const ab = cross(pos[a]!, pos[a + 2]!, pos[b]!, pos[b + 2]!, x, z);
      const bc = cross(pos[b]!, pos[b + 2]!, pos[c]!, pos[c + 2]!, x, z);
      const ca = cross(pos[c]!, pos[c + 2]!, pos[a]!, pos[a + 2]!, x, z);
      if ((ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0)) return true;
    }
    return false;
  }

  get separated(): boolean {
    return this.count > 0;
  }

  /** Every particle of the specimen is free of the fat. */
  get freed(): boolean {
    if (this.count === 0) return false;
    for (let k = 0; k < this.count; k++) if (this.sheet.detached[this.list[k]!] === 0) return false;
    return true;
  }

  /**
   * Undermining along the blades from a (the tip, in the fat or deeper) towards b, taken only as far as
   * it stays below `planeTop` (the dermis's underside): frees the specimen's particles within reach
   * horizontally. Returns how many it freed, or -1 when no part of the specimen lies over the blades.
   */
  undermine(a: ArrayLike<number>, b: ArrayLike<number>, planeTop: number): number {
    if (this.count === 0 || a[1]! > planeTop) return -1;
    let bx = b[0]!,
      bz = b[2]!;
    if (b[1]! > planeTop) {
      const u = (planeTop - a[1]!) / (b[1]! - a[1]!);
      bx = a[0]! + (bx - a[0]!) * u;
      bz = a[2]! + (bz - a[2]!) * u;
    }
    const ex = bx - a[0]!,
      ez = bz - a[2]!;
    const ee = ex * ex + ez * ez;
    let reached = false,
      freed = 0;
    for (let k = 0; k < this.count; k++) {
      const i = this.list[k]!;
      const rx = this.p.pos[3 * i]! - a[0]!,
        rz = this.p.pos[3 * i + 2]! - a[2]!;
      const u = ee > 0 ? Math.max(0, Math.min(1, (rx * ex + rz * ez) / ee)) : 0;
      const dx = rx - u * ex,
        dz = rz - u * ez;
      if (dx * dx + dz * dz > UNDERMINE_REACH * UNDERMINE_REACH) continue;
      reached = true;
      if (this.sheet.detached[i] === 1) continue;
      this.sheet.detach(i);
      freed++;
    }
    return reached ? freed : -1;
  }

  /**
   * Freed share of the specimen along its length: its particles are sorted into slices across its long
   * axis (the principal axis of their rest positions) and each slice's freed share counts alike.
   */
  freedFraction(): number {
    const n = this.count;
    if (n === 0) return 0;
    const r = this.p.rest;
    let mx = 0,
      mz = 0;
    for (let k = 0; k < n; k++) {
      mx += r[3 * this.list[k]!]!;
      mz += r[3 * this.list[k]! + 2]!;
    }
    mx /= n;
    mz /= n;
    const xz = this.restXz;
    for (let k = 0; k < n; k++) {
      xz[2 * k] = r[3 * this.list[k]!]!;
      xz[2 * k + 1] = r[3 * this.list[k]! + 2]!;
    }
    const angle = principalAxisAngle(xz, n, mx, mz);
    const ax = Math.cos(angle),
      az = Math.sin(angle);
    let lo = Infinity,
      hi = -Infinity;
    for (let k = 0; k < n; k++) {
      const u = (r[3 * this.list[k]!]! - mx) * ax + (r[3 * this.list[k]! + 2]! - mz) * az;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    const slice = this.slice.fill(0);
    for (let k = 0; k < n; k++) {
      const i = this.list[k]!;
      const u = (r[3 * i]! - mx) * ax + (r[3 * i + 2]! - mz) * az;
      const b = Math.min(SLICES - 1, Math.floor(((u - lo) / Math.max(1e-9, hi - lo)) * SLICES));
      slice[2 * b] = slice[2 * b]! + 1;
      slice[2 * b + 1] = slice[2 * b + 1]! + this.sheet.detached[i]!;
    }
    let sum = 0,
      slices = 0;
    for (let b = 0; b < SLICES; b++) {
      if (slice[2 * b] === 0) continue;
      sum += slice[2 * b + 1]! / slice[2 * b]!;
      slices++;
    }
    return sum / slices;
  }

  register(book: StateBook): void {
    book
      .array('specimen.tri', this.tri, () => this.sheet.triCount)
      .scalar(
        'specimen.holder',
        () => this.holder,
        (v) => (this.holder = v),
      );
  }

  /** Hand h takes the freed specimen: its particles follow the jaws rigidly. */
  take(h: number): void {
    this.holder = h;
    for (let k = 0; k < this.count; k++) this.p.invMass[this.list[k]!] = 0;
  }

  /** The carrying jaws moved by (dx, dy, dz) this tick. */
  carry(dx: number, dy: number, dz: number): void {
    const pos = this.p.pos;
    for (let k = 0; k < this.count; k++) {
      const i = this.list[k]!;
      pos[3 * i] = pos[3 * i]! + dx;
      pos[3 * i + 1] = pos[3 * i + 1]! + dy;
      pos[3 * i + 2] = pos[3 * i + 2]! + dz;
    }
  }

  /** Let go: it falls from rest. */
  letGo(): void {
    this.holder = -1;
    for (let k = 0; k < this.count; k++) {
      const i = this.list[k]!;
      this.p.invMass[i] = this.p.baseInvMass[i]!;
      this.p.vel.fill(0, 3 * i, 3 * i + 3);
    }
  }

  /** Freed particles rest on whatever lies below them; touching it they do not slide (static friction). */
  solve(p: Particles): void {
    const pos = p.pos;
    for (let k = 0; k < this.count; k++) {
      const i = this.list[k]!;
      if (this.sheet.detached[i] === 0 || p.invMass[i] === 0) continue;
      const y = this.floorAt(pos[3 * i]!, pos[3 * i + 2]!);
      if (pos[3 * i + 1]! >= y) continue;
      pos[3 * i] = p.prev[3 * i]!;
      pos[3 * i + 1] = y;
      pos[3 * i + 2] = p.prev[3 * i + 2]!;
    }
  }

  private floorAt(x: number, z: number): number {
    const f = this.floor;
    const r = Math.hypot(x - f.potCentre[0], z - f.potCentre[1]);
    if (r <= f.potInner) return f.potFloor + f.thickness;
    if (r <= f.potOuter) return f.potRim + f.thickness;
    const onPad = x >= f.padMin[0] && x <= f.padMax[0] && z >= f.padMin[1] && z <= f.padMax[1];
    return onPad ? f.padTop : f.tableTop + f.thickness;
  }
}

/** z-component of (b − a) × (p − a) on the skin plane: its sign says which side of a→b the point p lies. */
function cross(ax: number, az: number, bx: number, bz: number, px: number, pz: number): number {
  return (bx - ax) * (pz - az) - (bz - az) * (px - ax);
}
