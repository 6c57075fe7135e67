import { AreaConstraints } from './area.ts';
import { AttachmentConstraints } from './attachment.ts';
import { DistanceConstraints } from './distance.ts';
import type { Particles } from './particles.ts';
import { segmentCrossesTriangle } from './segment.ts';

export interface SheetOptions {
  triCapacity: number;
  stretchCompliance: number;
  /** Compliance of bending across each shared edge, or null for none (a sheet held flat by its anchors). */
  bendCompliance: number | null;
  /** Compliance of per-triangle area constraints, or null for none (the triangulated edges resist shear). */
  areaCompliance: number | null;
  /** Compliance of the zero-length springs tying each particle to its rest point on the layer below. */
  anchorCompliance: number;
  /** Rest lengths are this fraction of the undeformed ones: living skin is under tension, so a cut gapes. */
  prestress: number;
  /** A stretch constraint beyond rest × tearRatio tears. */
  tearRatio: number;
}

const MAX_INCIDENT = 32;
const MAX_SPLITS = 512;

/**
 * A triangle sheet (the skin) whose topology can change: the blade severs the links between adjacent
 * triangles that its swept path crosses, tearing removes the triangles at an overstretched edge, and a
 * vertex whose ring of triangles falls apart is duplicated, one copy per side, so a real gap opens.
 * Constraints are a pure function of the topology and the rest positions, rebuilt after each change
 * (iMSTK rebuilds only those at changed vertices; rebuilding all is cheap enough at this size).
 * The sheet's particles must be the last block of the particle array, since splits append copies.
 */
export class TriangleSheet {
  readonly first: number;
  readonly options: SheetOptions;
  triCount = 0;
  readonly tri: Int32Array;
  /** Neighbour across edge k (corners k → k+1) of each triangle, or -1 (boundary, severed or dead). */
  readonly nbr: Int32Array;
  readonly alive: Uint8Array;
  readonly stretch: DistanceConstraints;
  readonly bend: DistanceConstraints;
  readonly area: AreaConstraints;
  readonly anchors: AttachmentConstraints;
  /** Per particle: 1 once freed from the layer below (undermined); its anchor stays dead through rebuilds. */
  readonly detached: Uint8Array;
  /** Bumped whenever triangles or particles change: views re-read indices then. */
  topologyVersion = 0;
  private readonly centroid: Float64Array;
  private readonly pending: Int32Array;
  private pendingCount = 0;
  private readonly incident = new Int32Array(MAX_INCIDENT);
  private readonly component = new Int32Array(MAX_INCIDENT);
  private readonly stack = new Int32Array(MAX_INCIDENT);

  constructor(first: number, particleCapacity: number, options: SheetOptions) {
    this.first = first;
    this.options = options;
    const cap = options.triCapacity;
    this.tri = new Int32Array(cap * 3);
    this.nbr = new Int32Array(cap * 3).fill(-1);
    this.alive = new Uint8Array(cap);
    this.stretch = new DistanceConstraints(cap * 3);
    this.stretch.tearRatio = options.tearRatio;
    this.bend = new DistanceConstraints(cap * 3);
    this.area = new AreaConstraints(cap, options.areaCompliance ?? 0);
    this.anchors = new AttachmentConstraints(particleCapacity);
    this.detached = new Uint8Array(particleCapacity);
    this.centroid = new Float64Array(cap * 3);
    this.pending = new Int32Array(MAX_SPLITS);
  }

  addTriangle(a: number, b: number, c: number): number {
    const t = this.triCount++;
    this.tri[3 * t] = a;
    this.tri[3 * t + 1] = b;
    this.tri[3 * t + 2] = c;
    this.alive[t] = 1;
    return t;
  }

  /** Links triangles that share an edge. Build time only. */
  linkNeighbours(): void {
    const open = new Map<number, number>();
    const stride = 1 << 20;
    for (let t = 0; t < this.triCount; t++) {
      for (let k = 0; k < 3; k++) {
        const a = this.tri[3 * t + k]!;
        const b = this.tri[3 * t + ((k + 1) % 3)]!;
        const key = Math.min(a, b) * stride + Math.max(a, b);
        const other = open.get(key);
        if (other === undefined) {
          open.set(key, 3 * t + k);
        } else {
          this.nbr[3 * t + k] = Math.floor(other / 3);
          this.nbr[other] = t;
          open.delete(key);
        }
      }
    }
  }

  /** Rebuilds stretch, bending, area and anchor constraints from the topology and rest positions. */
  rebuild(p: Particles): void {
    const o = this.options;
    const ps = o.prestress;
    this.stretch.clear();
    this.bend.clear();
    this.area.clear();
    this.anchors.clear();
    for (let t = 0; t < this.triCount; t++) {
      if (this.alive[t] === 0) continue;
      for (let k = 0; k < 3; k++) {
        const a = this.tri[3 * t + k]!;
        const b = this.tri[3 * t + ((k + 1) % 3)]!;
        const n = this.nbr[3 * t + k]!;
        if (n === -1 || n > t) this.stretch.add(a, b, p.restDistance(a, b) * ps, o.stretchCompliance);
        if (n > t && o.bendCompliance !== null) {
          const mine = this.tri[3 * t + ((k + 2) % 3)]!;
          const theirs = this.opposite(n, a, b);
          this.bend.add(mine, theirs, p.restDistance(mine, theirs) * ps, o.bendCompliance);
        }
      }
      if (o.areaCompliance !== null) this.area.add(this.tri[3 * t]!, this.tri[3 * t + 1]!, this.tri[3 * t + 2]!, this.restArea(p, t) * ps * ps);
    }
    for (let i = this.first; i < p.count; i++) {
      const c = this.anchors.add(i, p.rest[3 * i]!, p.rest[3 * i + 1]!, p.rest[3 * i + 2]!, o.anchorCompliance);
      this.anchors.alive[c] = 1 - this.detached[i]!;
    }
    this.topologyVersion++;
  }

  /**
   * Cuts along the surface swept by a blade edge moving from (a0, b0) to (a1, b1) (flat xyz×4): every
   * link between two triangles whose centroids lie on opposite sides of that surface is severed, then
   * vertices are split. Returns the number of links severed.
   */
  cut(p: Particles, blade: Float64Array): number {
    const lo0 = Math.min(blade[0]!, blade[3]!, blade[6]!, blade[9]!) - 0.005;
    const hi0 = Math.max(blade[0]!, blade[3]!, blade[6]!, blade[9]!) + 0.005;
    const lo2 = Math.min(blade[2]!, blade[5]!, blade[8]!, blade[11]!) - 0.005;
    const hi2 = Math.max(blade[2]!, blade[5]!, blade[8]!, blade[11]!) + 0.005;
    const c = this.centroid;
    const x = p.pos;
    // Centroids only near the blade (one corner inside the box grown by a triangle's size), NaN elsewhere.
    for (let t = 0; t < this.triCount; t++) {
      const a = 3 * this.tri[3 * t]!,
        b = 3 * this.tri[3 * t + 1]!,
        d = 3 * this.tri[3 * t + 2]!;
      if (x[a]! < lo0 - 0.01 || x[a]! > hi0 + 0.01 || x[a + 2]! < lo2 - 0.01 || x[a + 2]! > hi2 + 0.01) {
        c[3 * t] = Number.NaN;
        continue;
      }
      c[3 * t] = (x[a]! + x[b]! + x[d]!) / 3;
      c[3 * t + 1] = (x[a + 1]! + x[b + 1]! + x[d + 1]!) / 3;
      c[3 * t + 2] = (x[a + 2]! + x[b + 2]! + x[d + 2]!) / 3;
    }
    let severed = 0;
    for (let t = 0; t < this.triCount; t++) {
      if (this.alive[t] === 0) continue;
      const cx = c[3 * t]!,
        cz = c[3 * t + 2]!;
      if (Number.isNaN(cx) || cx < lo0 || cx > hi0 || cz < lo2 || cz > hi2) continue;
      for (let k = 0; k < 3; k++) {
        const n = this.nbr[3 * t + k]!;
        if (n <= t || Number.isNaN(c[3 * n]!)) continue;
        const crosses =
          segmentCrossesTriangle(c, 3 * t, c, 3 * n, blade, 0, blade, 3, blade, 9) || segmentCrossesTriangle(c, 3 * t, c, 3 * n, blade, 0, blade, 9, blade, 6);
        if (!crosses) continue;
        this.sever(t, k);
        severed++;
      }
    }
    if (severed > 0) this.splitPending(p);
    return severed;
  }

  /** Frees particle i from the layer below: its anchor (anchors are built one per particle, in order) dies. */
  detach(i: number): void {
    this.detached[i] = 1;
    this.anchors.alive[i - this.first] = 0;
  }

  /** Handles the stretch constraints that tore in the last solve. Returns how many tore. */
  applyTears(p: Particles): number {
    const torn = this.stretch.tornCount;
    if (torn === 0) return 0;
    for (let k = 0; k < torn; k++) {
      const c = this.stretch.torn[k]!;
      const a = this.stretch.a[c]!;
      const b = this.stretch.b[c]!;
      for (let t = 0; t < this.triCount; t++) {
        if (this.alive[t] === 0 || this.corner(t, a) < 0 || this.corner(t, b) < 0) continue;
        this.kill(t);
      }
    }
    this.stretch.tornCount = 0;
    this.splitPending(p);
    return torn;
  }

  /** Removes a triangle (a torn or excised piece) and queues its corners for splitting. */
  kill(t: number): void {
    this.alive[t] = 0;
    for (let k = 0; k < 3; k++) {
      const n = this.nbr[3 * t + k]!;
      if (n >= 0) this.unlink(n, t);
      this.nbr[3 * t + k] = -1;
      this.queue(this.tri[3 * t + k]!);
    }
  }

  private sever(t: number, k: number): void {
    const n = this.nbr[3 * t + k]!;
    this.nbr[3 * t + k] = -1;
    this.unlink(n, t);
    this.queue(this.tri[3 * t + k]!);
    this.queue(this.tri[3 * t + ((k + 1) % 3)]!);
  }

  private unlink(t: number, from: number): void {
    for (let k = 0; k < 3; k++) if (this.nbr[3 * t + k] === from) this.nbr[3 * t + k] = -1;
  }

  private queue(v: number): void {
    for (let i = 0; i < this.pendingCount; i++) if (this.pending[i] === v) return;
    if (this.pendingCount < this.pending.length) this.pending[this.pendingCount++] = v;
  }

  /** Splits each queued vertex into one copy per connected fan of its triangles, then rebuilds. */
  private splitPending(p: Particles): void {
    for (let q = 0; q < this.pendingCount; q++) this.split(p, this.pending[q]!);
    this.pendingCount = 0;
    this.rebuild(p);
  }

  private split(p: Particles, v: number): void {
    let m = 0;
    for (let t = 0; t < this.triCount && m < MAX_INCIDENT; t++) {
      if (this.alive[t] === 1 && this.corner(t, v) >= 0) this.incident[m++] = t;
    }
    this.component.fill(-1, 0, m);
    let components = 0;
    for (let seed = 0; seed < m; seed++) {
      if (this.component[seed] !== -1) continue;
      let top = 0;
      this.stack[top++] = seed;
      this.component[seed] = components;
      while (top > 0) {
        const e = this.stack[--top]!;
        const t = this.incident[e]!;
        const c = this.corner(t, v);
        // The two edges of t that meet at v: k = c (v → next) and k = c + 2 (prev → v).
        for (const k of [c, (c + 2) % 3] as const) {
          const n = this.nbr[3 * t + k]!;
          if (n < 0) continue;
          const j = this.indexOf(n, m);
          if (j < 0 || this.component[j] !== -1) continue;
          this.component[j] = components;
          this.stack[top++] = j;
        }
      }
      components++;
    }
    // The fan holding the lowest-numbered triangle keeps v; each other fan gets its own copy.
    for (let comp = 1; comp < components; comp++) {
      const copy = p.duplicate(v);
      if (copy < 0) return;
      this.detached[copy] = this.detached[v]!;
      for (let e = 0; e < m; e++) {
        if (this.component[e] !== comp) continue;
        const t = this.incident[e]!;
        this.tri[3 * t + this.corner(t, v)] = copy;
      }
    }
  }

  private indexOf(t: number, m: number): number {
    for (let e = 0; e < m; e++) if (this.incident[e] === t) return e;
    return -1;
  }

  corner(t: number, v: number): number {
    if (this.tri[3 * t] === v) return 0;
    if (this.tri[3 * t + 1] === v) return 1;
    if (this.tri[3 * t + 2] === v) return 2;
    return -1;
  }

  private opposite(t: number, a: number, b: number): number {
    for (let k = 0; k < 3; k++) {
      const v = this.tri[3 * t + k]!;
      if (v !== a && v !== b) return v;
    }
    return a;
  }

  private restArea(p: Particles, t: number): number {
    const r = p.rest;
    const a = 3 * this.tri[3 * t]!,
      b = 3 * this.tri[3 * t + 1]!,
      c = 3 * this.tri[3 * t + 2]!;
    const ex = r[b]! - r[a]!,
      ey = r[b + 1]! - r[a + 1]!,
      ez = r[b + 2]! - r[a + 2]!;
    const fx = r[c]! - r[a]!,
      fy = r[c + 1]! - r[a + 1]!,
      fz = r[c + 2]! - r[a + 2]!;
    return 0.5 * Math.hypot(ey * fz - ez * fy, ez * fx - ex * fz, ex * fy - ey * fx);
  }

  /** Alive triangles, for the views. */
  aliveCount(): number {
    let n = 0;
    for (let t = 0; t < this.triCount; t++) n += this.alive[t]!;
    return n;
  }
}
