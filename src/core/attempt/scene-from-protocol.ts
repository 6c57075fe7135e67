import type { Protocol, Variant } from '../procedure/index.ts';
import type { FluidRates } from '../world/fluids/fluids.ts';
import type { SceneSpec } from '../world/scenes/index.ts';
import { ENERGY_SETTING_KEYS, type EnergySettings } from '../world/energy/settings.ts';

type Settings = Readonly<Record<string, unknown>>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Translates the scene settings a protocol file gives its patient variants (in the clinician's units:
 * millimetres, degrees, counts) into the scene generator's variant. Settings a scene does not know are
 * ignored here; `scrub check` is where protocol files are validated.
 */
export function sceneFromProtocol(protocol: Protocol, variant: Variant | undefined): SceneSpec {
  const settings: Settings = { ...(protocol.variants[0]?.scene ?? {}), ...(variant?.scene ?? {}) };
  switch (protocol.scene) {
    case 'hepatobiliary': {
      const ductMm = num(settings.cysticDuctLengthMm);
      const fatMm = num(settings.fatThicknessMm);
      return {
        name: 'hepatobiliary',
        variant: {
          arteryPosition: settings.cysticArteryPosition === 'posterior' ? 'posterior' : 'anterior',
          doubleCysticArtery: num(settings.cysticArteries) === 2,
          // Thresholds between the protocol's typical and variant figures (25 vs 10 mm; 4 vs 9 mm).
          shortCysticDuct: ductMm !== undefined && ductMm < 15,
          moreFat: fatMm !== undefined && fatMm > 6,
          ...(settings.adhesions === 'dense' ? { denseAdhesions: true } : {}),
        },
        fluids: hepatobiliaryFluids(settings),
        energy: energyFromSettings(settings),
      };
    }
    case 'skin-pad': {
      const fatMm = num(settings.fatThicknessMm);
      const tensionDeg = num(settings.tensionLinesDeg);
      return {
        name: 'skin-pad',
        variant: {
          // The wound to close, or the lesion to excise: which one follows from what the protocol names.
          kind: protocol.structures.includes('lesion') ? 'lesion' : protocol.structures.includes('wound') ? 'laceration' : 'intact',
          ...(fatMm !== undefined ? { fatThickness: fatMm / 1000 } : {}),
          ...(tensionDeg !== undefined ? { tensionAngle: (tensionDeg * Math.PI) / 180 } : {}),
        },
      };
    }
    case 'pegboard':
      return { name: 'pegboard' };
  }
}

/** The bleeding, suction and bile settings of a hepatobiliary protocol (docs/fluids.md); those left out keep the defaults. */
function hepatobiliaryFluids(settings: Settings): Partial<FluidRates> {
  const cystic = num(settings.cysticArteryBleedMlPerSec);
  const hepatic = num(settings.hepaticArteryBleedMlPerSec);
  const suction = num(settings.suctionMlPerSec);
  const bile = num(settings.bileSpillMl);
  const hold = num(settings.pressureHoldSec);
  return {
    bleedMlPerSec: {
      ...(cystic !== undefined ? { 'cystic-artery': cystic, 'cystic-artery-2': cystic } : {}),
      ...(hepatic !== undefined ? { 'right-hepatic-artery': hepatic } : {}),
    },
    ...(suction !== undefined ? { suctionMlPerSec: suction } : {}),
    ...(bile !== undefined ? { bileSpillMl: bile } : {}),
    ...(hold !== undefined ? { pressureHoldSec: hold } : {}),
  };
}

/** The energy figures a protocol's scene settings give (named as in `EnergySettings`, in its units). */
function energyFromSettings(settings: Settings): Partial<EnergySettings> {
  const energy: Partial<EnergySettings> = {};
  for (const key of ENERGY_SETTING_KEYS) {
    const v = num(settings[key]);
    if (v !== undefined) energy[key] = v;
  }
  return energy;
}
