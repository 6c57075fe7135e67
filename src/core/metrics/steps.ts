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

/**
 * Streaming counterpart for the simulation: remembers a running path length at each step's start and end.
 * `source` is e.g. `() => trial.pathLength`.
 */
export class StepPathSplits {
  private readonly marks = new Map<string, { start: number; end: number | null }>();

  constructor(private readonly source: () => number) {}

  start(stepId: string): void {
    this.marks.set(stepId, { start: this.source(), end: null });
  }

  end(stepId: string): void {
    const mark = this.marks.get(stepId);
    if (mark) mark.end = this.source();
  }

  /** Path length travelled during the step (so far, if it has not ended); null if it never started. */
  pathLength(stepId: string): number | null {
    const mark = this.marks.get(stepId);
    return mark ? (mark.end ?? this.source()) - mark.start : null;
  }
}
