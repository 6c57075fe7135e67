import { HANDS, type Hand, type ToolInput, idleInput, quantiseInput, tickToSeconds } from '../kernel/index.ts';
import { World, type WorldSnapshot } from '../world/world.ts';
import {
  type Action,
  type EngineState,
  type Finding,
  type Mode,
  type Protocol,
  type Variant,
  applyAction,
  chooseVariant,
  startAttempt,
} from '../procedure/index.ts';
import { type Report, buildReport } from '../scoring/index.ts';
import { type MotionAccumulatorState, StepSplits, type StepSplitsState, type TrialMotion, TrialMotionAccumulator, trialMotionJson } from '../metrics/index.ts';
import { Recognisers, type RecognisersSnapshot, protocolOverrides } from '../recognisers/index.ts';
import { type SceneGeometry, inView } from '../recognisers/geometry.ts';
import { PORTS } from '../kernel/or-layout.ts';
import { isLaparoscopic } from '../world/instruments/catalog.ts';
import { StateHasher } from '../kernel/hash.ts';
import { sceneFromProtocol } from './scene-from-protocol.ts';
import { clearedRegions, followScene, sceneGeometry } from '../recognisers/scene-geometry.ts';
import { type DangerWarning, DangerWatch } from './danger-watch.ts';
import { notMotion } from './motion-gaps.ts';
import { thermalMetrics } from './thermal-metrics.ts';
import { viewTargetsOf } from './view-targets.ts';

export interface AttemptOptions {
  protocol: Protocol;
  mode: Mode;
  /** Picks the patient variant (unless `variant` names one) and seeds everything random in the run. */
  seed: number;
  variant?: string;
  /**
   * Performed one-handed: an assistant's moves took the non-dominant hand (src/core/attempt/assistant.ts). They
   * reach `tick` as input like any other, so this changes no simulation; the report says so.
   */
  oneHanded?: boolean;
}

export interface AttemptSnapshot {
  world: WorldSnapshot;
  recognisers: RecognisersSnapshot;
  engine: EngineState;
  motion: Record<Hand, MotionAccumulatorState>;
  stepMotion: StepSplitsState;
  danger: Record<Hand, string | null>;
}

/**
 * One attempt at a procedure: the whole per-tick chain (docs/architecture.md, "One tick in the core") in one deterministic
 * object — instruments and physics (World), then actions, then the procedure engine, then the motion
 * metrics. `tick(input)` is the only way it changes, so the same seed and inputs replay it exactly, in
 * the browser, in tests and in the headless grader.
 */
export class Attempt {
  readonly protocol: Protocol;
  readonly mode: Mode;
  readonly variant: Variant | undefined;
  readonly world: World;
  /** Performed one-handed (AttemptOptions.oneHanded): said in the report, nothing else. */
  readonly oneHanded: boolean;
  engine: EngineState;
  /** Findings of the latest tick (emptied at the start of every tick). */
  readonly findings: Finding[] = [];
  /** Every action and finding so far, in order: the attempt's event log. */
  readonly actions: Action[] = [];
  readonly findingLog: Finding[] = [];
  /** Danger-zone entries of the latest tick, and all of them so far (decision support; see DangerWatch). */
  readonly warnings: DangerWarning[] = [];
  readonly warningLog: DangerWarning[] = [];
  private readonly recognisers: Recognisers;
  private readonly geometry: SceneGeometry;
  private readonly cleared: Record<string, number> = {};
  private readonly motion: TrialMotionAccumulator;
  /** Per tick, reused: whether each tip is in the laparoscope's picture (laparoscopic scenes only), and its force on tissue. */
  private readonly seen: Record<Hand, boolean> | undefined;
  private readonly force: Record<Hand, number> | undefined;
  /** Path length and movements per step instance (both hands), for comparing like with like. */
  private readonly stepMotion = new StepSplits(() => this.motion.totals());
  private readonly danger: DangerWatch;
  /** This tick's input on the recording grid (kernel/quantise.ts): what the simulation consumes. */
  private readonly gridInput: ToolInput = idleInput();

  constructor(options: AttemptOptions) {
    this.protocol = options.protocol;
    this.mode = options.mode;
    this.oneHanded = options.oneHanded ?? false;
    this.variant = chooseVariant(options.protocol, {
      seed: options.seed,
      ...(options.variant !== undefined ? { variant: options.variant } : {}),
    });
    const scope = options.protocol.laparoscope;
    this.world = new World({
      seed: options.seed,
      scene: sceneFromProtocol(options.protocol, this.variant),
      ...(scope ? { laparoscope: { holder: scope.holder, angleDeg: scope.angleDeg } } : {}),
    });
    // Laparoscopic instruments move through their ports: travel along the shaft is depth perception.
    const laparoscopic = options.protocol.instruments.some((i) => isLaparoscopic(i.id));
    this.motion = new TrialMotionAccumulator(laparoscopic ? { left: { trocar: PORTS.left.position }, right: { trocar: PORTS.right.position } } : {});
    const start = startAttempt(options.protocol, {
      mode: options.mode,
      seed: options.seed,
      ...(this.variant ? { variant: this.variant.id } : {}),
    });
    this.engine = start.state;
    const dangerStructures = options.protocol.dangerZones.map((z) => z.structure);
    this.recognisers = new Recognisers({ ...protocolOverrides(this.engine.params), dangerStructures, viewTargets: viewTargetsOf(options.protocol) });
    this.record(start.findings);
    this.geometry = sceneGeometry(this.world.scene, this.world.laparoscope?.view);
    this.seen = this.geometry.view ? { left: true, right: true } : undefined;
    this.force = this.world.scene ? { left: 0, right: 0 } : undefined;
    this.danger = new DangerWatch(options.protocol, this.geometry.tubes ?? []);
  }

  /**
   * One tick under `input`, quantised first (kernel/quantise.ts): the simulation only ever sees the grid a
   * recording stores, so a recorded attempt replays bit for bit.
   */
  tick(input: ToolInput): void {
    this.findings.length = 0;
    this.world.tick(quantiseInput(input, this.gridInput));
    // The tick just simulated: actions carry its number, and its time t = tick / 120.
    const tick = this.world.ticks - 1;
    const scene = this.world.scene;
    followScene(scene, this.geometry);
    const actions = this.recognisers.step(
      tick,
      { current: this.world.hands, previous: this.world.previousHands },
      { contacts: scene?.contacts ?? NO_CONTACTS, events: scene?.events ?? [], geometry: this.geometry, cleared: clearedRegions(scene, this.cleared) },
    );
    for (const action of actions) this.apply(action);
    this.warnings.length = 0;
    this.danger.step(tick, this.world.hands, this.warnings);
    for (const w of this.warnings) this.warningLog.push(w);
    for (const hand of HANDS) if (notMotion(this.world.hands[hand], this.world.previousHands[hand])) this.motion.gap(hand);
    const { left, right } = this.world.hands;
    if (this.seen) {
      this.seen.left = inView(this.geometry, left.tip);
      this.seen.right = inView(this.geometry, right.tip);
    }
    if (this.force && scene) {
      this.force.left = scene.contacts[0].active ? scene.contacts[0].force : 0;
      this.force.right = scene.contacts[1].active ? scene.contacts[1].force : 0;
    }
    this.motion.push(tickToSeconds(tick), left.tip, right.tip, this.seen, this.force);
  }

  /** The trainee ends the attempt (after the last tick of its input): the engine closes it. */
  finish(): void {
    this.findings.length = 0;
    if (this.engine.finished) return;
    for (const action of this.recognisers.end(Math.max(0, this.world.ticks - 1))) this.apply(action);
  }

  private apply(action: Action): void {
    this.actions.push(action);
    const next = applyAction(this.protocol, this.engine, action);
    this.engine = next.state;
    this.record(next.findings);
  }

  private record(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.findings.push(f);
      this.findingLog.push(f);
      if (f.type === 'step-started') this.stepMotion.start(f.step);
      if (f.type === 'step-completed') this.stepMotion.end(f.step);
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

  /** Each hand's motion so far (speeds per tick, start time), read-only: for charts. */
  motionState(): Record<Hand, MotionAccumulatorState> {
    return this.motion.save();
  }

  motionMetrics(): TrialMotion {
    return this.motion.result();
  }

  /**
   * The report of docs/report.md, with the motion metrics of both hands, in a scene that bleeds the blood lost, and
   * where the learner steered the laparoscope how far its tip travelled.
   */
  report(): Report {
    const report = buildReport(this.protocol, this.engine);
    const motion = trialMotionJson(this.motion.result(), this.stepMotion);
    const scene = this.world.scene;
    const bloodLoss = scene !== null && 'fluids' in scene ? { bloodLossMl: Math.round(scene.fluids.lossMl * 10) / 10 } : {};
    const energy = scene?.energy;
    const scope = this.world.laparoscope;
    const scopePath = scope?.learnerHolds ? { scopePathMm: Math.round(scope.travelled * 10000) / 10 } : {};
    return {
      ...report,
      metrics: { ...report.metrics, motion, ...bloodLoss, ...(energy ? thermalMetrics(energy) : {}), ...scopePath },
      ...(this.oneHanded ? { oneHanded: true as const } : {}),
    };
  }

  snapshot(): AttemptSnapshot {
    return {
      world: this.world.snapshot(),
      recognisers: this.recognisers.snapshot(),
      engine: clone(this.engine),
      motion: this.motion.save(),
      stepMotion: this.stepMotion.save(),
      danger: this.danger.save(),
    };
  }

  restore(snapshot: AttemptSnapshot): void {
    this.world.restore(snapshot.world);
    this.recognisers.restore(snapshot.recognisers);
    this.engine = clone(snapshot.engine);
    this.motion.load(snapshot.motion);
    this.stepMotion.load(snapshot.stepMotion);
    this.danger.load(snapshot.danger);
    this.findings.length = 0;
  }

  stateHash(): string {
    const h = new StateHasher().string(this.world.stateHash()).string(JSON.stringify(this.engine));
    this.recognisers.hash(h);
    return h.digest();
  }
}

const NO_CONTACTS: readonly never[] = [];

/** Engine state is plain JSON data by contract, so a JSON round trip is an exact copy. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
