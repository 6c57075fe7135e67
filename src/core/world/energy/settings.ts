/**
 * The figures of energy and grasp cues, in the clinician's units. A protocol sets them in its scene settings
 * (docs/protocols.md); none has one published value, so the defaults are scrub-defaults.
 */
export interface EnergySettings {
  /** Smoke density (0 none … 1 the view lost) rises towards 1 at this rate while energy burns tissue (per s). */
  smokeRisePerSec: number;
  /** Smoke clears exponentially with this time constant (s): the pneumoperitoneum's leak, before any suction. */
  smokeClearSec: number;
  /** Width (σ, mm) of the Gaussian by which the heat an active tip deposits falls off with distance. */
  heatSpreadMm: number;
  /** Thermal dose (contact-equivalent seconds) at which a structure counts as heat-injured in the report. */
  thermalInjuryDose: number;
  /** A char mark starts this wide (mm) and grows by `charGrowthMmPerSec` while the tip stays on it, up to `charMaxMm`. */
  charStartMm: number;
  charGrowthMmPerSec: number;
  charMaxMm: number;
  /** Grasp force (N) where tissue starts to blanch, and where it is fully blanched. */
  blanchStartN: number;
  blanchFullN: number;
}

export const ENERGY_DEFAULTS: Readonly<EnergySettings> = {
  smokeRisePerSec: 1.5,
  smokeClearSec: 3,
  heatSpreadMm: 2,
  thermalInjuryDose: 0.5,
  charStartMm: 0.8,
  charGrowthMmPerSec: 1.5,
  charMaxMm: 3,
  blanchStartN: 0.5,
  blanchFullN: 3,
};

export const ENERGY_SETTING_KEYS = Object.keys(ENERGY_DEFAULTS) as (keyof EnergySettings)[];

/** The defaults with `overrides` on top; a value that is not a positive finite number is an error. */
export function energySettings(overrides: Partial<EnergySettings> = {}): EnergySettings {
  const s = { ...ENERGY_DEFAULTS, ...overrides };
  for (const key of ENERGY_SETTING_KEYS) {
    if (!(Number.isFinite(s[key]) && s[key] > 0)) throw new Error(`energy setting ${key} must be a positive number, not ${s[key]}`);
  }
  if (s.blanchFullN <= s.blanchStartN) throw new Error('energy setting blanchFullN must exceed blanchStartN');
  return s;
}
