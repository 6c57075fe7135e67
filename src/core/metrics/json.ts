/** The metrics as JSON with units in the key names: the form of `scrub metrics`, reports and xAPI extensions. */
import type { BimanualMetrics } from './bimanual.ts';
import type { MotionMetrics } from './motion.ts';
import type { StepSplits } from './steps.ts';
import type { TrialMotion } from './trial.ts';

export type MotionMetricsJson = Record<string, number | null>;

/** Figures that were not measured are left out (not 0, not null): nothing reads them as if they were. */
export function motionMetricsJson(m: MotionMetrics): MotionMetricsJson {
  const json: MotionMetricsJson = {
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
  };
  if (m.depthPerception !== null) json.depth_perception_m = m.depthPerception;
  if (m.measured.view) Object.assign(json, { out_of_view_time_s: m.outOfViewTime, out_of_view_episodes: m.outOfViewEpisodes });
  if (m.measured.force) Object.assign(json, { force_events: m.forceEvents, force_over_time_s: m.forceOverTime, peak_force_n: m.peakForce });
  return json;
}

export function bimanualMetricsJson(b: BimanualMetrics): MotionMetricsJson {
  return {
    speed_correlation: b.speedCorrelation,
    both_active_fraction: b.bothActiveFraction,
    path_length_ratio: b.pathLengthRatio,
  };
}

export interface TrialMotionJson {
  hands: Record<string, MotionMetricsJson>;
  bimanual: MotionMetricsJson | null;
  /** Per step instance started (its key, `id#n` in a repeat): both hands' path length and movements in it. */
  steps?: Record<string, { path_length_m: number; movements: number }>;
}

/** An attempt's motion figures for the report's `metrics.motion`: per hand, bimanual (left / right) and per step. */
export function trialMotionJson(trial: TrialMotion, splits?: StepSplits): TrialMotionJson {
  const json: TrialMotionJson = {
    hands: { left: motionMetricsJson(trial.hands.left), right: motionMetricsJson(trial.hands.right) },
    bimanual: trial.bimanual ? bimanualMetricsJson(trial.bimanual) : null,
  };
  if (splits) {
    json.steps = {};
    for (const key of splits.steps()) {
      const m = splits.of(key)!;
      json.steps[key] = { path_length_m: m.pathLength, movements: m.movements };
    }
  }
  return json;
}
