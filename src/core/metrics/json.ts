/** The metrics as JSON with units in the key names: the form of `scrub metrics`, reports and xAPI extensions. */
import type { BimanualMetrics } from './bimanual.ts';
import type { MotionMetrics } from './motion.ts';
import type { TrialMotion } from './trial.ts';

export type MotionMetricsJson = Record<string, number | null>;

export function motionMetricsJson(m: MotionMetrics): MotionMetricsJson {
  return {
    samples: m.samples,
    duration_s: m.duration,
    sample_rate_hz: m.sampleRate,
    path_length_m: m.pathLength,
    movements: m.movements,
    idle_time_s: m.idleTime,
    idle_ratio: m.idleRatio,
    mean_speed_mps: m.meanSpeed,
    peak_speed_mps: m.peakSpeed,
    ldlj: m.ldlj,
    sparc: m.sparc,
    economy_ratio: m.economyRatio,
    depth_perception_m: m.depthPerception,
    out_of_view_time_s: m.outOfViewTime,
    out_of_view_episodes: m.outOfViewEpisodes,
    force_events: m.forceEvents,
    force_over_time_s: m.forceOverTime,
    peak_force_n: m.peakForce,
  };
}

export function bimanualMetricsJson(b: BimanualMetrics): MotionMetricsJson {
  return {
    speed_correlation: b.speedCorrelation,
    both_active_fraction: b.bothActiveFraction,
    path_length_ratio: b.pathLengthRatio,
  };
}

/** An attempt's motion figures for the report's `metrics.motion`: per hand, and bimanual (left / right). */
export function trialMotionJson(trial: TrialMotion): { hands: Record<string, MotionMetricsJson>; bimanual: MotionMetricsJson | null } {
  return {
    hands: { left: motionMetricsJson(trial.hands.left), right: motionMetricsJson(trial.hands.right) },
    bimanual: trial.bimanual ? bimanualMetricsJson(trial.bimanual) : null,
  };
}
