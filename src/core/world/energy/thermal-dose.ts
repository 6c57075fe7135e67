import { STRUCTURE_IDS, type StructureId, structureOf } from '../anatomy/structures.ts';
import type { StateBook, StatefulPart } from '../tissue/state-book.ts';

/**
 * A structure's dose is reported (a `heat` event, then action) each time it passes another multiple of this
 * (contact-equivalent s): a protocol's threshold is judged within this step, as blood loss is in its 5 ml steps.
 */
export const HEAT_REPORT_STEP = 0.1;

/**
 * The heat each structure has received from active energy tips: per structure tag, the thermal dose in
 * contact-equivalent seconds: a second with the tip on the structure adds 1, and a second at distance d adds
 * exp(−d² / 2σ²), σ the lateral spread. A first-order stand-in for the tissue's temperature history; the
 * spread is a protocol setting (docs/tissue.md, "Energy").
 */
export class ThermalDose implements StatefulPart {
  readonly dose = new Float64Array(STRUCTURE_IDS.length);
  private readonly inv2Sigma2: number;
  /** Beyond 4σ (a share under 0.0004) no heat counts: far structures stay at exactly 0. */
  private readonly reach: number;

  constructor(spreadM: number) {
    this.inv2Sigma2 = 1 / (2 * spreadM * spreadM);
    this.reach = 4 * spreadM;
  }

  /** The share of the tip's heat that reaches tissue `distance` m from it (1 at the tip). */
  falloff(distance: number): number {
    if (!(distance <= this.reach)) return 0;
    const d = Math.max(0, distance);
    return Math.exp(-d * d * this.inv2Sigma2);
  }

  /**
   * `dt` seconds of an active tip, with each structure's distance from it by tag (Infinity: absent).
   * `passed(tag, dose)` is called for each structure whose dose passed another `HEAT_REPORT_STEP`.
   */
  deposit(dt: number, distances: ArrayLike<number>, passed?: (tag: number, dose: number) => void): void {
    for (let t = 0; t < this.dose.length; t++) {
      const f = this.falloff(distances[t]!);
      if (f <= 0) continue;
      const before = this.dose[t]!;
      const after = before + dt * f;
      this.dose[t] = after;
      if (passed && Math.floor(after / HEAT_REPORT_STEP) > Math.floor(before / HEAT_REPORT_STEP)) passed(t, after);
    }
  }

  /** The structures that received any dose, by id (contact-equivalent seconds). */
  received(): Partial<Record<StructureId, number>> {
    const out: Partial<Record<StructureId, number>> = {};
    for (let t = 0; t < this.dose.length; t++) if (this.dose[t]! > 0) out[structureOf(t)] = this.dose[t]!;
    return out;
  }

  register(book: StateBook): void {
    book.array('heat.dose', this.dose);
  }
}
