import { FIXED_DT } from './clock.ts';

export interface FixedStepperOptions {
  /** Seconds of one step. */
  dt?: number;
  /** A frame longer than this is clamped: the excess is dropped (a stall), not caught up. */
  maxFrameSeconds?: number;
  /** At most this many steps per frame; time beyond them is dropped. */
  maxStepsPerFrame?: number;
}

/**
 * Fixed-step accumulator (Fiedler, "Fix your timestep"): turns variable frame times into a whole number
 * of fixed steps plus an interpolation factor. Wall-clock frame deltas come in from the view; the core
 * only ever sees whole ticks.
 */
export class FixedStepper {
  readonly dt: number;
  readonly maxFrameSeconds: number;
  readonly maxStepsPerFrame: number;
  private accumulator = 0;
  /** Seconds of real time dropped by the clamp since construction (stalls). */
  droppedSeconds = 0;

  constructor(options: FixedStepperOptions = {}) {
    this.dt = options.dt ?? FIXED_DT;
    this.maxFrameSeconds = options.maxFrameSeconds ?? 0.1;
    this.maxStepsPerFrame = options.maxStepsPerFrame ?? 12;
  }

  /** Adds one frame's elapsed seconds; returns how many fixed steps to run now. */
  advance(frameSeconds: number): number {
    const clamped = Math.min(Math.max(frameSeconds, 0), this.maxFrameSeconds);
    this.droppedSeconds += Math.max(frameSeconds, 0) - clamped;
    this.accumulator += clamped;
    // The epsilon keeps float error from losing a step when frames are exact multiples of dt.
    let steps = Math.floor(this.accumulator / this.dt + 1e-9);
    if (steps > this.maxStepsPerFrame) {
      this.droppedSeconds += (steps - this.maxStepsPerFrame) * this.dt;
      this.accumulator -= (steps - this.maxStepsPerFrame) * this.dt;
      steps = this.maxStepsPerFrame;
    }
    this.accumulator = Math.max(0, this.accumulator - steps * this.dt);
    return steps;
  }

  /** Fraction of a step elapsed since the last step, for render interpolation (0..1). */
  get alpha(): number {
    return Math.min(1, this.accumulator / this.dt);
  }

  reset(): void {
    this.accumulator = 0;
    this.droppedSeconds = 0;
  }
}
