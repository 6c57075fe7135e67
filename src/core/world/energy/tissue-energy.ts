import type { StateBook, StatefulPart } from '../tissue/state-book.ts';
import { CharMarks } from './char-marks.ts';
import { GraspCues } from './grasp-cues.ts';
import { type EnergySettings, energySettings } from './settings.ts';
import { Smoke } from './smoke.ts';
import { ThermalDose } from './thermal-dose.ts';

/**
 * What energy and grasps leave on a scene's tissue (docs/tissue.md, "Energy"): smoke, char marks, each
 * structure's thermal dose, and the grasp cues. Pure state the scene writes each tick and the views read;
 * it registers in the scene's state book, so it is saved, restored and hashed with the scene.
 */
export class TissueEnergy implements StatefulPart {
  readonly settings: EnergySettings;
  readonly smoke: Smoke;
  readonly char: CharMarks;
  readonly heat: ThermalDose;
  readonly cues: GraspCues;

  constructor(overrides: Partial<EnergySettings> = {}) {
    const s = (this.settings = energySettings(overrides));
    this.smoke = new Smoke(s.smokeRisePerSec, s.smokeClearSec);
    this.char = new CharMarks(s.charStartMm / 1000, s.charGrowthMmPerSec / 1000, s.charMaxMm / 1000);
    this.heat = new ThermalDose(s.heatSpreadMm / 1000);
    this.cues = new GraspCues(s.blanchStartN, s.blanchFullN);
  }

  /** A suction's way in: takes `amount` of smoke density (0 … 1) away now. */
  clearSmoke(amount: number): void {
    this.smoke.clear(amount);
  }

  register(book: StateBook): void {
    book.part(this.smoke).part(this.char).part(this.heat).part(this.cues);
  }
}
