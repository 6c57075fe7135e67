/**
 * Every threshold the recognisers use, in one place (documented in docs/actions.md, "Actions from
 * recognisers"). Lengths in metres, times in ticks (120 per second), forces in newtons, unless named.
 */
import { Button } from '../kernel/input.ts';
import { JAW_CLOSED } from '../world/scenes/tools.ts';
import { JAW_CLOSE_SECONDS } from '../world/instruments/instrument-state.ts';
import { TICK_HZ } from '../kernel/clock.ts';

/**
 * A button held this long declares `what` (a time-out, e.g. the critical view of safety), or makes the
 * `decision` (a bail-out).
 */
export type Declaration = { button: number; holdTicks: number } & ({ what: string } | { decision: string });

export interface RecogniserParams {
  /** Jaw closure at which jaws count as closed (closing through it grasps, fires a clip, cuts). */
  jawClosed: number;
  /** A grasped structure pulled this far from where it was taken is retracted. */
  retractDistance: number;
  /** A region's cleared fraction must grow by this much before another `dissect` is emitted. */
  dissectStep: number;
  /** Regions whose cleared fraction the scene reports, in the order they are checked. */
  dissectRegions: readonly string[];
  /**
   * The tissue plane undermining should stay in: a scene `dissect` event naming a layer of
   * `geometry.layers` below this one (a snip into the fascia) is reported as `dissect` of that layer.
   */
  dissectPlane: string;
  /** Scene structures reported under another id (the fat over the triangle is the triangle's cover). */
  structureAliases: Readonly<Record<string, string>>;
  /**
   * Slack (m) allowed at either end of the jaws when judging whether a clip spans the vessel (a protocol
   * may set its own: `clipSpanToleranceMm`).
   */
  clipSpanTolerance: number;
  /**
   * Ticks a clip's bite is judged over: the jaws' pose averaged from the closing tick while they stay
   * closed, at most this long (0.1 s: a period of the 8–12 Hz physiological tremor).
   */
  clipBiteTicks: number;
  /**
   * Structures that must not be injured (the protocol's `dangerZones`, set by Attempt): a clip, cut or burn
   * reports the nearest of them and its distance (`nearest`, `nearestMm`).
   */
  dangerStructures: readonly string[];
  /**
   * Ticks a cutting or energy instrument's pose is averaged over for that distance (0.1 s: a tremor period,
   * as a clip's bite): a cut is measured over the ticks up to its closing, a burn at its closest such mean.
   */
  proximityTicks: number;
  /** Energy on for fewer ticks than this on one structure is not reported (a flicker). */
  cauteryMinTicks: number;
  /** Contacts on one structure are reported again at most this often … */
  contactIntervalTicks: number;
  /** … and only when the force has grown by this much since the last report. */
  contactForceStep: number;
  /** Ticks a tip must stay out of (or back in) the view before `visibility` is reported. */
  visibilityTicks: number;
  /**
   * Marker within this height of the skin surface counts as touching it; a blade is in the skin once this
   * far below the surface, and out of it only once this far above (a stroke wobbling at the surface is one).
   */
  surfaceContact: number;
  /** Time constant of each of the two low-passes that take a pen's or blade's tremor out of its path (steady.ts). */
  tremorFilterTicks: number;
  /** Path samples are at least this far apart. */
  pathSpacing: number;
  /** A blade stroke shorter than this is not an incision. */
  minStroke: number;
  /** A marking whose end comes this close to its start is closed (finished). */
  markClose: number;
  /** Fewest path samples in a finished marking. */
  markMinPoints: number;
  /** A marking closes only after its path has gone this far from its start (a pen resting on the skin draws none). */
  markMinSpan: number;
  /** The other hand's tip circling the needle driver's jaws within this radius counts towards a wrap. */
  wrapRadius: number;
  /** Fraction of a turn, at least, for a throw to count. */
  wrapMinTurns: number;
  /** The needle point this close to the other hand (its instrument's handle) is a needlestick. */
  needlestickDistance: number;
  /** An object let go within this height of the surface it rests on is set down, not dropped. */
  setDownHeight: number;
  /** Horizontal reach (m) from a peg within which an object is on it. */
  pegReach: number;
  /**
   * An object let go high and taken by the other hand within this many ticks was caught, not dropped: the
   * time jaws take to close (JAW_CLOSE_SECONDS), so jaws already closing on it as it was let go still count.
   */
  catchTicks: number;
  declarations: readonly Declaration[];
  /** Targets a camera-navigation drill centres in the laparoscope's picture (the protocol's `viewTargets`, set by Attempt). */
  viewTargets: readonly { id: string; position: readonly [number, number, number] }[];
  /** A target is centred within this angle of the picture's centre (rad) … */
  centreTolerance: number;
  /** … seen from this near … */
  viewDistanceMin: number;
  /** … to this far (m: the zoom band) … */
  viewDistanceMax: number;
  /** … and held there this long before it is `framed`. */
  centreHoldTicks: number;
  /** The laparoscope's tip this close to the surface (m) touches it: `lens-contact`. */
  lensContact: number;
}

export const DEFAULT_RECOGNISER_PARAMS: RecogniserParams = {
  jawClosed: JAW_CLOSED,
  retractDistance: 0.01,
  dissectStep: 0.05,
  dissectRegions: ['hepatocystic-triangle', 'cystic-plate', 'cystic-duct', 'cystic-artery', 'cystic-artery-2', 'specimen'],
  dissectPlane: 'subcutaneous-fat',
  structureAliases: { peritoneum: 'hepatocystic-triangle' },
  clipSpanTolerance: 0.0002,
  clipBiteTicks: 12,
  dangerStructures: [],
  proximityTicks: 12,
  cauteryMinTicks: 6,
  contactIntervalTicks: 60,
  contactForceStep: 0.5,
  visibilityTicks: 12,
  surfaceContact: 0.0015,
  tremorFilterTicks: 6,
  pathSpacing: 0.001,
  minStroke: 0.002,
  markClose: 0.003,
  markMinPoints: 8,
  markMinSpan: 0.01,
  wrapRadius: 0.04,
  wrapMinTurns: 0.75,
  needlestickDistance: 0.01,
  setDownHeight: 0.015,
  pegReach: 0.012,
  catchTicks: Math.round(JAW_CLOSE_SECONDS * TICK_HZ),
  declarations: [
    { button: Button.secondary, holdTicks: 60, what: 'critical-view-of-safety' },
    // Held twice as long: stopping the operation should not happen by a brush of the key.
    { button: Button.decide, holdTicks: 120, decision: 'bail-out' },
  ],
  viewTargets: [],
  // Defaults for a camera-navigation drill; its protocol sets its own (centreToleranceDeg, …, below).
  centreTolerance: (5 * Math.PI) / 180,
  viewDistanceMin: 0.05,
  viewDistanceMax: 0.12,
  centreHoldTicks: TICK_HZ,
  lensContact: 0.005,
};

export function recogniserParams(overrides: Partial<RecogniserParams> = {}): RecogniserParams {
  return { ...DEFAULT_RECOGNISER_PARAMS, ...overrides };
}

/** Protocol parameters that set a recogniser threshold: the protocol's name → the key here and its scale to SI. */
const FROM_PROTOCOL: Readonly<Record<string, readonly [keyof RecogniserParams, number]>> = {
  clipSpanToleranceMm: ['clipSpanTolerance', 0.001],
  centreToleranceDeg: ['centreTolerance', Math.PI / 180],
  minViewDistanceMm: ['viewDistanceMin', 0.001],
  maxViewDistanceMm: ['viewDistanceMax', 0.001],
  centreHoldSec: ['centreHoldTicks', TICK_HZ],
  lensContactMm: ['lensContact', 0.001],
};

/** The recogniser thresholds a protocol's (variant's) parameters set. */
export function protocolOverrides(parameters: Readonly<Record<string, unknown>>): Partial<RecogniserParams> {
  const overrides: Record<string, number> = {};
  for (const [name, [key, scale]] of Object.entries(FROM_PROTOCOL)) {
    const value = parameters[name];
    if (typeof value === 'number') overrides[key] = value * scale;
  }
  return overrides as Partial<RecogniserParams>;
}
