/**
 * Per-step figures: duration, errors and path length. Step windows and errors come from the procedure
 * engine's report (only the fields used here are typed).
 */
import { type Track, sliceTrack, pathLength } from './track.ts';

export interface StepWindow {
  id: string;
  /** Seconds; null if the step never started or ended. */
  start: number | null;
  end: number | null;
}

export interface StepError {
  step: string | null;
}

export interface StepMetrics {
  id: string;
  duration: number | null;
  errors: number;
  /** Summed over the given tracks (both hands); null if the step has no window. */
  pathLength: number | null;
}

export function stepMetrics(steps: readonly StepWindow[], errors: readonly StepError[], tracks: readonly Track[]): StepMetrics[] {
  return steps.map((step) => {
    const { start, end } = step;
    const timed = start !== null && end !== null;
    return {
      id: step.id,
      duration: timed ? end - start : null,
      errors: errors.filter((e) => e.step === step.id).length,
      pathLength: timed ? tracks.reduce((sum, track) => sum + pathLength(sliceTrack(track, start, end)), 0) : null,
    };
  });
}

/** Running totals of an attempt's motion (both hands): path length, m, and movements finished. */
export interface MotionTotals {
  pathLength: number;
  movements: number;
}

/** Plain data of {@link StepSplits}, for simulation snapshots: the totals at each step's start and end. */
export type StepSplitsState = Record<string, { start: MotionTotals; end: MotionTotals | null }>;

/**
 * Streaming counterpart for the simulation: remembers the running totals at each step's start and end.
 * `source` is e.g. `() => trial.totals()`. A movement that spans a step's end counts in the step it ends in.
 */
export class StepSplits {
  private marks: StepSplitsState = {};

  constructor(private readonly source: () => MotionTotals) {}

  start(stepId: string): void {
    this.marks[stepId] = { start: this.source(), end: null };
  }

  end(stepId: string): void {
    const mark = this.marks[stepId];
    if (mark) mark.end = this.source();
  }

  /** Travelled and moved during the step (so far, if it has not ended); null if it never started. */
  of(stepId: string): MotionTotals | null {
    const mark = this.marks[stepId];
    if (!mark) return null;
    const end = mark.end ?? this.source();
    return { pathLength: end.pathLength - mark.start.pathLength, movements: end.movements - mark.start.movements };
  }

  /** Every step started so far, in the order started. */
  steps(): string[] {
    return Object.keys(this.marks);
  }

  save(): StepSplitsState {
    return JSON.parse(JSON.stringify(this.marks)) as StepSplitsState;
  }

  load(state: StepSplitsState): void {
    this.marks = JSON.parse(JSON.stringify(state)) as StepSplitsState;
  }
}
