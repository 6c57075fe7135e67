/** Thresholds of the motion metrics. Published work differs on several; all are configurable. */
import { SPARC_DEFAULTS, type SparcOptions } from './smoothness.ts';

export interface MovementOptions {
  /** Cut-off of the one-pole low-pass applied to the speed before counting, Hz. */
  filterHz: number;
  /** Filtered speed above which a movement starts, m/s. */
  startSpeed: number;
  /** Filtered speed below which it ends, m/s (lower than startSpeed: hysteresis against jitter). */
  stopSpeed: number;
  /** Shortest movement that counts, s. */
  minDuration: number;
}

export interface MotionOptions {
  /** Speed at or below which an interval is idle, m/s (JIGSAWS feature code uses 0.001). */
  idleSpeed: number;
  movement: MovementOptions;
  /** Contact force above which a sample is excessive, N. Task-specific; no published value. */
  forceThreshold: number;
  sparc: SparcOptions;
  /** Trocar pivot of a laparoscopic instrument: enables depth perception (travel along the shaft). */
  trocar: readonly [number, number, number] | null;
  /** The expert's path length for the same task, m: enables the economy-of-motion ratio. */
  expertPathLength: number | null;
  /**
   * Sample-to-sample speed above which the tip did not move but jumped (tracking regained, recentring, a new
   * instrument), m/s: such an interval is a gap, not motion. Several times a fast hand's peak speed (1–3 m/s).
   */
  jumpSpeed: number;
}

export const MOTION_DEFAULTS: MotionOptions = {
  idleSpeed: 0.001,
  movement: { filterHz: 5, startSpeed: 0.02, stopSpeed: 0.01, minDuration: 0.1 },
  forceThreshold: 5,
  sparc: SPARC_DEFAULTS,
  trocar: null,
  expertPathLength: null,
  jumpSpeed: 10,
};

export type MotionOptionsInput = Partial<Omit<MotionOptions, 'movement' | 'sparc'>> & {
  movement?: Partial<MovementOptions>;
  sparc?: Partial<SparcOptions>;
};

export function motionOptions(input: MotionOptionsInput = {}): MotionOptions {
  return {
    idleSpeed: input.idleSpeed ?? MOTION_DEFAULTS.idleSpeed,
    movement: { ...MOTION_DEFAULTS.movement, ...input.movement },
    forceThreshold: input.forceThreshold ?? MOTION_DEFAULTS.forceThreshold,
    sparc: { ...MOTION_DEFAULTS.sparc, ...input.sparc },
    trocar: input.trocar ?? MOTION_DEFAULTS.trocar,
    expertPathLength: input.expertPathLength ?? MOTION_DEFAULTS.expertPathLength,
    jumpSpeed: input.jumpSpeed ?? MOTION_DEFAULTS.jumpSpeed,
  };
}
