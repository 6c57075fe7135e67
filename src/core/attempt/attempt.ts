import { type Hand, HANDS, Simulation, type Snapshot, type ToolInput, tickToSeconds } from '../sim/index.ts';
import {
  type Action,
  type EngineState,
  type Finding,
  type Mode,
  type Protocol,
  type Report,
  type Variant,
  applyAction,
  buildReport,
  chooseVariant,
  startAttempt,
} from '../procedure/index.ts';
import { MotionAccumulator, type MotionAccumulatorState, type MotionMetrics } from '../metrics/index.ts';
import { StateHasher } from '../sim/hash.ts';
import { sceneFromProtocol } from './scene-from-protocol.ts';

export interface AttemptOptions {
  protocol: Protocol;
  mode: Mode;
  /** Picks the patient variant (unless `variant` names one) and seeds everything random in the run. */
  seed: number;
  variant?: string;
}

export interface AttemptSnapshot {
  sim: Snapshot;
  engine: EngineState;
  motion: Record<Hand, MotionAccumulatorState>;
}

/**
 * One attempt at a procedure: the whole per-tick chain of ../shared/DESIGN.md in one deterministic
 * object — instruments and physics (Simulation), then actions, then the procedure engine, then the motion
 * metrics. `tick(input)` is the only way it changes, so the same seed and inputs replay it exactly, in
 * the browser, in tests and in the headless grader.
 */
export class Attempt {
  readonly protocol: Protocol;
  readonly mode: Mode;
  readonly variant: Variant | undefined;
  readonly sim: Simulation;
  engine: EngineState;
  /** Findings of the latest tick (emptied at the start of every tick). */
  readonly findings: Finding[] = [];
  /** Every action and finding so far, in order: the attempt's event log. */
  readonly actions: Action[] = [];
  readonly findingLog: Finding[] = [];
  private readonly motion: Record<Hand, MotionAccumulator> = {
    left: new MotionAccumulator(),
    right: new MotionAccumulator(),
  };

  constructor(options: AttemptOptions) {
    this.protocol = options.protocol;
    this.mode = options.mode;
    this.variant = chooseVariant(options.protocol, {
      seed: options.seed,
      ...(options.variant !== undefined ? { variant: options.variant } : {}),
    });
    this.sim = new Simulation({ seed: options.seed, scene: sceneFromProtocol(options.protocol, this.variant) });
    const start = startAttempt(options.protocol, {
      mode: options.mode,
      seed: options.seed,
      ...(this.variant ? { variant: this.variant.id } : {}),
    });
    this.engine = start.state;
    this.record(start.findings);
  }

  tick(input: ToolInput): void {
    this.findings.length = 0;
    this.sim.tick(input);
    const t = tickToSeconds(this.sim.ticks);
    for (const hand of HANDS) {
      const tip = this.sim.hands[hand].tip;
      if (this.sim.hands[hand].instrument !== null) this.motion[hand].push(t, tip[0], tip[1], tip[2]);
    }
  }

  /** Feeds one recognised action to the procedure engine. */
  protected apply(action: Action): void {
    this.actions.push(action);
    const next = applyAction(this.protocol, this.engine, action);
    this.engine = next.state;
    this.record(next.findings);
  }

  private record(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.findings.push(f);
      this.findingLog.push(f);
    }
  }

  /** The step in progress (the latest started and not yet done), or null before the start and after the end. */
  currentStep(): { id: string; key: string } | null {
    for (let i = this.engine.steps.length - 1; i >= 0; i--) {
      const s = this.engine.steps[i]!;
      if (s.status === 'active') return { id: s.id, key: s.key };
    }
    return null;
  }

  motionMetrics(): Record<Hand, MotionMetrics> {
    return { left: this.motion.left.result(), right: this.motion.right.result() };
  }

  report(): Report {
    return buildReport(this.protocol, this.engine);
  }

  snapshot(): AttemptSnapshot {
    return {
      sim: this.sim.snapshot(),
      engine: clone(this.engine),
      motion: { left: this.motion.left.save(), right: this.motion.right.save() },
    };
  }

  restore(snapshot: AttemptSnapshot): void {
    this.sim.restore(snapshot.sim);
    this.engine = clone(snapshot.engine);
    this.motion.left.load(snapshot.motion.left);
    this.motion.right.load(snapshot.motion.right);
    this.findings.length = 0;
  }

  stateHash(): string {
    return new StateHasher().string(this.sim.stateHash()).string(JSON.stringify(this.engine)).digest();
  }
}

/** Engine state is plain JSON data by contract, so a JSON round trip is an exact copy. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
