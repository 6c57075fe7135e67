import { type TubeGeometry, tubeSurfaceDistance } from '../recognisers/geometry.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import type { InstrumentState } from '../world/instruments/instrument-state.ts';
import type { Protocol } from '../procedure/index.ts';
import type { Hand } from '../kernel/input.ts';
import { HANDS } from '../kernel/input.ts';

/** An instrument that can cut, clip or burn came within a danger zone (or left it). */
export interface DangerWarning {
  tick: number;
  hand: Hand;
  instrument: string;
  structure: string;
  /** Closest distance from the tip to the structure's surface, mm. */
  distanceMm: number;
}

interface Zone {
  structure: string;
  withinM: number;
  tubes: readonly TubeGeometry[];
}

/**
 * Decision support: watches each hand's tip against the protocol's danger zones, from the scene's tube
 * geometry. Reports a warning when an active cutting, clipping or energy instrument enters a zone (once per
 * entry, not every tick); what the warning does (HUD, sound, vibration, or only a log line) is the mode's call.
 */
export class DangerWatch {
  private readonly zones: Zone[];
  private readonly inside: Record<Hand, string | null> = { left: null, right: null };

  constructor(protocol: Protocol, tubes: readonly TubeGeometry[]) {
    this.zones = protocol.dangerZones
      .map((z) => ({ structure: z.structure, withinM: z.withinMm / 1000, tubes: tubes.filter((t) => t.structure === z.structure) }))
      .filter((z) => z.tubes.length > 0);
  }

  /** This tick's new warnings (appended to `out`). */
  step(tick: number, hands: Readonly<Record<Hand, InstrumentState>>, out: DangerWarning[]): void {
    if (this.zones.length === 0) return;
    for (const hand of HANDS) {
      const state = hands[hand];
      const spec = instrumentSpec(state.instrument);
      let entered: { structure: string; distance: number } | null = null;
      if (spec && (spec.cuts || spec.clips || spec.cauterises)) {
        for (const zone of this.zones) {
          const d = nearestSurface(zone.tubes, state.tip);
          if (d <= zone.withinM && (!entered || d < entered.distance)) entered = { structure: zone.structure, distance: d };
        }
      }
      const now = entered?.structure ?? null;
      if (entered && now !== this.inside[hand]) {
        out.push({
          tick,
          hand,
          instrument: state.instrument!,
          structure: entered.structure,
          distanceMm: Math.round(Math.max(0, entered.distance) * 10000) / 10,
        });
      }
      this.inside[hand] = now;
    }
  }

  save(): Record<Hand, string | null> {
    return { ...this.inside };
  }

  load(state: Record<Hand, string | null>): void {
    this.inside.left = state.left;
    this.inside.right = state.right;
  }
}

/** Distance from a point to the nearest tube surface (centreline distance − radius), m. */
function nearestSurface(tubes: readonly TubeGeometry[], p: readonly number[]): number {
  let best = Infinity;
  for (const tube of tubes) best = Math.min(best, tubeSurfaceDistance(tube, p, POINT, 0));
  return best;
}

/** A point is a working part of no length (any axis will do). */
const POINT = [0, 0, 1] as const;
