/**
 * The figures the debrief reads from attempt reports: the hand that speaks for an attempt, its metrics
 * against the expert's and the learner's previous attempts, and the input of the rating estimates.
 * Like is compared with like: an attempt that did not complete every step is compared with the expert only
 * on the steps it completed (time, path length and movements over those steps), never on the whole procedure.
 */
import type { Hand } from '../kernel/input.ts';
import { type MetricComparison, compareMetrics } from '../metrics/benchmark.ts';
import type { MotionMetricsJson } from '../metrics/json.ts';
import type { EstimateInput, ObjectiveMetrics } from './estimates.ts';
import type { Report, ReportStep } from './report.ts';

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
  const scope = comparisonScope(report);
  const steps = { completed: scope.completed.length, total: scope.total };
  if (scope.complete) return { metrics: objectiveMetrics(report, hand), expert: expert ? objectiveMetrics(expert, hand) : {}, steps, errors: report.errors };
  // Unfinished: only what can be summed over the completed steps, against the expert's same steps.
  const over = (r: Report | null): ObjectiveMetrics => {
    const f = r ? figuresOver(r, scope.completed) : null;
    return f ? { timeSec: f.duration_s, pathLength: f.path_length_m, movements: f.movements } : {};
  };
  return { metrics: over(report), expert: over(expert), steps, errors: report.errors };
}

/** One step instance's figures: time, errors attributed to it, and both hands' path length and movements in it. */
export interface StepFigures {
  id: string;
  status: ReportStep['status'];
  durationSec: number | null;
  errors: number;
  /** Null when the attempt was not simulated or the step never started. */
  pathLength: number | null;
  movements: number | null;
}

export function stepFigures(report: Report): StepFigures[] {
  return report.steps.map((s) => {
    const motion = report.metrics.motion?.steps?.[s.id];
    return {
      id: s.id,
      status: s.status,
      durationSec: s.start !== null && s.end !== null ? s.end - s.start : null,
      errors: report.errors.filter((e) => e.step === s.id).length,
      pathLength: motion?.path_length_m ?? null,
      movements: motion?.movements ?? null,
    };
  });
}

/** What an attempt can be compared on: the whole procedure when every step was completed, else the completed steps. */
export interface ComparisonScope {
  complete: boolean;
  /** Keys of the completed step instances, in order. */
  completed: string[];
  total: number;
}

export function comparisonScope(report: Report): ComparisonScope {
  const completed = report.steps.filter((s) => s.status === 'completed').map((s) => s.id);
  return { complete: completed.length === report.steps.length, completed, total: report.steps.length };
}

/** The figures that measure an amount of work, comparable only over the same steps. */
const WORK_DONE = ['duration_s', 'path_length_m', 'movements'];

/** Figures summed over step instances, keyed as in the motion JSON. */
export type StepsTotals = { duration_s: number; path_length_m: number; movements: number };

/** Time, both hands' path length and movements summed over the given step instances; null unless each was completed with its motion recorded. */
export function figuresOver(report: Report, steps: readonly string[]): StepsTotals | null {
  const figures = new Map(stepFigures(report).map((f) => [f.id, f]));
  let time = 0;
  let path = 0;
  let movements = 0;
  for (const id of steps) {
    const f = figures.get(id);
    if (f?.status !== 'completed' || f.durationSec === null || f.pathLength === null || f.movements === null) return null;
    time += f.durationSec;
    path += f.pathLength;
    movements += f.movements;
  }
  return { duration_s: time, path_length_m: path, movements };
}

/**
 * The debrief's comparisons, like with like: a whole attempt's `hand` metrics against the expert's whole
 * procedure; an unfinished one's time, path length and movements over its completed steps (both hands)
 * against the expert's and the earlier attempts' same steps, and its other metrics against the earlier
 * attempts only (no expert level). With no step completed, nothing is set against the expert, and time,
 * path length and movements are left out.
 */
export function debriefComparisons(report: Report, hand: Hand, expert: Report | null, previous: readonly Report[]): MetricComparison[] {
  const scope = comparisonScope(report);
  if (scope.complete) return compareHandMetrics(report, hand, expert, previous);
  const own = motionOf(report, hand) ?? {};
  const earlier = previous.map((r) => motionOf(r, hand) ?? {});
  const done = scope.completed.length > 0 ? figuresOver(report, scope.completed) : null;
  // Time, path and movements measure work done: without completed steps there is nothing to set them against.
  if (!done) return compareMetrics(own, null, earlier).filter((c) => !WORK_DONE.includes(c.key));
  const over = (r: Report): MotionMetricsJson => figuresOver(r, scope.completed) ?? {};
  const byKey = new Map(compareMetrics(own, null, earlier).map((c) => [c.key, c]));
  for (const c of compareMetrics(done, expert ? over(expert) : null, previous.map(over))) byKey.set(c.key, c);
  return [...byKey.values()];
}

/** What the debrief says about what was compared (null: the whole procedure, nothing to explain). */
export function comparisonNote(report: Report, hasExpert: boolean): string | null {
  const { complete, completed, total } = comparisonScope(report);
  if (complete) return null;
  if (completed.length === 0) {
    return `Unfinished attempt: no step of ${total} was completed, so nothing is compared with the expert, and time, path length and movements are not shown.`;
  }
  const steps = `${completed.length} of ${total} step${total === 1 ? '' : 's'}`;
  return hasExpert
    ? `Unfinished attempt: ${steps} completed. Time, path length and movements are over those steps (both hands), set against the expert's same steps; the other metrics are not compared with the expert.`
    : `Unfinished attempt: ${steps} completed. Time, path length and movements are over those steps (both hands).`;
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
