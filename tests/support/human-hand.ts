/**
 * A human hand's imprecision laid over an expert script, seeded (the core's Rng), for the unit tests and
 * scripts/human-table.ts. Three things a person adds that a script does not:
 *
 * - Physiological tremor: per hand and axis, three sines of A/3 each at 8–12 Hz with random phases, so an
 *   axis never leaves ±A (A = `amplitude`), its RMS is A/√6 ≈ 0.41 A, and in 9 cases in 10 it comes within
 *   5 % of A within 10 s (slower where two of its frequencies are close).
 * - Aim drift, corrected by sight: per hand and axis an Ornstein–Uhlenbeck process (time constant 1 s)
 *   low-passed once more (1 s), so it wanders smoothly: spread drift/2, clamped to ±drift; the person sees the residual error `reactionDelay` s late and moves
 *   against it at CORRECTION_RATE. The tip is off by that residual (also clamped to ±drift; typically a
 *   seventh of it). The tremor is too fast for that loop and is not corrected.
 * - Uneven timing ('uneven'): the script held in chunks as a hand moves in sub-movements
 *   (held-chunks.ts: jaws, buttons and instruments change only at chunk boundaries), each chunk lasting
 *   0.8–1.5× its script ticks, now and then followed by a 100–400 ms pause at its pose.
 *
 * Positions only: orientations, jaws, buttons and instruments are the script's (or the chunk's).
 * With amplitude 0, drift 0 and timing 'script' the input is the script's, tick for tick.
 *
 * Optional (`aim`, off unless given): the person aims by sight at where things are in this run rather than
 * where they were in the expert's (aim-at-objects.ts), a shift added on top of the above.
 */
import type { Attempt } from '../../src/core/attempt/attempt.ts';
import type { Report } from '../../src/core/scoring/report.ts';
import { KeyframePlayer, type KeyframeScript } from '../../src/core/recording/keyframes.ts';
import { TICK_HZ } from '../../src/core/kernel/clock.ts';
import { HANDS, type Hand, type ToolInput, type Vec3, idleInput } from '../../src/core/kernel/input.ts';
import { Rng } from '../../src/core/kernel/rng.ts';
import { attemptFor, expertScript } from './experts.ts';
import { type HeldChunk, heldChunks } from './held-chunks.ts';

export interface HumanOptions {
  /** Tremor: each axis's peak, metres (three sines of A/3 each). */
  amplitude: number;
  /** The most the uncorrected aim drift reaches on each axis, metres (default 2 mm; 0: none). */
  drift?: number;
  /** Seconds from seeing the tip's error to correcting it (default 0.15). */
  reactionDelay?: number;
  /** 'script': the script's input at every tick (default); 'uneven': held chunks of uneven length. */
  timing?: 'script' | 'uneven';
  seed: number;
  /** Aiming by sight at this run's objects (playHuman builds it for the attempt); none by default. */
  aim?: AimModel;
}

/** Per tick and hand: the shift of the hand's aim from the script's point, given its motor error (tremor + drift) now. */
export type Aim = (hand: Hand, scriptTick: number, motor: Readonly<Vec3>) => Readonly<Vec3>;
export type AimModel = (script: KeyframeScript, attempt: Attempt, reactionDelay: number) => Aim;

export const TREMOR_HZ = { min: 8, max: 12 } as const;
export const DRIFT = { max: 0.002, timeConstant: 1 } as const;
/** How fast the person takes out the error they see (1/s): × a 0.15 s delay ≈ 0.45, well short of the ≈ 1.6 where the loop would oscillate. */
export const CORRECTION_RATE = 3;
export const TIMING = { slowest: 1.5, fastest: 0.8, pauseChance: 0.1, pause: { min: 0.1, max: 0.4 } } as const;

/** One axis-triple of tremor: `at(t)` is its offset at t seconds. */
export class Tremor {
  private readonly waves: { omega: number; phase: number }[][];

  constructor(
    rng: Rng,
    readonly amplitude: number,
  ) {
    this.waves = [0, 1, 2].map(() => [0, 1, 2].map(() => ({ omega: 2 * Math.PI * rng.range(TREMOR_HZ.min, TREMOR_HZ.max), phase: rng.range(0, 2 * Math.PI) })));
  }

  at(t: number, out: Vec3 = [0, 0, 0]): Vec3 {
    for (let axis = 0; axis < 3; axis++) {
      let sum = 0;
      for (const w of this.waves[axis]!) sum += Math.sin(w.omega * t + w.phase);
      out[axis] = (this.amplitude / 3) * sum;
    }
    return out;
  }
}

/** A drifting aim and its delayed correction: `step()` advances a tick and gives the residual offset. */
export class AimDrift {
  /** White noise low-passed once (`wander`), then again (`aim`): a smooth drift, not a jittery one. */
  private readonly wander: Vec3 = [0, 0, 0];
  private readonly aim: Vec3 = [0, 0, 0];
  private readonly correction: Vec3 = [0, 0, 0];
  /** The residual of the last `delay` ticks (ring buffer, 3 per tick): what the person sees now. */
  private readonly seen: Float64Array;
  private tick = 0;
  private readonly delay: number;
  private readonly keep = Math.exp(-1 / (DRIFT.timeConstant * TICK_HZ));

  constructor(
    private readonly rng: Rng,
    readonly max: number,
    reactionDelay: number,
  ) {
    this.delay = Math.max(1, Math.round(reactionDelay * TICK_HZ));
    this.seen = new Float64Array(3 * this.delay);
  }

  step(out: Vec3 = [0, 0, 0]): Vec3 {
    const slot = 3 * (this.tick % this.delay);
    // The second low-pass halves the variance: wander's spread √2·max/2 gives the aim's max/2.
    const spread = Math.SQRT1_2 * this.max * Math.sqrt(1 - this.keep * this.keep);
    for (let axis = 0; axis < 3; axis++) {
      this.wander[axis] = this.wander[axis]! * this.keep + spread * gaussian(this.rng);
      this.aim[axis] = clamp(this.aim[axis]! + (1 - this.keep) * (this.wander[axis]! - this.aim[axis]!), this.max);
      this.correction[axis] = this.correction[axis]! - (CORRECTION_RATE / TICK_HZ) * this.seen[slot + axis]!;
      const residual = clamp(this.aim[axis]! + this.correction[axis]!, this.max);
      this.correction[axis] = residual - this.aim[axis]!;
      this.seen[slot + axis] = residual;
      out[axis] = residual;
    }
    this.tick++;
    return out;
  }
}

/** The script's held chunks (start = script tick) stretched as a person's: ≥ 0.8× each, sometimes a pause. */
export function unevenChunks(chunks: readonly HeldChunk[], rng: Rng): HeldChunk[] {
  return chunks.map((chunk) => {
    let ticks = Math.ceil(chunk.ticks * rng.range(TIMING.fastest, TIMING.slowest));
    if (rng.next() < TIMING.pauseChance) ticks += Math.round(rng.range(TIMING.pause.min, TIMING.pause.max) * TICK_HZ);
    return { ...chunk, ticks };
  });
}

/** One played tick: the human's input and the script tick it was aimed at. One object, rewritten each tick. */
export interface HumanTick {
  input: ToolInput;
  scriptTick: number;
}

/** The human's input tick by tick (as `attempt.tick` takes it). Same script and options: same inputs. */
export function* humanInputs(script: KeyframeScript, options: HumanOptions, aim?: Aim): Generator<HumanTick> {
  const master = new Rng(options.seed);
  const [tremorRng, driftRng, timingRng] = [0, 1, 2].map(() => new Rng(master.nextUint32()));
  const hands = HANDS.map((hand) => ({
    hand,
    tremor: new Tremor(tremorRng!, options.amplitude),
    drift: new AimDrift(driftRng!, options.drift ?? DRIFT.max, options.reactionDelay ?? 0.15),
  }));
  const player = new KeyframePlayer(script);
  const out: HumanTick = { input: idleInput(), scriptTick: 0 };
  const shake: Vec3 = [0, 0, 0];
  const off: Vec3 = [0, 0, 0];
  let tick = 0;
  const emit = (base: ToolInput, scriptTick: number): HumanTick => {
    for (const { hand, tremor, drift } of hands) {
      tremor.at(tick / TICK_HZ, shake);
      drift.step(off);
      copyHand(base, out.input, hand);
      const p = out.input.hands[hand].pose.position;
      for (let axis = 0; axis < 3; axis++) p[axis] = p[axis]! + shake[axis]! + off[axis]!;
      if (aim) {
        const shift = aim(hand, scriptTick, [shake[0] + off[0], shake[1] + off[1], shake[2] + off[2]]);
        for (let axis = 0; axis < 3; axis++) p[axis] = p[axis]! + shift[axis]!;
      }
    }
    out.scriptTick = scriptTick;
    tick++;
    return out;
  };
  if ((options.timing ?? 'script') === 'script') {
    const base = idleInput();
    for (let t = 0; t < player.ticks; t++) yield emit(player.inputAt(t, base), t);
    return;
  }
  for (const chunk of unevenChunks(heldChunks(player), timingRng!)) {
    for (let i = 0; i < chunk.ticks; i++) yield emit(chunk.input, chunk.start);
  }
}

/**
 * The human's input as held chunks (uneven timing), each held at the input of its first tick — drift and a
 * tremor sample included: what a test can perform through a real input path (emulated controllers), where
 * the input changes once per chunk rather than per tick.
 */
export function humanChunks(script: KeyframeScript, options: Omit<HumanOptions, 'timing'>): HeldChunk[] {
  const chunks: HeldChunk[] = [];
  let last = -1;
  for (const { input, scriptTick } of humanInputs(script, { ...options, timing: 'uneven' })) {
    const chunk = chunks[chunks.length - 1];
    if (chunk && scriptTick === last) chunk.ticks++;
    else chunks.push({ start: scriptTick, ticks: 1, input: structuredClone(input) });
    last = scriptTick;
  }
  return chunks;
}

export interface HumanPlay {
  report: Report;
  attempt: Attempt;
  /** The script tick each played tick was aimed at (to read a finding's time on the script's clock). */
  scriptTicks: Int32Array;
}

/** Plays the named expert script (assets/experts/<name>.json) through the human model, then `finish()`. */
export function playHuman(name: string, options: HumanOptions): HumanPlay {
  const script = expertScript(name);
  const attempt = attemptFor(script);
  const scriptTicks: number[] = [];
  const aim = options.aim?.(script, attempt, options.reactionDelay ?? 0.15);
  for (const { input, scriptTick } of humanInputs(script, options, aim)) {
    attempt.tick(input);
    scriptTicks.push(scriptTick);
  }
  attempt.finish();
  return { report: attempt.report(), attempt, scriptTicks: Int32Array.from(scriptTicks) };
}

function copyHand(from: ToolInput, to: ToolInput, hand: Hand): void {
  const a = from.hands[hand];
  const b = to.hands[hand];
  b.pose.position = [...a.pose.position];
  b.pose.orientation = [...a.pose.orientation];
  b.jaw = a.jaw;
  b.buttons = a.buttons;
  b.instrument = a.instrument;
}

function clamp(x: number, max: number): number {
  return Math.min(max, Math.max(-max, x));
}

/** Standard normal (Box–Muller; 1 − u keeps the log finite). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
