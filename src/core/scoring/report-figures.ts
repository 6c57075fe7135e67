/**
 * The figures the debrief reads from attempt reports: the hand that speaks for an attempt, its metrics
 * against the expert's and the learner's previous attempts, and the input of the rating estimates.
 */
import type { Hand } from '../kernel/input.ts';
import { type MetricComparison, compareMetrics } from '../metrics/benchmark.ts';
import type { MotionMetricsJson } from '../metrics/json.ts';
import type { EstimateInput, ObjectiveMetrics } from './estimates.ts';
import type { Report } from './report.ts';

/** One hand's motion metrics; undefined when the attempt was not simulated. */
export function motionOf(report: Report, hand: Hand): MotionMetricsJson | undefined {
  return report.metrics.motion?.hands[hand];
}

/** The hand that travelled further: the one whose metrics speak for the attempt. */
export function dominantHand(report: Report): Hand {
  const path = (h: Hand): number => motionOf(report, h)?.path_length_m ?? 0;
  return path('left') > path('right') ? 'left' : 'right';
}

/** `hand`'s motion metrics in `report` against the expert's (if any) and the previous attempts' (oldest first). */
export function compareHandMetrics(report: Report, hand: Hand, expert: Report | null, previous: readonly Report[]): MetricComparison[] {
  return compareMetrics(
    motionOf(report, hand) ?? {},
    expert ? (motionOf(expert, hand) ?? null) : null,
    previous.map((r) => motionOf(r, hand) ?? {}),
  );
}

/** What the rating estimates read of an attempt's report, with `hand`'s motion, beside the expert's report (if any). */
export function estimateInput(report: Report, hand: Hand, expert: Report | null): EstimateInput {
  return {
    metrics: objectiveMetrics(report, hand),
    expert: expert ? objectiveMetrics(expert, hand) : {},
    steps: { completed: report.steps.filter((s) => s.status === 'completed').length, total: report.steps.length },
    errors: report.errors,
  };
}

export function objectiveMetrics(report: Report, hand: Hand): ObjectiveMetrics {
  const m = motionOf(report, hand) ?? {};
  return {
    timeSec: report.metrics.timerSec ?? report.metrics.durationSec,
    pathLength: m.path_length_m ?? null,
    movements: m.movements ?? null,
    idleRatio: m.idle_ratio ?? null,
    ldlj: m.ldlj ?? null,
    sparc: m.sparc ?? null,
    depthPerception: m.depth_perception_m ?? null,
    bothActiveFraction: report.metrics.motion?.bimanual?.both_active_fraction ?? null,
    forceEvents: m.force_events ?? null,
  };
}
