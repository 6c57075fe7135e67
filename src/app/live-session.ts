import { FixedStepper, type Hand, type Pose, type ToolInput, idleInput } from '../core/kernel/index.ts';
import { performsMirrored } from '../core/procedure/handedness.ts';
import { performsOneHanded } from '../core/procedure/one-handed.ts';
import { Assistant, assistedInput } from '../core/attempt/assistant.ts';
import { KeyframePlayer, type KeyframeScript } from '../core/recording/keyframes.ts';
import { Attempt } from '../core/attempt/attempt.ts';
import type { Finding, Mode, Protocol } from '../core/procedure/index.ts';
import type { DangerWarning } from '../core/attempt/danger-watch.ts';
import type { LiveJournal } from './live-journal.ts';
import type { RecordingInfo } from '../core/recording/replayer.ts';
import { ScrubTape } from './scrub-tape.ts';
import { APP_VERSION } from './app-version.ts';
import { newUuid } from './ids.ts';

export interface LiveSessionOptions {
  protocol: Protocol;
  mode: Mode;
  /** Seeds the run and picks the virtual patient. */
  seed: number;
  /** Called after a frame whose ticks produced findings (at finding rate, never per frame). */
  onFindings?: (findings: readonly Finding[]) => void;
  /** Called after a frame in which an instrument entered a danger zone (learn mode only: elsewhere it is only logged). */
  onDanger?: (warning: DangerWarning) => void;
  /** Play this recorded performance instead of reading the trainee's input (watching the expert). */
  script?: KeyframeScript;
  variant?: string;
  /** The attempt's id (a recovered attempt keeps its own); a fresh one otherwise. */
  id?: string;
  /** What the attempt's recording says of itself (app, learner, input kind, start); a watched script's when left out. */
  recording?: RecordingInfo;
  /**
   * The learner's dominant hand (null: not known). A left-handed learner performs a protocol that allows it
   * mirrored (`performsMirrored`): the view draws the world reflected and the input sources map the hands
   * through the mirror, so `input` and the recording stay canonical (docs/accessibility.md, "Left-handed").
   */
  handedness?: Hand | null;
  /**
   * The learner asked for the one-handed mode: where the protocol allows it (`performsOneHanded`), the trainee's own
   * attempt gets an assistant that takes the non-dominant hand, its moves merged into every tick's input (and so
   * recorded); the learner's own non-dominant hand is ignored (docs/accessibility.md, "One-handed").
   */
  oneHanded?: boolean;
}

/** The recording header of a session nobody started with one (watching a script): no learner, the script's input. */
const WATCHED_RECORDING: RecordingInfo = {
  app: { name: 'scrub', version: APP_VERSION },
  learner: null,
  handedness: null,
  inputKind: 'script',
  startedAt: null,
};

/** Playback speeds offered when watching a recording. */
export const PLAYBACK_SPEEDS = [1, 2, 4, 8] as const;

/**
 * One attempt in the browser: the deterministic Attempt, its fixed-step clock, and the input of the
 * latest frame. Plain code, no React: the view calls `frame()` once per rendered frame (from useFrame, so
 * that VR sessions drive it too), and reads `attempt` / `sim` to draw.
 */
/** Ticks between the head poses a VR attempt's recording takes (120 Hz / 4 = 30 Hz). */
export const HEAD_EVERY_TICKS = 4;

export class LiveSession {
  /** The attempt's id: its journal's, and the stored attempt's. */
  readonly id: string;
  readonly attempt: Attempt;
  stepper = new FixedStepper();
  readonly seed: number;
  /** The recording being played, or null when the trainee is in control (the test hook may set it to null). */
  player: KeyframePlayer | null;
  speed: number = 1;
  paused = false;
  /**
   * Lock-step (browser tests only, via the test hook): `frame()` runs no ticks and the caller runs them
   * with `stepTicks()`, using the input the input sources last wrote. Off for users.
   */
  manual = false;
  /** Input applied to every tick of the current frame; input sources write it before `frame()`. */
  readonly input: ToolInput = idleInput();
  private readonly onFindings: ((findings: readonly Finding[]) => void) | undefined;
  private readonly frameFindings: Finding[] = [];
  private readonly onDanger: ((warning: DangerWarning) => void) | undefined;
  private frameWarning: DangerWarning | null = null;
  /** How many of each scene event (cut, tear, clip…) the attempt has seen: for the HUD and the tests. */
  readonly sceneEventCounts: Record<string, number> = {};
  /**
   * The attempt's `.scrub` recording as it runs, the one record of its input: fed after every tick, journaled (the
   * trainee's own attempts), stored with the attempt; `inputLog` is read back from it. A recovered attempt's
   * replaces it with one that goes on after the journal's chunks.
   */
  tape: ScrubTape;
  /**
   * The trainee's head pose this frame, in world coordinates (VR: the frame loop writes it), or null. A
   * recording-side stream: the simulation never reads it; the tape records it, held for `HEAD_EVERY_TICKS` ticks.
   */
  readonly head: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
  headTracked = false;
  /** The head pose as recorded: updated from `head` every `HEAD_EVERY_TICKS` ticks (30 Hz), held in between. */
  private readonly recordedHead: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
  /** Appends the recording's new chunks to IndexedDB while the attempt runs (the trainee's own attempts only). */
  journal: LiveJournal | null = null;
  /** Whether the trainee is in control from the start (not watching a recording): such attempts are journaled and saved. */
  readonly own: boolean;
  /** The learner's dominant hand, as the attempt's recording states it. */
  readonly handedness: Hand | null;
  /** Whether the attempt is performed mirrored (a left-handed learner, a protocol that allows it): drawn reflected, hands mapped. */
  readonly mirrored: boolean;
  /** The one-handed mode's assistant, or null (two hands, or watching a recording). */
  readonly assistant: Assistant | null;
  /** What reaches the simulation when an assistant takes a hand: `input` with the assistant's hand in it. */
  private readonly assisted: ToolInput = assistedInput();
  /** The learner the attempt is for, once its journal header is written (or from a recovered journal). */
  profileId: string | null = null;

  constructor(options: LiveSessionOptions) {
    this.id = options.id ?? newUuid();
    this.own = options.script === undefined;
    this.handedness = options.handedness ?? null;
    this.mirrored = performsMirrored(options.protocol, this.handedness);
    this.seed = options.seed;
    const oneHanded = this.own && performsOneHanded(options.protocol, options.oneHanded ?? false);
    this.attempt = new Attempt({
      protocol: options.protocol,
      mode: options.mode,
      seed: options.seed,
      oneHanded,
      ...(options.variant !== undefined ? { variant: options.variant } : {}),
    });
    // Built before the first tick: the assistant finds what it takes in this patient's anatomy at the start.
    this.assistant = oneHanded ? new Assistant(options.protocol, this.attempt.world.scene) : null;
    this.onFindings = options.onFindings;
    this.onDanger = options.mode === 'learn' ? options.onDanger : undefined;
    this.player = options.script ? new KeyframePlayer(options.script) : null;
    this.tape = new ScrubTape(this.attempt, { ...(options.recording ?? WATCHED_RECORDING), oneHanded }, this.seed);
    // Each hand starts with the first instrument the protocol gives it.
    for (const hand of ['left', 'right'] as const) {
      this.input.hands[hand].instrument = options.protocol.instruments.find((i) => i.hand === hand)?.id ?? null;
    }
  }

  get world() {
    return this.attempt.world;
  }

  /**
   * Whether the learner may steer the laparoscope: the world has a held one and the recording records its
   * steering. A recovered attempt whose journal was written before steering was recorded (format version 2 and
   * older) has no such channel: the assistant keeps the scope, and its steering input is dropped before the tick,
   * so the simulation and the recording agree (docs/recordings.md).
   */
  get steerable(): boolean {
    return this.world.laparoscope !== null && this.tape.recorder.writer.header.scope === true;
  }

  get procedureId(): string {
    return this.attempt.protocol.id;
  }

  get mode(): Mode {
    return this.attempt.mode;
  }

  /** Advances by one rendered frame's elapsed seconds; returns the ticks run. */
  frame(deltaSeconds: number): number {
    const ticks = this.paused || this.manual ? 0 : this.stepTicks(this.stepper.advance(deltaSeconds * this.speed));
    // At most every half second a write of the new ticks; otherwise two comparisons.
    this.journal?.pump(this.tape, performance.now());
    return ticks;
  }

  /**
   * Re-simulates recorded inputs (a recovered attempt's journal) as if they had just been played: ticked,
   * counted, recorded on the tape (with the recorded head poses, `headAt`); no findings or warnings are announced
   * (the HUD is rebuilt from the finding log afterwards). The session's input is left at the last one, so the
   * hands hold what they held.
   */
  replay(inputs: readonly ToolInput[], from = 0, to = inputs.length, headAt?: (tick: number) => Pose | null): void {
    for (let i = from; i < to; i++) {
      const input = inputs[i]!;
      this.attempt.tick(input);
      this.tape.afterTick(input, headAt?.(i) ?? undefined);
      for (const e of this.world.scene?.events ?? []) this.sceneEventCounts[e.type] = (this.sceneEventCounts[e.type] ?? 0) + 1;
    }
    const last = inputs[to - 1];
    if (last) {
      for (const hand of ['left', 'right'] as const) {
        const h = last.hands[hand];
        const mine = this.input.hands[hand];
        mine.pose.position = [...h.pose.position];
        mine.pose.orientation = [...h.pose.orientation];
        mine.jaw = h.jaw;
        mine.buttons = h.buttons;
        mine.instrument = h.instrument;
      }
    }
  }

  /** Runs up to `steps` ticks with the current input (a played recording stops at its end); returns the ticks asked for. */
  stepTicks(steps: number): number {
    this.frameFindings.length = 0;
    this.frameWarning = null;
    const steerable = this.steerable;
    for (let i = 0; i < steps; i++) {
      if (this.player) {
        if (this.world.ticks >= this.player.ticks) break;
        this.player.inputAt(this.world.ticks, this.input);
      }
      if (!steerable && this.input.scope) delete this.input.scope;
      const input = this.assistant ? this.assistant.merge(this.input, this.world.ticks, this.assisted) : this.input;
      this.attempt.tick(input);
      this.tape.afterTick(input, this.headForTick(this.world.ticks - 1));
      for (const f of this.attempt.findings) this.frameFindings.push(f);
      this.frameWarning = this.attempt.warnings[0] ?? this.frameWarning;
      for (const e of this.world.scene?.events ?? []) this.sceneEventCounts[e.type] = (this.sceneEventCounts[e.type] ?? 0) + 1;
    }
    if (this.frameFindings.length > 0) this.onFindings?.(this.frameFindings);
    if (this.frameWarning) this.onDanger?.(this.frameWarning);
    return steps;
  }

  /**
   * The head pose the tape records at `tick`: taken from the tracked head on every `HEAD_EVERY_TICKS`th tick and
   * held in between, so that the delta-coded head channels are mostly zeros (a 30 Hz head view is plenty).
   */
  private headForTick(tick: number): Pose {
    if (this.headTracked && tick % HEAD_EVERY_TICKS === 0) {
      const { position: p, orientation: q } = this.head;
      const r = this.recordedHead;
      for (let k = 0; k < 3; k++) r.position[k] = p[k]!;
      for (let k = 0; k < 4; k++) r.orientation[k] = q[k]!;
    }
    return this.recordedHead;
  }

  /** Every tick's input so far, read back from the tape (as recorded: on the input grid), for storage; not per tick. */
  get inputLog(): ToolInput[] {
    return this.tape.inputs();
  }

  /** Faster playback runs more ticks per frame, so the clock's per-frame limits scale with it. */
  setSpeed(speed: number): void {
    this.speed = speed;
    this.stepper = new FixedStepper({ maxFrameSeconds: 0.1 * speed, maxStepsPerFrame: 12 * speed });
  }

  /** Playback one of PLAYBACK_SPEEDS faster (1) or slower (−1), within them; the trainee's own attempt (no recording) runs at 1×. */
  stepSpeed(step: 1 | -1): void {
    if (!this.player) return;
    const i = PLAYBACK_SPEEDS.indexOf(this.speed as (typeof PLAYBACK_SPEEDS)[number]);
    this.setSpeed(PLAYBACK_SPEEDS[Math.min(PLAYBACK_SPEEDS.length - 1, Math.max(0, i + step))]!);
  }

  /** Whether a played recording has run out (the attempt then waits for Finish). */
  get playbackDone(): boolean {
    return this.player !== null && this.world.ticks >= this.player.ticks;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    // Time spent paused is not simulated: drop what the accumulator holds.
    if (paused) this.stepper.reset();
  }
}
