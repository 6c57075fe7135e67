import type { InstrumentState } from '../instruments/instrument-state.ts';
import { TipColliders } from '../tissue/colliders.ts';
import { GraspPins } from '../tissue/grasp.ts';
import type { Particles } from '../tissue/particles.ts';
import type { StateBook } from '../tissue/state-book.ts';
import { jawOpened } from './tools.ts';
import type { ContactEvent } from './types.ts';

const TIP_RADIUS = 0.0025;

/**
 * The instrument tips of a particle scene: spheres that push the tissue out of their way, and jaws that
 * pin the particles they grasp. Both are constraints of the scene's solver.
 */
export class TissueTips {
  readonly colliders = new TipColliders();
  readonly grasp = new GraspPins();

  constructor(private readonly substeps: number) {}

  /** Sweeps hand h's tip from its previous to its current position this tick; it pushes only if `pushes`. */
  follow(h: number, before: InstrumentState, now: InstrumentState, pushes: boolean): void {
    this.colliders.set(h, before.tip, now.tip, TIP_RADIUS, pushes);
    this.grasp.setTip(h, before.tip, now.tip);
  }

  /** Jaws that open, or an instrument that cannot grip, let go: the particle that was held, else -1. */
  letGo(p: Particles, h: number, grips: boolean, now: InstrumentState, before: InstrumentState): number {
    if (!this.grasp.isHolding(h) || (grips && !jawOpened(before.jaw, now.jaw))) return -1;
    const held = this.grasp.held(h);
    this.grasp.release(p, h);
    return held;
  }

  /** The particle hand h holds, else the one its tip pushed hardest, else -1; writes the grasp and force to c. */
  touched(c: ContactEvent, h: number): number {
    if (this.grasp.isHolding(h)) {
      c.grasping = true;
      c.force = this.grasp.force(h, this.substeps);
      return this.grasp.held(h);
    }
    const i = this.colliders.hardest[h]!;
    if (i >= 0) c.force = this.colliders.force[h]! / this.substeps;
    return i;
  }

  register(book: StateBook): void {
    book.array('grasp.particles', this.grasp.particles).array('grasp.offsets', this.grasp.offsets).array('grasp.counts', this.grasp.counts);
  }
}
