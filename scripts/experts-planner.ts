/**
 * Builds keyframe scripts closed-loop: keyframes are added hand by hand, and the attempt is simulated up
 * to the time both hands' paths are fixed, so later keyframes can aim at where things really are (a ring
 * after it fell onto a peg). The script is plain data; replaying it gives the same run (determinism).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attempt } from '../src/core/attempt/attempt.ts';
import { type Protocol, loadProtocol } from '../src/core/procedure/index.ts';
import { KeyframePlayer, type Keyframe, type KeyframeScript } from '../src/core/recording/keyframes.ts';
import { type Hand, type Quat, type Vec3, TICK_HZ, idleInput } from '../src/core/sim/index.ts';

export function loadProcedure(id: string): Protocol {
  const file = join(import.meta.dirname, '../procedures', `${id}.yaml`);
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.protocol;
}

/** Rounds to 0.01 mm, so the files stay readable; the planner simulates the rounded values. */
const r5 = (x: number): number => Math.round(x * 1e5) / 1e5;
/** Keyframe times fall on ticks, so a script reaches every keyframe exactly (six decimals keep it so). */
const onTick = (t: number): number => Math.round(Math.round(t * TICK_HZ) / TICK_HZ * 1e6) / 1e6;

export interface KeyOptions {
  orientation?: Quat;
  buttons?: number;
  instrument?: string | null;
}

export class Planner {
  readonly protocol: Protocol;
  readonly seed: number;
  readonly variant: string | undefined;
  readonly attempt: Attempt;
  readonly frames: Record<Hand, Keyframe[]> = { left: [], right: [] };
  /** Per hand: the time of its latest keyframe. */
  readonly cursor: Record<Hand, number> = { left: 0, right: 0 };
  private simulatedTicks = 0;

  constructor(procedure: string, seed: number, variant?: string) {
    this.protocol = loadProcedure(procedure);
    this.seed = seed;
    this.variant = variant;
    this.attempt = new Attempt({ protocol: this.protocol, mode: 'assess', seed, ...(variant !== undefined ? { variant } : {}) });
  }

  /** The hand's latest keyframe (its current target). */
  last(hand: Hand): Keyframe {
    const f = this.frames[hand].at(-1);
    if (!f) throw new Error(`${hand} has no keyframe yet`);
    return f;
  }

  /** A keyframe at an absolute time. */
  key(hand: Hand, t: number, position: Vec3, jaw: number, options: KeyOptions = {}): this {
    const frame: Keyframe = { t: onTick(t), position: [r5(position[0]), r5(position[1]), r5(position[2])], jaw };
    if (options.orientation) frame.orientation = options.orientation.map(r5) as Quat;
    if (options.buttons !== undefined) frame.buttons = options.buttons;
    if (options.instrument !== undefined) frame.instrument = options.instrument;
    this.frames[hand].push(frame);
    this.cursor[hand] = frame.t;
    return this;
  }

  /** Moves the hand to `position` over `seconds` from its latest keyframe (jaw kept unless given). */
  move(hand: Hand, position: Vec3, seconds: number, jaw = this.last(hand).jaw, options: KeyOptions = {}): this {
    return this.key(hand, this.cursor[hand] + seconds, position, jaw, options);
  }

  /** Stays where it is for `seconds` (optionally changing the jaw or buttons over that time). */
  hold(hand: Hand, seconds: number, jaw = this.last(hand).jaw, options: KeyOptions = {}): this {
    return this.move(hand, [...this.last(hand).position], seconds, jaw, options);
  }

  /** From the next tick on, the hand presses these buttons (and holds this instrument, when given). */
  press(hand: Hand, buttons: number, instrument?: string | null): this {
    return this.hold(hand, 1 / TICK_HZ, this.last(hand).jaw, { buttons, ...(instrument !== undefined ? { instrument } : {}) });
  }

  /** Holds the hand until time t. */
  waitUntil(hand: Hand, t: number): this {
    return t > this.cursor[hand] ? this.hold(hand, t - this.cursor[hand]) : this;
  }

  /** Both hands wait for each other. */
  sync(): number {
    const t = Math.max(this.cursor.left, this.cursor.right);
    this.waitUntil('left', t).waitUntil('right', t);
    return t;
  }

  /** Simulates every tick whose input is already fixed (up to the earlier of the hands' latest keyframes). */
  simulate(): Attempt {
    const until = Math.floor(Math.min(this.cursor.left, this.cursor.right) * TICK_HZ + 1e-9);
    const player = new KeyframePlayer(this.script(''));
    const input = idleInput();
    for (; this.simulatedTicks <= until; this.simulatedTicks++) this.attempt.tick(player.inputAt(this.simulatedTicks, input));
    return this.attempt;
  }

  script(description: string, duration?: number): KeyframeScript {
    return {
      format: 'scrub-keyframes',
      version: 1,
      procedure: this.protocol.id,
      seed: this.seed,
      ...(this.variant !== undefined ? { variant: this.variant } : {}),
      description,
      ...(duration !== undefined ? { duration: onTick(duration) } : {}),
      hands: { left: [...this.frames.left], right: [...this.frames.right] },
    };
  }
}

/** Tip-frame orientation whose shaft (local +z) points along `shaft` (towards the hand), edge-on roll. */
export function shaftAlong(shaft: Vec3): Quat {
  const n = Math.hypot(...shaft);
  const d: Vec3 = [shaft[0] / n, shaft[1] / n, shaft[2] / n];
  // Shortest rotation from +z to d: axis z × d, half-angle quaternion.
  const w = 1 + d[2];
  if (w < 1e-9) return [1, 0, 0, 0];
  const q: Quat = [-d[1], d[0], 0, w];
  const m = Math.hypot(...q);
  return [q[0] / m, q[1] / m, q[2] / m, q[3] / m];
}
