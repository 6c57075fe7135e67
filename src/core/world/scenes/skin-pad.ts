import type { Body } from 'cannon-es';
import { generateSkinPad, skinPadVariant, type SkinPadAnatomy, type SkinPadVariant } from '../anatomy/skin-pad.ts';
import { MeshBuilder, addCup } from '../anatomy/mesh.ts';
import { staticPart, type RenderPart } from '../anatomy/render-part.ts';
import { structureOf, structureTag, type StructureId } from '../anatomy/structures.ts';
import { instrumentSpec } from '../instruments/catalog.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import { FIXED_DT } from '../../kernel/clock.ts';
import type { StateHasher } from '../../kernel/hash.ts';
import { HANDS, type Hand } from '../../kernel/input.ts';
import { SPECIMEN_POT_BASE, SPECIMEN_POT_HEIGHT, SPECIMEN_POT_RADIUS, TABLE_TOP_Y } from '../../kernel/or-layout.ts';
import { GraspPins } from '../tissue/grasp.ts';
import { TipColliders } from '../tissue/colliders.ts';
import { Particles } from '../tissue/particles.ts';
import { RestGrid } from '../tissue/rest-grid.ts';
import { TriangleSheet } from '../tissue/sheet.ts';
import { XpbdSolver } from '../tissue/solver.ts';
import { StateBook, type SceneState } from '../tissue/state-book.ts';
import { SutureThread } from '../tissue/suture-thread.ts';
import { Needle } from './needle.ts';
import { distance3, rotate, toWorld } from './pose.ts';
import { Specimen } from './specimen.ts';
import { jawClosed, jawOpened, toolKind } from './tools.ts';
import { HAND_INDEX, clearContact, newContact, type ContactEvent, type SceneBase, type SceneEvent, type SceneInstruments } from './types.ts';

export interface SkinPadOptions {
  seed: number;
  variant?: Partial<SkinPadVariant>;
}

const SUBSTEPS = 2;
const THREAD_SEGMENTS = 60;
const THREAD_SPACING = 0.0025;
const TIP_RADIUS = 0.0025;
const BLADE_LENGTH = 0.012;
const SPARE_PARTICLES = 1200;
const SKIN_DENSITY = 1100;
const POT_WALL = 0.0015;
/** A scalpel frees tissue under the skin only laid flat: its edge within 30° of horizontal. */
const FLAT_BLADE = 0.5;

/**
 * The suturing and excision scene: a layered skin pad whose top layer (epidermis + dermis) is an XPBD
 * sheet of 2,072 particles tied to the fat below, a suture thread of 60 segments on a 3/8-circle needle,
 * and the laceration or lesion of the variant. Scalpels cut the sheet, forceps and needle drivers grasp
 * it (and the thread), the needle punctures it and draws the thread through. Around a lesion, the skin
 * the incisions cut out is the specimen: undermined, lifted and carried to the histology pot.
 */
export class SkinPadScene implements SceneBase {
  readonly name = 'skin-pad' as const;
  readonly anatomy: SkinPadAnatomy;
  readonly particles: Particles;
  readonly thread: SutureThread;
  readonly sheet: TriangleSheet;
  readonly needle: Needle;
  readonly specimen: Specimen;
  readonly solver: XpbdSolver;
  readonly tips = new TipColliders();
  readonly grasp = new GraspPins();
  readonly contacts: [ContactEvent, ContactEvent] = [newContact('left'), newContact('right')];
  readonly events: SceneEvent[] = [];
  readonly renderParts: RenderPart[];
  /** Movable rigid bodies of the scene (none here: the needle is kinematic). */
  readonly bodies: readonly Body[] = [];
  /** Per hand: winding angle (rad) of the thread around an empty needle driver, last angle, and whether it is tracking. */
  readonly wrapAngle = new Float64Array(2);
  private readonly wrapLast = new Float64Array(2);
  private readonly wrapValid = new Uint8Array(2);
  /** 1 while the needle point is above the skin surface (puncture detection). */
  needleTipAbove = 1;
  private readonly skinPart: RenderPart;
  private readonly threadPart: RenderPart;
  private readonly book: StateBook;
  private readonly blade = new Float64Array(12);
  private readonly v3 = new Float64Array(3);
  private readonly v3b = new Float64Array(3);
  private readonly vertexNormals: Float64Array;
  private readonly grid: RestGrid;
  /** Broad-phase candidate lists: one per tip, one for point queries. */
  private readonly near: [Int32Array, Int32Array, Int32Array];
  private renderedTopology = -1;

  constructor(options: SkinPadOptions) {
    const a = generateSkinPad(skinPadVariant(options.seed, options.variant), options.seed);
    this.anatomy = a;
    const sheetCount = a.cols * a.rows;
    this.particles = new Particles(THREAD_SEGMENTS + 1 + sheetCount + SPARE_PARTICLES);
    const p = this.particles;
    const top = a.centre[1];
    const [w, d] = a.size;
    const x0 = a.centre[0] - w / 2;
    const z0 = a.centre[2] - d / 2;

    // The needle lies on the pad near the front right corner, its thread trailing to the left.
    const needleAt = [a.centre[0] + 0.05, top + 0.001, a.centre[2] + 0.04];
    this.needle = new Needle(needleAt, [Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    this.needle.point(1, this.v3);
    this.thread = new SutureThread(p, [this.v3[0]!, this.v3[1]!, this.v3[2]!], [-1, 0, 0], {
      segments: THREAD_SEGMENTS,
      spacing: THREAD_SPACING,
      invMass: 1 / 2e-6,
      tag: structureTag('suture'),
      bendCompliance: 1e-3,
    });
    this.thread.floorY = top + 0.0004;
    this.thread.outerFloorY = TABLE_TOP_Y + 0.0004;
    this.thread.floorMin.set([x0, z0]);
    this.thread.floorMax.set([x0 + w, z0 + d]);

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
    this.tips.first = first;
    this.tips.end = p.capacity;
    this.grid = new RestGrid(first, a.cols, a.rows, x0, z0, dx, dz, 0.008);
    this.near = [new Int32Array(4096), new Int32Array(4096), new Int32Array(4096)];
    this.specimen = new Specimen(this.sheet, p, a.lesion ? this.nearestSkin(a.lesion.centre, dx) : -1, {
      padMin: [x0, z0],
      padMax: [x0 + w, z0 + d],
      padTop: top,
      tableTop: TABLE_TOP_Y,
      potCentre: [SPECIMEN_POT_BASE[0], SPECIMEN_POT_BASE[2]],
      potInner: SPECIMEN_POT_RADIUS - POT_WALL,
      potOuter: SPECIMEN_POT_RADIUS,
      potFloor: SPECIMEN_POT_BASE[1] + POT_WALL,
      potRim: SPECIMEN_POT_BASE[1] + SPECIMEN_POT_HEIGHT,
      thickness: a.skinThickness,
    });
    this.tips.candidates[0] = this.near[0];
    this.tips.candidates[1] = this.near[1];

    this.solver = new XpbdSolver(p, { substeps: SUBSTEPS, gravity: 9.81, damping: 8 });
    this.solver.constraints.push(
      this.sheet.stretch,
      this.sheet.anchors,
      this.thread.stretch,
      this.thread.bend,
      this.thread,
      this.tips,
      this.grasp,
      this.specimen,
    );

    this.vertexNormals = new Float64Array(p.capacity * 3);
    const cap = p.capacity - first;
    this.skinPart = {
      name: 'skin',
      structureId: 'skin',
      material: 'skin',
      primitive: 'mesh',
      dynamic: true,
      positions: new Float32Array(cap * 6),
      normals: new Float32Array(cap * 6),
      indices: new Uint32Array(this.sheet.options.triCapacity * 24),
      vertexCount: 0,
      indexCount: 0,
      topologyVersion: 0,
      shade: new Float32Array(cap * 2),
    };
    this.threadPart = {
      name: 'suture',
      structureId: 'suture',
      material: 'suture',
      primitive: 'line',
      dynamic: true,
      positions: new Float32Array((THREAD_SEGMENTS + 1) * 3),
      normals: new Float32Array((THREAD_SEGMENTS + 1) * 3),
      indices: new Uint32Array(0),
      vertexCount: THREAD_SEGMENTS + 1,
      indexCount: 0,
      topologyVersion: 0,
      radius: 0.00015,
    };
    const material = { 'subcutaneous-fat': 'fat', fascia: 'fascia', muscle: 'muscle' } as const;
    this.renderParts = [
      this.skinPart,
      this.threadPart,
      this.needle.part,
      ...a.layerMeshes.map((l) => staticPart(l.id, l.id, material[l.id as keyof typeof material] ?? 'fat', l.mesh)),
    ];
    if (a.lesion) {
      const pot = new MeshBuilder();
      addCup(pot, SPECIMEN_POT_BASE, SPECIMEN_POT_RADIUS, SPECIMEN_POT_HEIGHT, POT_WALL, 24);
      this.renderParts.push(staticPart('specimen-pot', 'specimen-pot', 'pot', pot.build()));
    }

    this.book = new StateBook('skin-pad')
      .particles('p', p)
      .scalar('sheet.triCount', () => this.sheet.triCount, (v) => (this.sheet.triCount = v))
      .array('sheet.tri', this.sheet.tri, () => 3 * this.sheet.triCount)
      .array('sheet.nbr', this.sheet.nbr, () => 3 * this.sheet.triCount)
      .array('sheet.alive', this.sheet.alive, () => this.sheet.triCount)
      .array('sheet.detached', this.sheet.detached, () => p.count)
      .array('specimen.tri', this.specimen.tri, () => this.sheet.triCount)
      .scalar('specimen.holder', () => this.specimen.holder, (v) => (this.specimen.holder = v))
      .array('thread.stretch', this.thread.stretch.alive, () => this.thread.stretch.count)
      .array('thread.bend', this.thread.bend.alive, () => this.thread.bend.count)
      .array('thread.headFrom', this.thread.headFrom)
      .array('thread.headTo', this.thread.headTo)
      .scalar('thread.headPinned', () => this.thread.headPinned, (v) => (this.thread.headPinned = v))
      .scalar('punctures', () => this.thread.punctureCount, (v) => (this.thread.punctureCount = v))
      .array('puncture.particle', this.thread.punctureParticle)
      .array('puncture.u', this.thread.punctureU)
      .array('puncture.active', this.thread.punctureActive)
      .array('needle.pose', this.needle.pose)
      .scalar('needle.grip', () => this.needle.grip, (v) => (this.needle.grip = v))
      .scalar('needle.held', () => this.needle.held, (v) => (this.needle.held = v))
      .scalar('needle.tipAbove', () => this.needleTipAbove, (v) => (this.needleTipAbove = v))
      .array('grasp.particles', this.grasp.particles)
      .array('grasp.offsets', this.grasp.offsets)
      .array('grasp.counts', this.grasp.counts)
      .array('wrap.angle', this.wrapAngle)
      .array('wrap.last', this.wrapLast)
      .array('wrap.valid', this.wrapValid);

    if (a.laceration) this.openLaceration(a.laceration);
    this.updateRenderParts();
  }

  /** Skin surface height at rest (m). */
  get surfaceY(): number {
    return this.anatomy.centre[1];
  }

  /** Index of the first skin particle; skin particles are [first, particles.count). */
  get sheetFirst(): number {
    return this.sheet.first;
  }

  step(instruments: SceneInstruments): void {
    if (this.events.length > 0) this.events.length = 0;
    for (const hand of HANDS) this.trackWraps(hand, instruments.current[hand]);
    for (const hand of HANDS) this.prepareHand(hand, instruments.current[hand], instruments.previous[hand]);
    this.moveNeedle(instruments.current);
    this.solver.step(FIXED_DT);
    const torn = this.sheet.applyTears(this.particles);
    if (torn > 0) this.emit('tear', null, 'skin', this.particles.pos, 3 * this.sheetFirst, Number.NaN, torn);
    for (const hand of HANDS) this.cutWithBlade(hand, instruments.current[hand], instruments.previous[hand]);
    this.specimen.update();
    for (const hand of HANDS) this.undermine(hand, instruments.current[hand], instruments.previous[hand]);
    this.trackPunctures();
    for (const hand of HANDS) this.findContact(hand, instruments.current[hand]);
  }

  private prepareHand(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const kind = toolKind(now.instrument);
    const p = this.particles;
    this.tips.set(h, before.tip, now.tip, TIP_RADIUS, kind !== 'none' && kind !== 'scalpel');
    const r = TIP_RADIUS;
    this.tips.candidateCount[h] = this.grid.gather(
      p,
      Math.min(before.tip[0], now.tip[0]) - r,
      Math.max(before.tip[0], now.tip[0]) + r,
      Math.min(before.tip[2], now.tip[2]) - r,
      Math.max(before.tip[2], now.tip[2]) + r,
      this.near[h],
    );
    this.grasp.setTip(h, before.tip, now.tip);
    const grips = kind === 'grasper' || kind === 'needle-driver';
    if (this.specimen.holder === h) {
      if (grips && !jawOpened(before.jaw, now.jaw)) this.specimen.carry(now.tip[0] - before.tip[0], now.tip[1] - before.tip[1], now.tip[2] - before.tip[2]);
      else {
        this.specimen.letGo();
        this.emit('release', hand, 'specimen', now.tip, 0, Number.NaN, 0);
      }
    }
    if (this.grasp.isHolding(h) && (!grips || jawOpened(before.jaw, now.jaw))) {
      const specimen = this.specimen.member[this.grasp.particles[h * 8]!] === 1;
      this.grasp.release(p, h);
      this.emit('release', hand, specimen ? 'specimen' : null, now.tip, 0, Number.NaN, 0);
    }
    if (this.needle.held === h && (kind !== 'needle-driver' || jawOpened(before.jaw, now.jaw))) {
      this.needle.held = -1;
      this.emit('needle-release', hand, 'needle', now.tip, 0, Number.NaN, this.needle.grip);
    }
    if (kind === 'scissors' && jawClosed(before.jaw, now.jaw)) return this.cutThread(hand, now.tip);
    if (!grips || !jawClosed(before.jaw, now.jaw)) return;
    if (kind === 'needle-driver' && this.needle.held < 0) {
      const near = this.needle.nearest(now.tip);
      if (near.distance < 0.006) {
        this.needle.held = h;
        this.needle.grip = near.f;
        this.emit('needle-grasp', hand, 'needle', now.tip, 0, Number.NaN, near.f);
        return;
      }
    }
    // Forceps take tissue or thread, whichever is under the jaws.
    if (this.grasp.grab(p, h, now.tip, 0.003, 0, p.count, 3) > 0) {
      const held = this.grasp.particles[h * 8]!;
      const specimen = this.specimen.member[held] === 1;
      // Jaws across an incision take one side of it: the specimen or the skin around, as the nearest.
      if (this.specimen.separated) this.grasp.keepOnly(p, h, this.specimen.member, specimen ? 1 : 0);
      // The freed specimen is taken whole; still attached, only the skin in the jaws is.
      if (specimen && this.specimen.freed) {
        this.grasp.release(p, h);
        this.specimen.take(h);
      }
      this.emit('grasp', hand, specimen ? 'specimen' : structureOf(p.tag[held]!), now.tip, 0, Number.NaN, 0);
      // Instrument tie: the driver takes the thread after wrapping it around its jaws: one throw.
      const wraps = Math.round(this.wrapAngle[h]! / (2 * Math.PI));
      if (kind === 'needle-driver' && p.tag[held] === structureTag('suture') && wraps !== 0) {
        this.emit('throw', hand, 'suture', now.tip, 0, Number.NaN, wraps);
      }
      this.wrapAngle[h] = 0;
    }
  }

  /**
   * Knots as commercial simulators approximate them: the winding angle of the thread around the empty
   * needle driver's shaft (local +z), accumulated while the thread is within 15 mm of the jaws.
   */
  private trackWraps(hand: Hand, now: InstrumentState): void {
    const h = HAND_INDEX[hand];
    if (toolKind(now.instrument) !== 'needle-driver' || this.needle.held === h) {
      this.wrapAngle[h] = 0;
      this.wrapValid[h] = 0;
      return;
    }
    const p = this.particles;
    let best = 0.015 * 0.015;
    let found = -1;
    for (let s = 0; s <= this.thread.segments; s++) {
      const d2 = p.distanceSq(this.thread.first + s, now.tip[0], now.tip[1], now.tip[2]);
      if (d2 < best) {
        best = d2;
        found = this.thread.first + s;
      }
    }
    if (found < 0) {
      this.wrapValid[h] = 0;
      return;
    }
    const a = this.v3;
    rotate(now.orientation, 0, 0, 1, a);
    // Basis of the plane across the shaft: e1 = a × (0, 1, 0) (or a × x when the shaft is vertical), e2 = a × e1.
    let e1x = -a[2]!, e1y = 0, e1z = a[0]!;
    if (e1x * e1x + e1z * e1z < 1e-6) {
      e1x = 0; e1y = a[2]!; e1z = -a[1]!;
    }
    const l = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
    e1x /= l; e1y /= l; e1z /= l;
    const e2x = a[1]! * e1z - a[2]! * e1y, e2y = a[2]! * e1x - a[0]! * e1z, e2z = a[0]! * e1y - a[1]! * e1x;
    const vx = p.pos[3 * found]! - now.tip[0], vy = p.pos[3 * found + 1]! - now.tip[1], vz = p.pos[3 * found + 2]! - now.tip[2];
    const angle = Math.atan2(vx * e2x + vy * e2y + vz * e2z, vx * e1x + vy * e1y + vz * e1z);
    if (this.wrapValid[h] === 1) {
      let d = angle - this.wrapLast[h]!;
      if (d > Math.PI) d -= 2 * Math.PI;
      else if (d < -Math.PI) d += 2 * Math.PI;
      this.wrapAngle[h] = this.wrapAngle[h]! + d;
    }
    this.wrapLast[h] = angle;
    this.wrapValid[h] = 1;
  }

  /** Scissors closing on the thread cut it there; the event carries the tail left beyond the nearest puncture. */
  private cutThread(hand: Hand, tip: ArrayLike<number>): void {
    const t = this.thread;
    const p = this.particles;
    let best = 0.002;
    let seg = -1;
    for (let s = 0; s < t.segments; s++) {
      if (t.stretch.alive[s] === 0) continue;
      const d = distance3(p.pos, 3 * (t.first + s), tip, 0);
      if (d < best) {
        best = d;
        seg = s;
      }
    }
    if (seg < 0) return;
    t.cutAt(seg);
    this.emit('thread-cut', hand, 'suture', p.pos, 3 * (t.first + seg), Number.NaN, t.tailLength(seg + 0.5, THREAD_SPACING));
  }

  private moveNeedle(hands: Readonly<Record<Hand, InstrumentState>>): void {
    const t = this.thread;
    t.headFrom.set(t.headTo);
    if (this.needle.held >= 0) this.needle.follow(hands[this.needle.held === 0 ? 'left' : 'right']);
    this.needle.point(1, t.headTo);
  }

  private cutWithBlade(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    if (toolKind(now.instrument) !== 'scalpel' || toolKind(before.instrument) !== 'scalpel') return;
    if (Math.min(now.tip[1], before.tip[1]) > this.surfaceY + 0.004) return;
    // The cutting edge runs from the point up the blade, along the instrument's local +y.
    const b = this.blade;
    b.set(before.tip, 0);
    toWorld(before.tip, before.orientation, 0, BLADE_LENGTH, 0, b, 3);
    b.set(now.tip, 6);
    toWorld(now.tip, now.orientation, 0, BLADE_LENGTH, 0, b, 9);
    const severed = this.sheet.cut(this.particles, b);
    if (severed > 0) this.emit('cut', hand, 'skin', now.tip, 0, Number.NaN, this.surfaceY - now.tip[1]);
  }

  /**
   * Undermining: scissors snipping (along the blades, tip to hinge), or a scalpel laid flat and moving
   * (along its edge), below the dermis free the specimen above them from the fat. Reported as a `dissect`
   * event naming the layer the tip is in (the fat, or deeper: too deep), its value the particles freed.
   */
  private undermine(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const kind = toolKind(now.instrument);
    const end = this.v3b;
    if (kind === 'scissors' && jawClosed(before.jaw, now.jaw)) {
      toWorld(now.tip, now.orientation, 0, 0, instrumentSpec(now.instrument)?.jawLength ?? 0.015, end);
    } else if (kind === 'scalpel' && toolKind(before.instrument) === 'scalpel' && distance3(now.tip, 0, before.tip, 0) > 1e-4) {
      toWorld(now.tip, now.orientation, 0, BLADE_LENGTH, 0, end);
      if (Math.abs(end[1]! - now.tip[1]) > FLAT_BLADE * BLADE_LENGTH) return;
    } else return;
    const layers = this.anatomy.layers;
    const freed = this.specimen.undermine(now.tip, end, layers[1]!.top);
    if (freed < 0) return;
    const layer = layers.find((l) => now.tip[1] >= l.bottom) ?? layers[layers.length - 1]!;
    this.emit('dissect', hand, layer.id, now.tip, 0, Number.NaN, freed);
    // Freed while a hand holds it by the skin in its jaws: that hand now holds all of it.
    if (!this.specimen.freed || this.specimen.holder >= 0) return;
    for (let g = 0; g < 2; g++) {
      if (!this.grasp.isHolding(g) || this.specimen.member[this.grasp.particles[g * 8]!] === 0) continue;
      this.grasp.release(this.particles, g);
      this.specimen.take(g);
      return;
    }
  }

  private trackPunctures(): void {
    const t = this.thread;
    const p = this.particles;
    if (this.needle.held >= 0) {
      this.needle.point(0, this.v3);
      const i = this.nearestSkin(this.v3, 0.003);
      if (i >= 0) {
        const above = this.v3[1]! > p.pos[3 * i + 1]! ? 1 : 0;
        if (above !== this.needleTipAbove) {
          t.addPuncture(i, 0, false);
          const hand: Hand = this.needle.held === 0 ? 'left' : 'right';
          this.emit(above ? 'puncture-exit' : 'puncture-entry', hand, structureOf(p.tag[i]!), p.pos, 3 * i, Number.NaN, this.needleAngleToSkin());
        }
        this.needleTipAbove = above;
      } else {
        this.needleTipAbove = this.v3[1]! > this.surfaceY ? 1 : 0;
      }
    }
    // The thread enters a puncture once the needle's tail has followed the point through it.
    this.needle.point(1, this.v3b);
    for (let k = 0; k < t.punctureCount; k++) {
      if (t.punctureActive[k] === 1 || t.punctureU[k]! > 0) continue;
      const i = t.punctureParticle[k]!;
      if (distance3(this.v3b, 0, p.pos, 3 * i) < 0.0025) {
        t.punctureActive[k] = 1;
        t.punctureU[k] = 0.01;
        this.emit('thread-through', null, structureOf(p.tag[i]!), p.pos, 3 * i, Number.NaN, k);
      }
    }
  }

  /**
   * Angle (degrees) between the needle's point and the skin plane: 90 when the point goes straight in, as
   * taught. The point's direction is the arc's tangent at f = 0; the pad is taken as horizontal.
   */
  needleAngleToSkin(): number {
    this.needle.point(0, this.v3);
    this.needle.point(0.02, this.v3b);
    const dx = this.v3[0]! - this.v3b[0]!, dy = this.v3[1]! - this.v3b[1]!, dz = this.v3[2]! - this.v3b[2]!;
    const l = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return (Math.asin(Math.min(1, Math.abs(dy) / l)) * 180) / Math.PI;
  }

  /** Threads the suture through skin particles as if the needle had passed there (setup and tests). */
  threadThrough(skinParticles: readonly number[]): void {
    for (const i of skinParticles) this.thread.addPuncture(i, 0.01, true);
  }

  private nearestSkin(point: ArrayLike<number>, radius: number): number {
    const p = this.particles;
    let best = radius * radius;
    let found = -1;
    const near = this.near[2];
    const n = this.grid.gather(p, point[0]! - radius, point[0]! + radius, point[2]! - radius, point[2]! + radius, near);
    for (let c = 0; c < n; c++) {
      const i = near[c]!;
      const dx = p.pos[3 * i]! - point[0]!, dz = p.pos[3 * i + 2]! - point[2]!;
      const d2 = dx * dx + dz * dz;
      if (d2 < best) {
        best = d2;
        found = i;
      }
    }
    return found;
  }

  private findContact(hand: Hand, now: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const c = this.contacts[h];
    clearContact(c, now.instrument);
    if (now.instrument === null) return;
    const p = this.particles;
    let i = -1;
    if (this.specimen.holder === h) {
      c.active = true;
      c.grasping = true;
      c.structure = 'specimen';
      c.point[0] = now.tip[0];
      c.point[1] = now.tip[1];
      c.point[2] = now.tip[2];
      return;
    }
    if (this.grasp.isHolding(h)) {
      i = this.grasp.particles[h * 8]!;
      c.grasping = true;
      c.force = this.grasp.force(h, SUBSTEPS);
    } else if (this.tips.hardest[h]! >= 0) {
      i = this.tips.hardest[h]!;
      c.force = this.tips.force[h]! / SUBSTEPS;
    } else if (now.tip[1] < this.surfaceY + 0.004) {
      i = this.nearestSkin(now.tip, 0.003);
      if (i >= 0 && Math.abs(p.pos[3 * i + 1]! - now.tip[1]) > 0.003) i = -1;
    }
    if (i >= 0) {
      c.active = true;
      c.structure = this.specimen.member[i] === 1 ? 'specimen' : structureOf(p.tag[i]!);
      c.point[0] = p.pos[3 * i]!;
      c.point[1] = p.pos[3 * i + 1]!;
      c.point[2] = p.pos[3 * i + 2]!;
      return;
    }
    // Below the skin (in a wound): the layer the tip is in.
    const a = this.anatomy;
    if (Math.abs(now.tip[0] - a.centre[0]) > a.size[0] / 2 || Math.abs(now.tip[2] - a.centre[2]) > a.size[1] / 2) return;
    for (const layer of a.layers) {
      if (layer.id === 'dermis' || now.tip[1] > layer.top || now.tip[1] < layer.bottom) continue;
      c.active = true;
      c.structure = layer.id;
      c.point[0] = now.tip[0];
      c.point[1] = now.tip[1];
      c.point[2] = now.tip[2];
      return;
    }
  }

  private emit(type: SceneEvent['type'], hand: Hand | null, structure: StructureId | null, at: ArrayLike<number>, o: number, s: number, value: number): void {
    this.events.push({ type, hand, structure, point: [at[o]!, at[o + 1]!, at[o + 2]!], s, value });
  }

  private tagAt(x: number, z: number): number {
    const a = this.anatomy;
    if (a.lesion && Math.hypot(x - a.lesion.centre[0], z - a.lesion.centre[2]) <= a.lesion.radius) return structureTag('lesion');
    if (a.laceration) {
      const { a: p, b: q } = a.laceration;
      const ex = q[0] - p[0], ez = q[2] - p[2];
      const len = Math.hypot(ex, ez);
      const along = ((x - p[0]) * ex + (z - p[2]) * ez) / len;
      const across = ((x - p[0]) * ez - (z - p[2]) * ex) / len;
      if (along > -0.004 && along < len + 0.004 && Math.abs(across) < 0.006) {
        return structureTag(across > 0 ? 'wound-edge-a' : 'wound-edge-b');
      }
    }
    return structureTag('skin');
  }

  /** Cuts the laceration with a synthetic blade stroke, then lets the wound settle open. */
  private openLaceration(l: NonNullable<SkinPadAnatomy['laceration']>): void {
    const steps = 40;
    const b = this.blade;
    for (let k = 0; k < steps; k++) {
      for (let e = 0; e < 2; e++) {
        const f = (k + e) / steps;
        const x = l.a[0] + (l.b[0] - l.a[0]) * f;
        const z = l.a[2] + (l.b[2] - l.a[2]) * f;
        b.set([x, l.a[1] - l.depth, z, x, l.a[1] + 0.01, z], 6 * e);
      }
      this.sheet.cut(this.particles, b);
    }
    for (let k = 0; k < 120; k++) {
      this.solver.step(FIXED_DT);
      this.sheet.applyTears(this.particles);
    }
    for (let i = 0; i < this.particles.count; i++) this.particles.vel.fill(0, 3 * i, 3 * i + 3);
  }

  /** The specimen's freed share along its length (0 until the incisions have cut it out). */
  specimenFreed(): number {
    return this.specimen.freedFraction();
  }

  /** Largest distance between copies of one rest point: how far the cut edges stand apart (m). */
  woundGap(): number {
    const p = this.particles;
    let gap = 0;
    for (let j = p.count - 1; j >= this.sheetFirst + this.anatomy.cols * this.anatomy.rows; j--) {
      for (let i = this.sheetFirst; i < j; i++) {
        if (p.rest[3 * i] !== p.rest[3 * j] || p.rest[3 * i + 2] !== p.rest[3 * j + 2]) continue;
        gap = Math.max(gap, distance3(p.pos, 3 * i, p.pos, 3 * j));
      }
    }
    return gap;
  }

  snapshot(): SceneState {
    return this.book.save();
  }

  restore(state: SceneState): void {
    this.book.load(state);
    this.sheet.rebuild(this.particles);
    this.specimen.update();
    this.updateRenderParts();
  }

  hash(h: StateHasher): void {
    this.book.hash(h);
  }

  /**
   * Writes the dynamic render parts from the particles (top surface, underside, cut walls, thread,
   * needle). Views call it once per frame before reading the parts; it changes no simulation state.
   */
  updateRenderParts(): void {
    const p = this.particles;
    const s = this.sheet;
    const part = this.skinPart;
    const first = this.sheetFirst;
    const cap = p.capacity - first;
    const n = p.count - first;
    const nrm = this.vertexNormals;
    nrm.fill(0, 0, 3 * n);
    for (let t = 0; t < s.triCount; t++) {
      if (s.alive[t] === 0) continue;
      const a = s.tri[3 * t]!, b = s.tri[3 * t + 1]!, c = s.tri[3 * t + 2]!;
      const ex = p.pos[3 * b]! - p.pos[3 * a]!, ey = p.pos[3 * b + 1]! - p.pos[3 * a + 1]!, ez = p.pos[3 * b + 2]! - p.pos[3 * a + 2]!;
      const fx = p.pos[3 * c]! - p.pos[3 * a]!, fy = p.pos[3 * c + 1]! - p.pos[3 * a + 1]!, fz = p.pos[3 * c + 2]! - p.pos[3 * a + 2]!;
      const nx = ey * fz - ez * fy, ny = ez * fx - ex * fz, nz = ex * fy - ey * fx;
      addTo(nrm, a - first, nx, ny, nz);
      addTo(nrm, b - first, nx, ny, nz);
      addTo(nrm, c - first, nx, ny, nz);
    }
    const thick = this.anatomy.skinThickness;
    const pos = part.positions;
    const out = part.normals;
    for (let v = 0; v < n; v++) {
      const k = 3 * v;
      const pk = 3 * (first + v);
      const l = Math.sqrt(nrm[k]! * nrm[k]! + nrm[k + 1]! * nrm[k + 1]! + nrm[k + 2]! * nrm[k + 2]!);
      // A particle left in no triangle (all torn away) has no normal: point it up.
      const nx = l > 0 ? nrm[k]! / l : 0, ny = l > 0 ? nrm[k + 1]! / l : 1, nz = l > 0 ? nrm[k + 2]! / l : 0;
      const x = p.pos[pk]!, y = p.pos[pk + 1]!, z = p.pos[pk + 2]!;
      pos[k] = x; pos[k + 1] = y; pos[k + 2] = z;
      out[k] = nx; out[k + 1] = ny; out[k + 2] = nz;
      const kb = 3 * (cap + v);
      pos[kb] = x - nx * thick; pos[kb + 1] = y - ny * thick; pos[kb + 2] = z - nz * thick;
      out[kb] = -nx; out[kb + 1] = -ny; out[kb + 2] = -nz;
    }
    part.vertexCount = cap + n;
    if (this.renderedTopology !== s.topologyVersion) this.writeSkinIndices();
    const tp = this.threadPart.positions;
    for (let k = 0; k < tp.length; k++) tp[k] = p.pos[3 * this.thread.first + k]!;
    this.needle.syncRender();
  }

  private writeSkinIndices(): void {
    const s = this.sheet;
    const p = this.particles;
    const part = this.skinPart;
    const first = this.sheetFirst;
    const cap = p.capacity - first;
    const idx = part.indices;
    let k = 0;
    for (let t = 0; t < s.triCount; t++) {
      if (s.alive[t] === 0) continue;
      const a = s.tri[3 * t]! - first, b = s.tri[3 * t + 1]! - first, c = s.tri[3 * t + 2]! - first;
      idx[k++] = a; idx[k++] = b; idx[k++] = c;
      idx[k++] = cap + a; idx[k++] = cap + c; idx[k++] = cap + b;
      for (let e = 0; e < 3; e++) {
        if (s.nbr[3 * t + e] !== -1) continue;
        const u = s.tri[3 * t + e]! - first, v = s.tri[3 * t + ((e + 1) % 3)]! - first;
        // The wall along an open edge: the cut face of the dermis.
        idx[k++] = u; idx[k++] = cap + u; idx[k++] = cap + v;
        idx[k++] = u; idx[k++] = cap + v; idx[k++] = v;
      }
    }
    part.indexCount = k;
    const shade = part.shade!;
    const lesion = structureTag('lesion');
    for (let v = 0; v < p.count - first; v++) shade[v] = shade[cap + v] = p.tag[first + v] === lesion ? 1 : 0;
    part.topologyVersion = s.topologyVersion;
    this.renderedTopology = s.topologyVersion;
  }
}

function addTo(v: Float64Array, i: number, x: number, y: number, z: number): void {
  v[3 * i] = v[3 * i]! + x;
  v[3 * i + 1] = v[3 * i + 1]! + y;
  v[3 * i + 2] = v[3 * i + 2]! + z;
}
