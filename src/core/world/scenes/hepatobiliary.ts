import type { Body } from 'cannon-es';
import { generateHepatobiliary, hepatobiliaryVariant, type HepatobiliaryAnatomy, type HepatobiliaryVariant } from '../anatomy/hepatobiliary.ts';
import { MeshBuilder, addBox, addLatLong, computeNormals, type Mesh } from '../anatomy/mesh.ts';
import { staticPart, type RenderPart } from '../anatomy/render-part.ts';
import { STRUCTURE_IDS, structureOf, structureTag, type StructureId } from '../anatomy/structures.ts';
import { instrumentSpec } from '../instruments/catalog.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import { type CrossedTube, frameAxis, jawCrossing } from '../instruments/jaws.ts';
import { Button, HANDS, type Hand, type Point } from '../../kernel/input.ts';
import { FIXED_DT } from '../../kernel/clock.ts';
import { type FluidEmit, type FluidRates, type FluidTool, Fluids } from '../fluids/fluids.ts';
import { tearFraction } from '../energy/grasp-cues.ts';
import type { EnergySettings } from '../energy/settings.ts';
import { TissueEnergy } from '../energy/tissue-energy.ts';
import { AreaConstraints } from '../tissue/area.ts';
import { AttachmentConstraints } from '../tissue/attachment.ts';
import { Clips } from '../tissue/clips.ts';
import { EllipsoidColliders } from '../tissue/colliders.ts';
import { DistanceConstraints } from '../tissue/distance.ts';
import { Particles } from '../tissue/particles.ts';
import { Rods, type RodHit } from '../tissue/rods.ts';
import { XpbdSolver } from '../tissue/solver.ts';
import { PER_HAND } from '../tissue/grasp.ts';
import { StateBook } from '../tissue/state-book.ts';
import { surfaceConstraints } from '../tissue/surface.ts';
import { VolumeConstraint } from '../tissue/volume.ts';
import { BaseScene } from './base-scene.ts';
import { distance3 } from './pose.ts';
import { TissueTips } from './tissue-tips.ts';
import { TubeRender } from './tube-render.ts';
import { LiverGive, type LiverFollower } from './liver-give.ts';
import { JAW_CLOSED, jawClosed, jawSqueeze, toolKind } from './tools.ts';
import { HAND_INDEX, clearContact, newContact, touchAt, type ContactEvent, type SceneInstruments } from './types.ts';

export interface HepatobiliaryOptions {
  seed: number;
  variant?: Partial<HepatobiliaryVariant>;
  /** Bleeding, suction and bile rates (the protocol's scene settings); left out: DEFAULT_FLUID_RATES. */
  fluids?: Partial<FluidRates>;
  /** Smoke, heat spread, char and grasp cue figures (the protocol's scene settings); the rest are defaults. */
  energy?: Partial<EnergySettings>;
}

const SUBSTEPS = 4;
const GALLBLADDER_MASS = 0.04;
const ROD_PARTICLE_MASS = 5e-5;
/** A bed attachment pulled further than this from the liver tears off (m). */
const BED_TEAR = 0.006;
/**
 * The gallbladder wall perforates where an edge is stretched beyond this ratio (a grasp pulled far too hard). At 4
 * the expert's firm retraction of the infundibulum tore the edge beside its grasp (3.7×) and spilled bile on a clean
 * run; a retraction a surgeon calls safe must not perforate, so the wall holds to 6×.
 */
const WALL_TEAR = 6;
const REACH = 0.0025;
const FAT_LAT = 5;
const FAT_LON = 8;
/**
 * A fat piece held in the grasper's jaws stretches towards them and tears away (peels off the triangle) once
 * pulled this far from where it was taken (m); released sooner, it springs back. An adherent piece (dense
 * inflammation) stretches and never comes away.
 */
const FAT_PEEL_TEAR = 0.004;
const CLIP_VERTS = 24;
/**
 * A grasper's bite on the gallbladder draws the wall it holds to within this share of its distance from the jaw
 * line (a pinch); the wall beside it stretches toward the bite, well short of tearing (WALL_TEAR).
 */
const BITE_PINCH = 0.35;

/**
 * The cholecystectomy scene: a hollow gallbladder (closed XPBD surface with a volume constraint) tied
 * to its liver bed and held at the fundus by an assistant, the ducts and arteries as cuttable rods
 * joined where they meet, removable fat over the hepatocystic triangle, and clips that ride on the
 * structure they were applied to. The liver is static (an ellipsoid the soft parts stay outside of); its drawn
 * surface near the bed gives with the grasps' pull (LiverGive).
 */
export class HepatobiliaryScene extends BaseScene {
  readonly name = 'hepatobiliary' as const;
  readonly anatomy: HepatobiliaryAnatomy;
  readonly particles: Particles;
  readonly solver: XpbdSolver;
  readonly gallbladderCount: number;
  readonly volume: VolumeConstraint;
  /** Edges of the gallbladder wall (a dead one is a perforation). */
  readonly wall: DistanceConstraints;
  readonly rods = new Rods(256);
  /** Rod index of each anatomy tube (same order as anatomy.tubes). */
  readonly tubeRods: number[] = [];
  readonly links = new DistanceConstraints(16);
  /** Gallbladder to liver bed; `bedU` is where along the gallbladder (0 fundus … 1 neck) each sits. */
  readonly bed: AttachmentConstraints;
  readonly bedU: Float64Array;
  readonly fundusHold: AttachmentConstraints;
  /** The liver's give under retraction, drawn: the liver near the bed follows the grasps' pull. */
  readonly liverGive: LiverGive;
  readonly tips = new TissueTips(SUBSTEPS);
  readonly clips = new Clips();
  /** Blood and bile: bleeding points, pools, the blood lost (fluids/fluids.ts). */
  readonly fluids: Fluids;
  /** Per fat piece: 1 while it still covers the triangle. */
  readonly fatAlive: Uint8Array;
  /** Per fat piece: 1 + the hand whose jaws hold it (peeling), 0 when none does. */
  readonly fatHeld: Uint8Array;
  /** Per fat piece held: where it was taken, less its anchor's displacement then (m, xyz): it rides on the anchor. */
  readonly fatGrip: Float64Array;
  /** Per fat piece held: how far the jaws have pulled it from there this tick (m, xyz; 0 when not held). */
  readonly fatPulled: Float64Array;
  readonly bodies: readonly Body[] = [];
  readonly renderParts: RenderPart[];
  /** Per hand: structure tag the active hook burnt last tick, or -1 (events fire when it changes). */
  readonly burning = new Int32Array(2).fill(-1);
  /** Smoke, char marks, thermal doses and grasp cues (docs/tissue.md, "Energy"). */
  override readonly energy: TissueEnergy;
  /** Scratch: each structure's distance from an active tip, by tag (m). */
  private readonly heatDistance = new Float64Array(STRUCTURE_IDS.length);
  /** Scratch: particles near a bite (tearFraction). */
  private readonly near: Uint8Array;
  /** Scratch: what an active hook touches this tick. */
  private readonly burnContact = newContact('right');
  private readonly fatAnchor: Int32Array;
  private readonly fatMesh: Mesh;
  private readonly fatPart: RenderPart;
  private readonly gbPart: RenderPart;
  private readonly liverParts: { part: RenderPart; follower: LiverFollower }[];
  private readonly clipPart: RenderPart;
  private readonly clipMesh: Mesh;
  private readonly tubes: TubeRender[] = [];
  protected readonly book: StateBook;
  private readonly hit: RodHit = { rod: 0, segment: 0, t: 0, distance: 0 };
  private readonly point = new Float64Array(3);
  private readonly axis = [0, 0, 0];
  private readonly fluidTools: FluidTool[] = ['none', 'none'];
  private readonly fluidTips: ArrayLike<number>[] = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  private readonly fluidEmit: FluidEmit = (type, h, tag, at, o, value) =>
    this.emit(type, h < 0 ? null : HANDS[h]!, tag < 0 ? null : structureOf(tag), at, o, Number.NaN, value);
  private renderedFat = -1;
  /** A structure's thermal dose passed another report step: a `heat` event at the hook's tip. */
  private readonly heatPassed = (tag: number, dose: number): void => this.emit('heat', this.heatHand, structureOf(tag), this.point, 0, Number.NaN, dose);
  /** The hand whose hook heats the tissue (heatTissue). */
  private heatHand: Hand = 'right';

  constructor(options: HepatobiliaryOptions) {
    super();
    const a = generateHepatobiliary(hepatobiliaryVariant(options.seed, options.variant), options.seed);
    this.anatomy = a;
    this.fluids = new Fluids(options.fluids);
    this.energy = new TissueEnergy(options.energy);
    const gb = a.gallbladder;
    const gbCount = gb.positions.length / 3;
    this.gallbladderCount = gbCount;
    let rodParticles = 0;
    for (const t of a.tubes) rodParticles += t.particles;
    const p = (this.particles = new Particles(gbCount + rodParticles));
    this.near = new Uint8Array(p.capacity);
    const gbTag = structureTag('gallbladder');
    for (let i = 0; i < gbCount; i++) p.add(gb.positions[3 * i]!, gb.positions[3 * i + 1]!, gb.positions[3 * i + 2]!, gbCount / GALLBLADDER_MASS, gbTag);
    const tris = Int32Array.from(gb.triangles);
    const wall = surfaceConstraints(p, tris, 1e-5, 2e-3);
    wall.stretch.tearRatio = WALL_TEAR;
    this.wall = wall.stretch;
    const area = new AreaConstraints(tris.length / 3, 1e-5);
    for (let t = 0; t < tris.length; t += 3) area.add(tris[t]!, tris[t + 1]!, tris[t + 2]!, triangleArea(p.rest, tris[t]!, tris[t + 1]!, tris[t + 2]!));
    this.volume = new VolumeConstraint(p, tris, 1e-9);

    // Bed: the wall facing the liver, between the fundus and the neck. Fundus: held by the assistant.
    const ax = sub3(gb.neck, gb.fundus);
    const len = Math.hypot(ax[0], ax[1], ax[2]);
    this.bed = new AttachmentConstraints(gbCount);
    this.bedU = new Float64Array(gbCount);
    this.fundusHold = new AttachmentConstraints(gbCount);
    for (let i = 0; i < gbCount; i++) {
      const r = [p.rest[3 * i]! - gb.fundus[0], p.rest[3 * i + 1]! - gb.fundus[1], p.rest[3 * i + 2]! - gb.fundus[2]] as const;
      const u = (r[0] * ax[0] + r[1] * ax[1] + r[2] * ax[2]) / (len * len);
      const radialY = r[1] - u * ax[1];
      if (u < 0.12) this.fundusHold.add(i, p.rest[3 * i]!, p.rest[3 * i + 1]!, p.rest[3 * i + 2]!, 1e-6);
      else if (u < 0.97 && radialY < -0.004) {
        this.bedU[this.bed.count] = u;
        this.bed.add(i, p.rest[3 * i]!, p.rest[3 * i + 1]!, p.rest[3 * i + 2]!, 2e-4);
      }
    }

    for (const t of a.tubes) {
      this.tubeRods.push(
        this.rods.add(p, {
          tag: structureTag(t.structureId),
          centreline: t.centreline,
          particles: t.particles,
          radius: t.radius,
          invMass: 1 / ROD_PARTICLE_MASS,
          stretchCompliance: 1e-6,
          bendCompliance: 1e-3,
          fixStart: t.fixStart,
          fixEnd: t.fixEnd,
        }),
      );
    }
    this.joinStructures(a);
    // Connective tissue holds the ducts and vessels loosely in place: soft springs to where they lie.
    const support = new AttachmentConstraints(p.count);
    for (let i = gbCount; i < p.count; i++) support.add(i, p.rest[3 * i]!, p.rest[3 * i + 1]!, p.rest[3 * i + 2]!, 1);

    this.liverGive = new LiverGive(this.bed, a.liver.centre, a.liver.radii);
    const liver = new EllipsoidColliders();
    liver.add(a.liver.centre, a.liver.radii);
    liver.end = p.count;
    this.tips.colliders.end = p.count;
    this.solver = new XpbdSolver(p, { substeps: SUBSTEPS, gravity: 9.81, damping: 6 });
    this.solver.constraints.push(
      wall.stretch,
      wall.bend,
      area,
      this.volume,
      this.rods.stretch,
      this.rods.bend,
      this.links,
      support,
      this.bed,
      this.fundusHold,
      liver,
      this.tips.colliders,
      this.tips.grasp,
    );

    // Fat pieces ride on the nearest duct or artery particle.
    this.fatAlive = new Uint8Array(a.fat.length).fill(1);
    this.fatAnchor = new Int32Array(a.fat.length);
    this.fatHeld = new Uint8Array(a.fat.length);
    this.fatGrip = new Float64Array(3 * a.fat.length);
    this.fatPulled = new Float64Array(3 * a.fat.length);
    const fm = new MeshBuilder();
    a.fat.forEach((piece, k) => {
      this.fatAnchor[k] = this.nearestRodParticle(piece.centre);
      addLatLong(fm, FAT_LAT, FAT_LON, (u, v) => {
        const th = Math.PI * u,
          ph = -2 * Math.PI * v;
        return [
          piece.centre[0] - piece.radii[0] * Math.cos(th),
          piece.centre[1] + piece.radii[1] * Math.sin(th) * Math.cos(ph),
          piece.centre[2] + piece.radii[2] * Math.sin(th) * Math.sin(ph),
        ];
      });
    });
    this.fatMesh = fm.build();
    this.fatPart = {
      ...staticPart('peritoneum', 'peritoneum', 'peritoneum', this.fatMesh),
      dynamic: true,
      positions: new Float32Array(this.fatMesh.positions),
      indices: new Uint32Array(this.fatMesh.indices.length),
    };
    this.gbPart = {
      ...staticPart('gallbladder', 'gallbladder', 'gallbladder', {
        positions: new Float32Array(gbCount * 3),
        normals: new Float32Array(gbCount * 3),
        indices: gb.triangles,
      }),
      dynamic: true,
    };
    const clipBox = new MeshBuilder();
    addBox(clipBox, [0, 0, 0], [1, 1, 1]);
    this.clipMesh = clipBox.build();
    const clipIndices = new Uint32Array(16 * this.clipMesh.indices.length);
    for (let c = 0; c < 16; c++)
      for (let i = 0; i < this.clipMesh.indices.length; i++) clipIndices[c * this.clipMesh.indices.length + i] = this.clipMesh.indices[i]! + c * CLIP_VERTS;
    this.clipPart = {
      ...staticPart('clips', 'clip', 'metal', {
        positions: new Float32Array(16 * CLIP_VERTS * 3),
        normals: new Float32Array(16 * CLIP_VERTS * 3),
        indices: clipIndices,
      }),
      dynamic: true,
      indexCount: 0,
      vertexCount: 0,
    };
    const tubeMaterial = (id: StructureId): 'duct' | 'artery' => (id.includes('artery') ? 'artery' : 'duct');
    a.tubes.forEach((t, k) => {
      this.tubes.push(
        new TubeRender(this.rods, this.tubeRods[k]!, { name: `${t.structureId}-${k}`, structureId: t.structureId, material: tubeMaterial(t.structureId) }),
      );
    });
    this.liverParts = [staticPart('liver', 'liver', 'liver', a.liver.mesh), staticPart('cystic-plate', 'cystic-plate', 'liver', a.cysticPlate)].map((rest) => ({
      part: { ...rest, dynamic: true, graspable: false, positions: new Float32Array(rest.positions), normals: new Float32Array(rest.normals) },
      follower: this.liverGive.follow(rest.positions, rest.indices),
    }));
    this.renderParts = [...this.liverParts.map((l) => l.part), this.gbPart, ...this.tubes.map((t) => t.part), this.fatPart, this.clipPart];

    this.book = new StateBook('hepatobiliary')
      .particles('p', p)
      .array('rods.stretch', this.rods.stretch.alive, () => this.rods.stretch.count)
      .array('rods.bend', this.rods.bend.alive, () => this.rods.bend.count)
      .array('bed', this.bed.alive, () => this.bed.count)
      .array('wall', this.wall.alive, () => this.wall.count)
      .array('fat', this.fatAlive)
      .array('fat.held', this.fatHeld)
      .array('fat.grip', this.fatGrip)
      .array('fat.pulled', this.fatPulled)
      .scalar(
        'clips',
        () => this.clips.count,
        (v) => (this.clips.count = v),
      )
      .array('clip.rod', this.clips.rod)
      .array('clip.segment', this.clips.segment)
      .array('clip.t', this.clips.t)
      .array('clip.complete', this.clips.complete)
      .part(this.tips)
      .array('burning', this.burning)
      .part(this.fluids)
      .part(this.energy);
    this.updateRenderParts();
  }

  /** Rod index of the i-th tube with this structure id (0 for the first), or -1. */
  rodOf(id: StructureId, nth = 0): number {
    let seen = 0;
    for (let k = 0; k < this.anatomy.tubes.length; k++) {
      if (this.anatomy.tubes[k]!.structureId !== id) continue;
      if (seen++ === nth) return this.tubeRods[k]!;
    }
    return -1;
  }

  protected advance(instruments: SceneInstruments): void {
    for (const hand of HANDS) this.prepareHand(hand, instruments.current[hand], instruments.previous[hand]);
    this.solver.step(FIXED_DT);
    this.tearBed();
    this.reportTears();
    this.energy.smoke.decay(FIXED_DT);
    for (const hand of HANDS) this.useInstrument(hand, instruments.current[hand], instruments.previous[hand]);
    this.clips.update(this.particles, this.rods);
    this.stepFluids(instruments);
    for (const hand of HANDS) this.updateGraspCue(HAND_INDEX[hand], instruments.current[hand].jaw);
  }

  /** What each hand does to blood (energy, pressure with closed jaws, suction), then the fluids' tick. */
  private stepFluids(instruments: SceneInstruments): void {
    for (const hand of HANDS) {
      const now = instruments.current[hand];
      const h = HAND_INDEX[hand];
      const kind = toolKind(now.instrument);
      const active = (now.buttons & Button.activate) !== 0;
      this.fluidTools[h] =
        kind === 'hook' && active ? 'energy' : kind === 'suction' && active ? 'suction' : kind === 'grasper' && now.jaw >= JAW_CLOSED ? 'pressure' : 'none';
      this.fluidTips[h] = now.tip;
    }
    this.fluids.step(this.particles.pos, this.fluidTools, this.fluidTips, this.fluidEmit);
  }

  /** A divided vessel bleeds from its patient-side stump unless a complete clip lies on that side of the cut (`cut`: segment + t). */
  private bleedFrom(rod: number, cut: number): void {
    const rate = this.fluids.rateOf(structureOf(this.rods.tag[rod]!));
    if (rate <= 0) return;
    for (let c = 0; c < this.clips.count; c++) {
      if (this.clips.rod[c] === rod && this.clips.complete[c] === 1 && this.clips.segment[c]! + this.clips.t[c]! > cut) return;
    }
    this.fluids.startBleed(this.rods.tag[rod]!, this.rods.first[rod]! + Math.floor(cut) + 1, rate, this.particles.pos, this.fluidEmit);
  }

  /** Blanching from the jaws' squeeze and pull, and tension from how near the held structure is to tearing. */
  private updateGraspCue(h: number, jaw: number): void {
    const grasp = this.tips.grasp;
    if (!grasp.isHolding(h)) return this.energy.cues.set(h, -1, 0, 0, 0);
    const p = this.particles;
    const tag = p.tag[grasp.held(h)]!;
    // The wall perforates, or the bed tears off: whichever is nearer. The ducts and arteries do not tear.
    const wall = tag === structureTag('gallbladder') ? tearFraction(this.wall, p.pos, grasp.particles, h * PER_HAND, grasp.counts[h]!, this.near) : 0;
    const tension = tag === structureTag('gallbladder') ? Math.max(wall, this.bedStretch()) : 0;
    this.energy.cues.set(h, tag, jawSqueeze(jaw), grasp.force(h, SUBSTEPS), tension);
  }

  /** The bed attachment pulled furthest, as a share of the distance at which it tears. */
  private bedStretch(): number {
    let worst = 0;
    for (let c = 0; c < this.bed.count; c++) {
      if (this.bed.alive[c] === 0) continue;
      worst = Math.max(worst, distance3(this.particles.pos, 3 * this.bed.particle[c]!, this.bed.target, 3 * c) / BED_TEAR);
    }
    return worst;
  }

  private prepareHand(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const kind = toolKind(now.instrument);
    this.tips.follow(h, before, now, kind !== 'none');
    if (this.tips.letGo(this.particles, h, kind === 'grasper', now, before) >= 0) this.emit('release', hand, null, now.tip, 0, Number.NaN, 0);
  }

  private useInstrument(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const h = HAND_INDEX[hand];
    const kind = toolKind(now.instrument);
    const p = this.particles;
    const closing = jawClosed(before.jaw, now.jaw);
    this.peelFat(hand, h, kind === 'grasper' && now.jaw >= JAW_CLOSED, now.tip);
    if (kind === 'grasper' && closing) {
      const piece = this.fatAt(now.tip);
      if (piece >= 0) return this.takeFat(piece, h, now.tip);
      if (this.tips.grasp.grab(p, h, now.tip, 0.004, 0, p.count, 4) > 0) {
        const i = this.tips.grasp.held(h);
        if (p.tag[i] === structureTag('gallbladder')) this.tips.grasp.pinch(h, frameAxis(now.orientation, 2, this.axis), BITE_PINCH);
        this.emit('grasp', hand, structureOf(p.tag[i]!), p.pos, 3 * i, p.s[i]! >= 0 ? p.s[i]! : Number.NaN, 0);
      }
    } else if ((kind === 'clip-applier' || kind === 'scissors') && closing) {
      const spec = instrumentSpec(now.instrument);
      const hit = spec ? jawCrossing(this.rodLines(), now.tip, frameAxis(now.orientation, 2, this.axis), spec, 0) : null;
      if (!hit) return;
      const rod = hit.tube;
      const id = structureOf(this.rods.tag[rod]!);
      const s = this.rods.sAt(rod, hit.segment, hit.t);
      if (kind === 'clip-applier') {
        // The clip goes on the vessel the jaws closed on, where they crossed it; complete when it spans its width.
        this.clips.add(rod, hit.segment, hit.t, hit.spans);
        this.emit('clip', hand, id, hit.point, 0, s, hit.spans ? 1 : 0);
        // A complete clip at or beyond a bleeding stump's end (patient side) stops that bleed.
        const at = this.rods.first[rod]! + hit.segment + hit.t;
        if (hit.spans) this.fluids.clipped(this.rods.tag[rod]!, (stump) => at >= stump - 0.5, this.fluidEmit);
      } else if (this.rods.cutAt(rod, hit.segment)) {
        this.emit('divide', hand, id, hit.point, 0, s, 0);
        this.bleedFrom(rod, hit.segment + hit.t);
      }
    } else if (kind === 'hook' && (now.buttons & Button.activate) !== 0) {
      this.burn(hand, h, now);
    } else {
      this.burning[h] = -1;
    }
  }

  /** Monopolar hook: clears fat and frees the bed under it, and reports what else it burns. */
  private burn(hand: Hand, h: 0 | 1, now: InstrumentState): void {
    const tip = now.tip;
    const piece = this.fatAt(tip);
    if (piece >= 0) this.removeFat(piece, hand, tip);
    let freed = 0;
    for (let c = 0; c < this.bed.count; c++) {
      if (this.bed.alive[c] === 0) continue;
      if (distance3(this.particles.pos, 3 * this.bed.particle[c]!, tip, 0) < 0.005) {
        this.bed.alive[c] = 0;
        freed++;
      }
    }
    if (freed > 0) this.emit('detach', hand, 'cystic-plate', tip, 0, Number.NaN, freed);
    // What the tip touches now, after this tick's solve: a restored run, which has no contact of the tick before, burns alike.
    const c = this.burnContact;
    c.hand = hand;
    clearContact(c, now.instrument);
    this.findContact(c, now);
    const touched = c.active ? structureTag(c.structure ?? 'liver') : -1;
    if (touched >= 0 && touched !== this.burning[h]) this.emit('dissect', hand, structureOf(touched), tip, 0, c.s, 1);
    this.burning[h] = touched;
    if (touched >= 0) this.heatTissue(hand, touched, tip);
  }

  /** A tick of the hook burning structure `touched`: smoke, a char mark where it touches, heat around the tip. */
  private heatTissue(hand: Hand, touched: number, tip: ArrayLike<number>): void {
    const e = this.energy;
    this.heatHand = hand;
    const p = this.particles;
    e.smoke.rise(FIXED_DT, tip);
    // Fat burnt away leaves no mark; on the ducts and the gallbladder the mark rides on the nearest particle.
    if (touched !== structureTag('peritoneum')) e.char.burn(FIXED_DT, touched, tip, this.nearestParticleOf(touched, tip), p.pos);
    const d = this.heatDistance;
    d.fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < this.gallbladderCount; i++) {
      const g = Math.sqrt(p.distanceSq(i, tip[0]!, tip[1]!, tip[2]!));
      if (g < d[p.tag[i]!]!) d[p.tag[i]!] = g;
    }
    this.point[0] = tip[0]!;
    this.point[1] = tip[1]!;
    this.point[2] = tip[2]!;
    for (let r = 0; r < this.rods.count; r++) {
      const t = this.rods.tag[r]!;
      d[t] = Math.min(d[t]!, this.rods.nearest(p, r, this.point, this.hit).distance);
    }
    const liver = this.liverDistance(tip);
    d[structureTag(this.onBed(tip) ? 'cystic-plate' : 'liver')] = liver;
    d[touched] = 0;
    e.heat.deposit(FIXED_DT, d, this.heatPassed);
  }

  /** The particle of structure `tag` nearest to `at` within 3 mm, or −1 (static tissue: the liver). */
  private nearestParticleOf(tag: number, at: ArrayLike<number>): number {
    const p = this.particles;
    let best = 0.003 * 0.003;
    let found = -1;
    for (let i = 0; i < p.count; i++) {
      if (p.tag[i] !== tag) continue;
      const d2 = p.distanceSq(i, at[0]!, at[1]!, at[2]!);
      if (d2 < best) {
        best = d2;
        found = i;
      }
    }
    return found;
  }

  /** The grasper's jaws close on a fat piece: it is held where they took it (peelFat stretches and tears it). */
  private takeFat(piece: number, h: number, tip: ArrayLike<number>): void {
    this.fatHeld[piece] = h + 1;
    const i = 3 * this.fatAnchor[piece]!;
    const p = this.particles;
    for (let k = 0; k < 3; k++) this.fatGrip[3 * piece + k] = tip[k]! - (p.pos[i + k]! - p.rest[i + k]!);
  }

  /**
   * The pieces hand `h` holds: let go when its jaws are no longer closed (`holding` false); torn away once the
   * jaws have pulled them `FAT_PEEL_TEAR` from where they took them.
   */
  private peelFat(hand: Hand, h: number, holding: boolean, tip: ArrayLike<number>): void {
    const p = this.particles;
    for (let k = 0; k < this.fatHeld.length; k++) {
      if (this.fatHeld[k] !== h + 1) continue;
      const pulled = this.fatPulled.subarray(3 * k, 3 * k + 3);
      pulled.fill(0);
      if (!holding || this.fatAlive[k] === 0) {
        this.fatHeld[k] = 0;
        continue;
      }
      const i = 3 * this.fatAnchor[k]!;
      for (let c = 0; c < 3; c++) pulled[c] = tip[c]! - this.fatGrip[3 * k + c]! - (p.pos[i + c]! - p.rest[i + c]!);
      if (Math.hypot(pulled[0]!, pulled[1]!, pulled[2]!) < FAT_PEEL_TEAR || this.anatomy.fat[k]!.adherent === true) continue;
      this.fatHeld[k] = 0;
      pulled.fill(0);
      this.removeFat(k, hand, tip);
    }
  }

  private removeFat(piece: number, hand: Hand, at: ArrayLike<number>): void {
    if (this.anatomy.fat[piece]!.adherent === true) return;
    this.fatAlive[piece] = 0;
    this.emit('dissect', hand, 'peritoneum', at, 0, Number.NaN, piece);
  }

  /** Perforations of the gallbladder wall (bile spill). */
  private reportTears(): void {
    const p = this.particles;
    for (let k = 0; k < this.wall.tornCount; k++) {
      const i = this.wall.a[this.wall.torn[k]!]!;
      this.emit('tear', null, 'gallbladder', p.pos, 3 * i, Number.NaN, 1);
      this.fluids.spillBile(p.pos, 3 * i);
    }
    this.wall.tornCount = 0;
  }

  private tearBed(): void {
    let torn = 0;
    const p = this.particles;
    for (let c = 0; c < this.bed.count; c++) {
      if (this.bed.alive[c] === 0) continue;
      if (distance3(p.pos, 3 * this.bed.particle[c]!, this.bed.target, 3 * c) > BED_TEAR) {
        this.bed.alive[c] = 0;
        torn++;
      }
    }
    if (torn > 0) this.emit('tear', null, 'cystic-plate', p.pos, 0, Number.NaN, torn);
  }

  /** Fraction of the bed attachments in the gallbladder's lower third (neck side) that are free. */
  lowerThirdDetached(): number {
    let all = 0;
    let free = 0;
    for (let c = 0; c < this.bed.count; c++) {
      if (this.bedU[c]! < 2 / 3) continue;
      all++;
      free += 1 - this.bed.alive[c]!;
    }
    return all === 0 ? 1 : free / all;
  }

  /** Fraction of the fat and peritoneum over the hepatocystic triangle that has been cleared. */
  clearedFraction(): number {
    let cleared = 0;
    for (let k = 0; k < this.fatAlive.length; k++) cleared += 1 - this.fatAlive[k]!;
    return cleared / this.fatAlive.length;
  }

  private fatAt(tip: ArrayLike<number>): number {
    const p = this.particles;
    for (let k = 0; k < this.fatAlive.length; k++) {
      if (this.fatAlive[k] === 0) continue;
      const piece = this.anatomy.fat[k]!;
      const i = 3 * this.fatAnchor[k]!;
      const cx = piece.centre[0] + p.pos[i]! - p.rest[i]!;
      const cy = piece.centre[1] + p.pos[i + 1]! - p.rest[i + 1]!;
      const cz = piece.centre[2] + p.pos[i + 2]! - p.rest[i + 2]!;
      if (Math.hypot(tip[0]! - cx, tip[1]! - cy, tip[2]! - cz) < piece.radii[0] + 0.002) return k;
    }
    return -1;
  }

  private nearestRod(tip: ArrayLike<number>): RodHit | null {
    this.point[0] = tip[0]!;
    this.point[1] = tip[1]!;
    this.point[2] = tip[2]!;
    let best = REACH;
    let found = -1;
    let seg = 0;
    let t = 0;
    for (let r = 0; r < this.rods.count; r++) {
      this.rods.nearest(this.particles, r, this.point, this.hit);
      if (this.hit.distance < best) {
        best = this.hit.distance;
        found = r;
        seg = this.hit.segment;
        t = this.hit.t;
      }
    }
    if (found < 0) return null;
    this.hit.rod = found;
    this.hit.segment = seg;
    this.hit.t = t;
    this.hit.distance = best;
    return this.hit;
  }

  /** Each rod's centreline where it lies now (rod order), as the jaws see it. */
  private rodLines(): CrossedTube[] {
    const pos = this.particles.pos;
    const lines: CrossedTube[] = [];
    for (let r = 0; r < this.rods.count; r++) {
      const first = this.rods.first[r]!;
      const centreline = Array.from(
        { length: this.rods.length[r]! },
        (_, i): Point => [pos[3 * (first + i)]!, pos[3 * (first + i) + 1]!, pos[3 * (first + i) + 2]!],
      );
      lines.push({ centreline, radius: this.rods.radius[r]! });
    }
    return lines;
  }

  private rodPoint(hit: RodHit, out: Float64Array): void {
    const a = 3 * (this.rods.first[hit.rod]! + hit.segment);
    for (let k = 0; k < 3; k++) out[k] = this.particles.pos[a + k]! + (this.particles.pos[a + 3 + k]! - this.particles.pos[a + k]!) * hit.t;
  }

  private nearestRodParticle(point: readonly number[]): number {
    let best = Number.POSITIVE_INFINITY;
    let found = this.gallbladderCount;
    for (let i = this.gallbladderCount; i < this.particles.count; i++) {
      const d = Math.hypot(this.particles.rest[3 * i]! - point[0]!, this.particles.rest[3 * i + 1]! - point[1]!, this.particles.rest[3 * i + 2]! - point[2]!);
      if (d < best) {
        best = d;
        found = i;
      }
    }
    return found;
  }

  /** Where structures meet: duct to gallbladder neck, ducts at their junction, arteries to the wall. */
  private joinStructures(a: HepatobiliaryAnatomy): void {
    const p = this.particles;
    const link = (i: number, j: number): void => void this.links.add(i, j, p.restDistance(i, j), 1e-7);
    const neckPole = this.gallbladderCount - 1;
    const first = (id: StructureId, nth = 0): number => this.rods.first[this.rodOf(id, nth)]!;
    const last = (id: StructureId, nth = 0): number => first(id, nth) + this.rods.length[this.rodOf(id, nth)]! - 1;
    link(first('cystic-duct'), neckPole);
    link(last('cystic-duct'), first('common-bile-duct'));
    link(last('common-hepatic-duct'), first('common-bile-duct'));
    const arteries = a.tubes.filter((t) => t.structureId === 'cystic-artery').length;
    for (let n = 0; n < arteries; n++) {
      const start = first('cystic-artery', n);
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let i = 0; i < this.gallbladderCount; i++) {
        const d = p.restDistance(i, start);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      link(start, best);
    }
  }

  protected findContact(c: ContactEvent, now: InstrumentState): void {
    const p = this.particles;
    const i = this.tips.touched(c, HAND_INDEX[c.hand]);
    const hit = this.nearestRod(now.tip);
    if (hit && (i < 0 || p.tag[i] !== structureTag('gallbladder'))) {
      c.s = this.rods.sAt(hit.rod, hit.segment, hit.t);
      this.rodPoint(hit, this.point);
      return touchAt(c, structureOf(this.rods.tag[hit.rod]!), this.point);
    }
    if (i >= 0) {
      c.s = p.s[i]! >= 0 ? p.s[i]! : Number.NaN;
      return touchAt(c, structureOf(p.tag[i]!), p.pos, 3 * i);
    }
    const piece = this.fatAt(now.tip);
    if (piece >= 0) {
      c.part = piece;
      touchAt(c, 'peritoneum', now.tip);
    } else if (this.liverDistance(now.tip) < REACH) {
      touchAt(c, this.onBed(now.tip) ? 'cystic-plate' : 'liver', now.tip);
    }
  }

  /** Approximate distance from a point to the liver's surface (m; negative inside). */
  liverDistance(point: ArrayLike<number>): number {
    const { centre, radii } = this.anatomy.liver;
    const qx = (point[0]! - centre[0]) / radii[0],
      qy = (point[1]! - centre[1]) / radii[1],
      qz = (point[2]! - centre[2]) / radii[2];
    return (Math.sqrt(qx * qx + qy * qy + qz * qz) - 1) * Math.min(radii[0], radii[1], radii[2]);
  }

  /** Whether a point on the liver lies under a freed part of the gallbladder (the exposed cystic plate). */
  private onBed(point: ArrayLike<number>): boolean {
    for (let c = 0; c < this.bed.count; c++) {
      if (this.bed.alive[c] === 0 && distance3(this.bed.target, 3 * c, point, 0) < 0.006) return true;
    }
    return false;
  }

  protected afterRestore(): void {
    this.clips.update(this.particles, this.rods);
    for (const t of this.tubes) t.invalidate();
  }

  updateRenderParts(): void {
    const p = this.particles;
    const gb = this.gbPart;
    for (let k = 0; k < 3 * this.gallbladderCount; k++) gb.positions[k] = p.pos[k]!;
    computeNormals(gb.positions, gb.indices, gb.normals, gb.vertexCount, gb.indexCount);
    this.liverGive.measure(p, this.tips.grasp, this.gallbladderCount);
    // The liver is large: redrawn only when its bed has moved since (mostly it rests).
    for (const { part, follower } of this.liverGive.redraw() ? this.liverParts : []) {
      follower.apply(part.positions, p.pos, this.gallbladderCount);
      follower.normals(part.positions, part.normals);
    }
    for (const t of this.tubes) t.update(p);
    this.updateFat();
    this.updateClips();
  }

  private updateFat(): void {
    const p = this.particles;
    const per = (FAT_LAT - 1) * FAT_LON + 2;
    const src = this.fatMesh.positions;
    const out = this.fatPart.positions;
    let alive = 0;
    for (let k = 0; k < this.fatAlive.length; k++) {
      alive += this.fatAlive[k]! << (k % 30);
      const i = 3 * this.fatAnchor[k]!;
      const dx = p.pos[i]! - p.rest[i]!,
        dy = p.pos[i + 1]! - p.rest[i + 1]!,
        dz = p.pos[i + 2]! - p.rest[i + 2]!;
      // A held piece stretches towards the jaws: the part they took follows them, the far side stays (a hinge).
      const held = this.fatHeld[k] !== 0;
      const reach = 2 * this.anatomy.fat[k]!.radii[0];
      for (let v = k * per; v < (k + 1) * per; v++) {
        const w = held ? this.peelWeight(k, src, v, reach) : 0;
        out[3 * v] = src[3 * v]! + dx + w * this.fatPulled[3 * k]!;
        out[3 * v + 1] = src[3 * v + 1]! + dy + w * this.fatPulled[3 * k + 1]!;
        out[3 * v + 2] = src[3 * v + 2]! + dz + w * this.fatPulled[3 * k + 2]!;
      }
    }
    if (alive === this.renderedFat) return;
    const tri = this.fatMesh.indices.length / this.fatAlive.length;
    let n = 0;
    for (let k = 0; k < this.fatAlive.length; k++) {
      if (this.fatAlive[k] === 0) continue;
      for (let j = 0; j < tri; j++) this.fatPart.indices[n++] = this.fatMesh.indices[k * tri + j]!;
    }
    this.fatPart.indexCount = n;
    this.fatPart.topologyVersion++;
    this.renderedFat = alive;
  }

  /** How much of the jaws' pull vertex `v` of held piece `k` follows: 1 where they took it, 0 from `reach` away (smooth). */
  private peelWeight(k: number, src: ArrayLike<number>, v: number, reach: number): number {
    const g = this.fatGrip;
    const d = Math.hypot(src[3 * v]! - g[3 * k]!, src[3 * v + 1]! - g[3 * k + 1]!, src[3 * v + 2]! - g[3 * k + 2]!);
    const x = Math.max(0, 1 - d / reach);
    return x * x * (3 - 2 * x);
  }

  /** Each clip as a small bar across its vessel: 4.5 mm long, 1 mm square. */
  private updateClips(): void {
    const part = this.clipPart;
    const src = this.clipMesh;
    const cl = this.clips;
    for (let c = 0; c < cl.count; c++) {
      const dx = cl.direction[3 * c]!,
        dy = cl.direction[3 * c + 1]!,
        dz = cl.direction[3 * c + 2]!;
      // across = direction × up, normalised; depth = across × direction.
      let ax = -dz,
        ay = 0,
        az = dx;
      const al = Math.hypot(ax, az) || 1;
      ax /= al;
      az /= al;
      const bx = ay * dz - az * dy,
        by = az * dx - ax * dz,
        bz = ax * dy - ay * dx;
      for (let v = 0; v < CLIP_VERTS; v++) {
        const lx = src.positions[3 * v]! * 0.0005,
          ly = src.positions[3 * v + 1]! * 0.0005,
          lz = src.positions[3 * v + 2]! * 0.00225;
        const o = 3 * (c * CLIP_VERTS + v);
        part.positions[o] = cl.position[3 * c]! + dx * lx + bx * ly + ax * lz;
        part.positions[o + 1] = cl.position[3 * c + 1]! + dy * lx + by * ly + ay * lz;
        part.positions[o + 2] = cl.position[3 * c + 2]! + dz * lx + bz * ly + az * lz;
      }
    }
    part.vertexCount = cl.count * CLIP_VERTS;
    const indexCount = cl.count * src.indices.length;
    if (indexCount !== part.indexCount) {
      part.indexCount = indexCount;
      part.topologyVersion++;
    }
    computeNormals(part.positions, part.indices, part.normals, part.vertexCount, part.indexCount);
  }
}

function sub3(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
}

function triangleArea(x: Float64Array, i: number, j: number, k: number): number {
  const ex = x[3 * j]! - x[3 * i]!,
    ey = x[3 * j + 1]! - x[3 * i + 1]!,
    ez = x[3 * j + 2]! - x[3 * i + 2]!;
  const fx = x[3 * k]! - x[3 * i]!,
    fy = x[3 * k + 1]! - x[3 * i + 1]!,
    fz = x[3 * k + 2]! - x[3 * i + 2]!;
  return 0.5 * Math.hypot(ey * fz - ez * fy, ez * fx - ex * fz, ex * fy - ey * fx);
}
