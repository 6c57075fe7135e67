import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { structureOf, type StructureId } from '../../anatomy/structures.ts';
import { instrumentSpec } from '../../instruments/catalog.ts';
import type { InstrumentState } from '../../instruments/instrument-state.ts';
import type { Hand } from '../../../kernel/input.ts';
import { PER_HAND, type GraspPins } from '../../tissue/grasp.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { Emit } from '../base-scene.ts';
import { distance3, toWorld } from '../pose.ts';
import { BLADE_LENGTH, bladeEnd, jawClosed, jawOpened, toolKind } from '../tools.ts';
import type { Skin } from './skin.ts';
import { Specimen } from './specimen.ts';
import { specimenFloor } from './specimen-pot.ts';

/** A scalpel frees tissue under the skin only laid flat: its edge within 30° of horizontal. */
const FLAT_BLADE = 0.5;

/**
 * The elliptical excision's specimen in the instruments' hands: undermining frees it from the fat;
 * forceps take one side of an incision, or once it is free the whole specimen, and carry it until
 * their jaws open and it falls (into the histology pot, if held over it).
 */
export class Excision {
  readonly specimen: Specimen;
  private readonly end = new Float64Array(3);

  constructor(
    private readonly p: Particles,
    skin: Skin,
    private readonly grasp: GraspPins,
    private readonly anatomy: SkinPadAnatomy,
    private readonly emit: Emit,
  ) {
    this.specimen = new Specimen(skin.sheet, p, skin.lesionParticle(), specimenFloor(anatomy));
  }

  isSpecimen(i: number): boolean {
    return this.specimen.member[i] === 1;
  }

  /** What a particle is part of: the specimen, or its own structure. */
  structureAt(i: number): StructureId {
    return this.isSpecimen(i) ? 'specimen' : structureOf(this.p.tag[i]!);
  }

  /** Hand h carries the specimen while its gripping jaws stay closed; else it lets go (`release`). */
  carry(hand: Hand, h: number, grips: boolean, now: InstrumentState, before: InstrumentState): void {
    if (this.specimen.holder !== h) return;
    if (grips && !jawOpened(before.jaw, now.jaw)) this.specimen.carry(now.tip[0] - before.tip[0], now.tip[1] - before.tip[1], now.tip[2] - before.tip[2]);
    else {
      this.specimen.letGo();
      this.emit('release', hand, 'specimen', now.tip, 0, Number.NaN, 0);
    }
  }

  /**
   * Hand h's jaws close at `tip`: they take up to `max` particles within `radius`, nearest first, and
   * return the nearest they hold (-1: none). Across an incision they hold one side only: the specimen
   * wherever the tip is over it (jaws close on the tissue under them, however far the nearest particle of
   * this coarse sheet lies), else the side of the nearest particle. The freed specimen is taken whole.
   */
  grab(h: number, tip: ArrayLike<number>, radius: number, max: number): number {
    const specimen = this.specimen;
    const across = specimen.separated;
    // Across an incision, look wider: the nearest few may all lie on the other side of the cut.
    if (this.grasp.grab(this.p, h, tip, radius, 0, this.p.count, across ? PER_HAND : max) <= 0) return -1;
    if (across) {
      const side = specimen.covers(tip[0]!, tip[2]!) ? 1 : specimen.member[this.grasp.held(h)]!;
      this.grasp.keepOnly(this.p, h, specimen.member, side, max);
      if (!this.grasp.isHolding(h)) return -1;
    }
    const held = this.grasp.held(h);
    if (this.isSpecimen(held) && specimen.freed) {
      this.grasp.release(this.p, h);
      specimen.take(h);
    }
    return held;
  }

  /**
   * Undermining: scissors snipping (along the blades, tip to hinge), or a scalpel laid flat and moving
   * (along its edge), below the dermis free the specimen above them from the fat. Reported as a `dissect`
   * event naming the layer the tip is in (the fat, or deeper: too deep), its value the particles freed.
   */
  undermine(hand: Hand, now: InstrumentState, before: InstrumentState): void {
    const kind = toolKind(now.instrument);
    const end = this.end;
    if (kind === 'scissors' && jawClosed(before.jaw, now.jaw)) {
      toWorld(now.tip, now.orientation, 0, 0, instrumentSpec(now.instrument)?.jawLength ?? 0.015, end);
    } else if (kind === 'scalpel' && toolKind(before.instrument) === 'scalpel' && distance3(now.tip, 0, before.tip, 0) > 1e-4) {
      bladeEnd(now, end);
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
      if (!this.grasp.isHolding(g) || !this.isSpecimen(this.grasp.held(g))) continue;
      this.grasp.release(this.p, g);
      this.specimen.take(g);
      return;
    }
  }
}
