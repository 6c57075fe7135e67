import { FixedStepper, Simulation, type ToolInput, cloneInput, idleInput } from '../core/sim/index.ts';
import type { SceneName } from '../core/scenes/index.ts';

export interface LiveSessionOptions {
  procedureId: string;
  mode: Mode;
  seed: number;
  /** The protocol's scene; the simulation generates its anatomy from the seed. */
  scene?: SceneName;
}

export type Mode = 'learn' | 'practice' | 'assess';

/**
 * One attempt in the browser: the simulation, its fixed-step clock, and the input of the latest frame.
 * Plain code, no React: the view calls `frame()` once per rendered frame (from useFrame, so that VR
 * sessions drive it too), and reads `sim` to draw.
 */
export class LiveSession {
  readonly sim: Simulation;
  readonly stepper = new FixedStepper();
  readonly procedureId: string;
  readonly mode: Mode;
  paused = false;
  /** Input applied to every tick of the current frame; input sources write it before `frame()`. */
  readonly input: ToolInput = idleInput();
  /** Every tick's input, in order: with the seed, this replays the attempt exactly. */
  readonly inputLog: ToolInput[] = [];

  constructor(options: LiveSessionOptions) {
    this.procedureId = options.procedureId;
    this.mode = options.mode;
    this.sim = new Simulation({ seed: options.seed, scene: options.scene });
    this.input.hands.right.instrument = 'grasper';
  }

  /** Advances by one rendered frame's elapsed seconds; returns the ticks run. */
  frame(deltaSeconds: number): number {
    if (this.paused) return 0;
    const steps = this.stepper.advance(deltaSeconds);
    for (let i = 0; i < steps; i++) {
      this.inputLog.push(cloneInput(this.input));
      this.sim.tick(this.input);
    }
    return steps;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    // Time spent paused is not simulated: drop what the accumulator holds.
    if (paused) this.stepper.reset();
  }
}
