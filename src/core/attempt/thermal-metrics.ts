import type { ReportMetrics } from '../scoring/index.ts';
import type { TissueEnergy } from '../world/energy/tissue-energy.ts';

/** The report's figures of the heat energy left in the tissue: each structure's dose, and the heat-injured. */
export function thermalMetrics(energy: TissueEnergy): Required<Pick<ReportMetrics, 'thermalDose' | 'heatInjured'>> {
  const thermalDose: Record<string, number> = {};
  const heatInjured: string[] = [];
  for (const [structure, dose] of Object.entries(energy.heat.received())) {
    const rounded = Math.round(dose * 1000) / 1000;
    if (rounded > 0) thermalDose[structure] = rounded;
    if (dose >= energy.settings.thermalInjuryDose) heatInjured.push(structure);
  }
  return { thermalDose, heatInjured };
}
