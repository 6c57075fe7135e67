import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { structureTag, type StructureId } from '../../anatomy/structures.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import { FIXED_DT } from '../../../kernel/clock.ts';
import type { Hand } from '../../../kernel/input.ts';
import type { TipColliders } from '../../tissue/colliders.ts';
import type { Particles } from '../../tissue/particles.ts';
import { RestGrid } from '../../tissue/rest-grid.ts';
import { TriangleSheet } from '../../tissue/sheet.ts';
import type { XpbdSolver } from '../../tissue/solver.ts';
import type { StateBook } from '../../tissue/state-book.ts';
import type { Emit } from '../base-scene.ts';
import { distance3 } from '../pose.ts';
import { bladeEnd, toolKind } from '../tools.ts';

const SKIN_DENSITY = 1100;
/** Capacity of a broad-phase list (particles). */
const NEAR = 4096;

/** The pad's extent on the table: its min and max corners (x, z). */
export function padBounds(a: SkinPadAnatomy): { min: [number, number]; max: [number, number] } {
  const [w, d] = a.size;
  const x0 = a.centre[0] - w / 2;
  const z0 = a.centre[2] - d / 2;
  return { min: [x0, z0], max: [x0 + w, z0 + d] };
}

/**
 * The pad's top layer (epidermis + dermis): a sheet of particles on a regular grid, clamped at the rim
 * and tied to the fat at every particle, tagged with the lesion or the laceration's edges. Finds the skin
 * near a point (a broad phase over the rest grid), and takes the scalpel's cuts and the tears.
 */
export class Skin {
  readonly sheet: TriangleSheet;
  private readonly grid: RestGrid;
  /** Broad-phase candidates of point queries. */
  private readonly near = new Int32Array(NEAR);
  private readonly blade = new Float64Array(12);

  constructor(
    private readonly p: Particles,
    private readonly anatomy: SkinPadAnatomy,
    private readonly emit: Emit,
  ) {
    const a = anatomy;
    const top = a.centre[1];
    const [w, d] = a.size;
    const [x0, z0] = padBounds(a).min;
    const dx = w / (a.cols - 1);
    const dz = d / (a.rows - 1);
    const invMass = 1 / (SKIN_DENSITY * a.skinThickness * dx * dz);
    const first = p.count;
    for (let j = 0; j < a.rows; j++) {
      for (let i = 0; i < a.cols; i++) {
        // The pad is clamped at its rim, as a mounted practice pad is.
        const rim = i === 0 || j === 0 || i === a.cols - 1 || j === a.rows - 1;
        p.add(x0 + i * dx, top, z0 + j * dz, rim ? 0 : invMass, this.tagAt(x0 + i * dx, z0 + j * dz));
      }
    }
    this.sheet = new TriangleSheet(first, p.capacity, {
      triCapacity: 2 * (a.cols - 1) * (a.rows - 1),
      stretchCompliance: 2e-4,
      // Tied to the fat at every particle, the skin needs neither bending nor area terms to hold its shape.
      bendCompliance: null,
      areaCompliance: null,
      anchorCompliance: 4,
      prestress: 0.8,
      tearRatio: 2.5,
    });
    for (let j = 0; j + 1 < a.rows; j++) {
      for (let i = 0; i + 1 < a.cols; i++) {
        const v = first + j * a.cols + i;
        // Alternate the diagonals so the sheet has no preferred shear direction.
        if ((i + j) % 2 === 0) {
          this.sheet.addTriangle(v, v + a.cols, v + a.cols + 1);
          this.sheet.addTriangle(v, v + a.cols + 1, v + 1);
        } else {
          this.sheet.addTriangle(v, v + a.cols, v + 1);
          this.sheet.addTriangle(v + 1, v + a.cols, v + a.cols + 1);
        }
      }
    }
    this.sheet.linkNeighbours();
    this.sheet.rebuild(p);
    this.grid = new RestGrid(first, a.cols, a.rows, x0, z0, dx, dz, 0.008);
  }

  /** Index of the first skin particle; skin particles are [first, particles.count). */
  get first(): number {
    return this.sheet.first;
  }

  /** Skin surface height at rest (m). */
  get surfaceY(): number {
    return this.anatomy.centre[1];
  }

  /** The tip colliders push the skin only, each tip the particles `gatherNear` its sweep. */
  attach(tips: TipColliders): void {
    tips.first = this.first;
    tips.end = this.p.capacity;
    tips.candidates[0] = new Int32Array(NEAR);
    tips.candidates[1] = new Int32Array(NEAR);
  }

  /** Broad phase of tip h this tick: the skin particles near its sweep from `from` to `to`. */
  gatherNear(tips: TipColliders, h: number, from: ArrayLike<number>, to: ArrayLike<number>): void {
    const r = tips.radius[h]!;
    tips.candidateCount[h] = this.grid.gather(
      this.p,
      Math.min(from[0]!, to[0]!) - r,
      Math.max(from[0]!, to[0]!) + r,
      Math.min(from[2]!, to[2]!) - r,
      Math.max(from[2]!, to[2]!) + r,
      tips.candidates[h]!,
    );
  }

  /** The skin particle nearest a point horizontally, within `radius`; -1 if none. */
  nearest(point: ArrayLike<number>, radius: number): number {
    const p = this.p;
    let best = radius * radius;
    let found = -1;
    const near = this.near;
    const n = this.grid.gather(p, point[0]! - radius, point[0]! + radius, point[2]! - radius, point[2]! + radius, near);
    for (let c = 0; c < n; c++) {
      const i = near[c]!;
      const dx = p.pos[3 * i]! - point[0]!,
        dz = p.pos[3 * i + 2]! - point[2]!;
      const d2 = dx * dx + dz * dz;
      if (d2 < best) {
        best = d2;
        found = i;
      }
    }
    return found;
  }

  /** A particle of the lesion (the one nearest its centre), or -1 where the pad has none. */
  lesionParticle(): number {
    const a = this.anatomy;
    return a.lesion ? this.nearest(a.lesion.centre, a.size[0] / (a.cols - 1)) : -1;
  }

  /** The skin particle a tip rests on without pushing it (within 3 mm), or -1. */
  under(tip: ArrayLike<number>): number {
    if (tip[1]! >= this.surfaceY + 0.004) return -1;
    const i = this.nearest(tip, 0.003);
    return i >= 0 && Math.abs(this.p.pos[3 * i + 1]! - tip[1]!) > 0.003 ? -1 : i;
  }

  /** The layer below the skin a point is in (in a wound), or null outside the pad or above its fat. */
  layerAt(point: ArrayLike<number>): StructureId | null {
    const a = this.anatomy;
    if (Math.abs(point[0]! - a.centre[0]) > a.size[0] / 2 || Math.abs(point[2]! - a.centre[2]) > a.size[1] / 2) return null;
    for (const layer of a.layers) {
      if (layer.id === 'dermis' || point[1]! > layer.top || point[1]! < layer.bottom) continue;
      return layer.id;
    }
    return null;
  }

  /** A scalpel drawn through the skin this tick severs the links its edge swept (`cut`, value: depth). */
  cut(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    if (toolKind(now.instrument) !== 'scalpel' || toolKind(before.instrument) !== 'scalpel') return;
    if (Math.min(now.tip[1], before.tip[1]) > this.surfaceY + 0.004) return;
    const b = this.blade;
    b.set(before.tip, 0);
    bladeEnd(before, b, 3);
    b.set(now.tip, 6);
    bladeEnd(now, b, 9);
    const severed = this.sheet.cut(this.p, b);
    if (severed > 0) this.emit('cut', hand, 'skin', now.tip, 0, Number.NaN, this.surfaceY - now.tip[1]);
  }

  /** Applies this tick's tears (`tear`, value: how many). */
  tear(): void {
    const torn = this.sheet.applyTears(this.p);
    if (torn > 0) this.emit('tear', null, 'skin', this.p.pos, 3 * this.first, Number.NaN, torn);
  }

  /** Cuts the laceration with a synthetic blade stroke, then lets the wound settle open. */
  openLaceration(l: NonNullable<SkinPadAnatomy['laceration']>, solver: XpbdSolver): void {
    const steps = 40;
    const b = this.blade;
    for (let k = 0; k < steps; k++) {
      for (let e = 0; e < 2; e++) {
        const f = (k + e) / steps;
        const x = l.a[0] + (l.b[0] - l.a[0]) * f;
        const z = l.a[2] + (l.b[2] - l.a[2]) * f;
        b.set([x, l.a[1] - l.depth, z, x, l.a[1] + 0.01, z], 6 * e);
      }
      this.sheet.cut(this.p, b);
    }
    for (let k = 0; k < 120; k++) {
      solver.step(FIXED_DT);
      this.sheet.applyTears(this.p);
    }
    for (let i = 0; i < this.p.count; i++) this.p.vel.fill(0, 3 * i, 3 * i + 3);
  }

  /** Largest distance between copies of one rest point: how far the cut edges stand apart (m). */
  woundGap(): number {
    const p = this.p;
    let gap = 0;
    for (let j = p.count - 1; j >= this.first + this.anatomy.cols * this.anatomy.rows; j--) {
      for (let i = this.first; i < j; i++) {
        if (p.rest[3 * i] !== p.rest[3 * j] || p.rest[3 * i + 2] !== p.rest[3 * j + 2]) continue;
        gap = Math.max(gap, distance3(p.pos, 3 * i, p.pos, 3 * j));
      }
    }
    return gap;
  }

  register(book: StateBook): void {
    const s = this.sheet;
    book
      .scalar(
        'sheet.triCount',
        () => s.triCount,
        (v) => (s.triCount = v),
      )
      .array('sheet.tri', s.tri, () => 3 * s.triCount)
      .array('sheet.nbr', s.nbr, () => 3 * s.triCount)
      .array('sheet.alive', s.alive, () => s.triCount)
      .array('sheet.detached', s.detached, () => this.p.count);
  }

  private tagAt(x: number, z: number): number {
    const a = this.anatomy;
    if (a.lesion && Math.hypot(x - a.lesion.centre[0], z - a.lesion.centre[2]) <= a.lesion.radius) return structureTag('lesion');
    if (a.laceration) {
      const { a: p, b: q } = a.laceration;
      const ex = q[0] - p[0],
        ez = q[2] - p[2];
      const len = Math.hypot(ex, ez);
      const along = ((x - p[0]) * ex + (z - p[2]) * ez) / len;
      const across = ((x - p[0]) * ez - (z - p[2]) * ex) / len;
      if (along > -0.004 && along < len + 0.004 && Math.abs(across) < 0.006) {
        return structureTag(across > 0 ? 'wound-edge-a' : 'wound-edge-b');
      }
    }
    return structureTag('skin');
  }
}
