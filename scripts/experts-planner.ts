/**
 * Builds keyframe scripts closed-loop: keyframes are added hand by hand, and the attempt is simulated up
 * to the time both hands' paths are fixed, so later keyframes can aim at where things really are (a ring
 * after it fell onto a peg). The script is plain data; replaying it gives the same run (determinism).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attempt } from '../src/core/attempt/attempt.ts';
import { type Protocol, loadProtocol } from '../src/core/procedure/index.ts';
import { KeyframePlayer, type Keyframe, type KeyframeScript, slerp } from '../src/core/recording/keyframes.ts';
import { type Hand, type HandInput, type Quat, type Vec3, TICK_HZ, idleInput } from '../src/core/kernel/index.ts';
import { PORTS } from '../src/core/kernel/or-layout.ts';
import { isLaparoscopic } from '../src/core/world/instruments/catalog.ts';
import { throughPortToTip } from '../src/core/world/instruments/ports.ts';

export function loadProcedure(id: string): Protocol {
  const file = join(import.meta.dirname, '../procedures', `${id}.yaml`);
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.protocol;
}

/** Rounds to 0.01 mm, so the files stay readable; the planner simulates the rounded values. */
const r5 = (x: number): number => Math.round(x * 1e5) / 1e5;
/** Keyframe times fall on ticks, so a script reaches every keyframe exactly (six decimals keep it so). */
const onTick = (t: number): number => Math.round((Math.round(t * TICK_HZ) / TICK_HZ) * 1e6) / 1e6;

export interface KeyOptions {
  /**
   * Tip orientation; for a laparoscopic instrument, the roll wanted about the shaft (the planner turns it
   * onto the port's line, as the app does). Left out: the hand's latest.
   */
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
  /** Per hand: the orientation asked for last (a laparoscopic keyframe's is this, turned onto the port's line). */
  private readonly wanted: Record<Hand, Quat> = { left: [0, 0, 0, 1], right: [0, 0, 0, 1] };
  private readonly instrument: Record<Hand, string | null> = { left: null, right: null };

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

  /**
   * A keyframe at an absolute time. A laparoscopic instrument's keyframe always carries its orientation:
   * the wanted one turned onto the line from the hand's port to the tip, the shaft through the port, as
   * the app's input paths give it (`throughPortToTip`): the script is what a hand at the port can do.
   */
  key(hand: Hand, t: number, position: Vec3, jaw: number, options: KeyOptions = {}): this {
    const frame: Keyframe = { t: onTick(t), position: [r5(position[0]), r5(position[1]), r5(position[2])], jaw };
    const before = this.instrument[hand];
    if (options.instrument !== undefined) this.instrument[hand] = options.instrument;
    if (options.orientation) this.wanted[hand] = [...options.orientation];
    // The shaft through the port: this keyframe's instrument's, or (put down here) the one held up to it.
    const shaft = isLaparoscopic(this.instrument[hand]) ? this.instrument[hand] : before !== null && isLaparoscopic(before) ? before : null;
    if (shaft !== null) {
      frame.orientation = portOrientation(hand, shaft, frame.position, this.wanted[hand]);
      // The next keyframe turns this one onto its line (parallel transport): no twist between them to slerp.
      this.wanted[hand] = [...frame.orientation];
      const previous = this.frames[hand].at(-1);
      if (previous && before !== null && isLaparoscopic(before)) this.frames[hand].push(...portSegment(hand, before, previous, frame));
    } else if (options.orientation) frame.orientation = options.orientation.map(r5) as Quat;
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

/**
 * The tip orientation the app gives a laparoscopic instrument at `tip` held with orientation `wanted`:
 * +z along the line from the tip to the hand's port, the roll about it kept (rounded to 5 decimals).
 */
export function portOrientation(hand: Hand, instrument: string | null, tip: Vec3, wanted: Quat): Quat {
  const input: HandInput = { pose: { position: [...tip], orientation: [...wanted] }, jaw: 0, buttons: 0, instrument };
  throughPortToTip(hand, input);
  const q = input.pose.orientation;
  const n = Math.hypot(...q);
  return [r5(q[0] / n), r5(q[1] / n), r5(q[2] / n), r5(q[3] / n)];
}

/** How far the shaft line may pass from the port at any tick of a generated script (m). */
export const PORT_TOLERANCE = 0.0003;

/**
 * Keyframes to put between two port-consistent keyframes a and b so that at every tick between them
 * the shaft line (slerped orientation, linear tip) passes within PORT_TOLERANCE of the port: the tip's
 * line of sight from the port turns at an uneven rate along a straight move, the slerp evenly.
 * Each added keyframe lies on a–b's path (position and jaw), its orientation turned onto its port line.
 */
function portSegment(hand: Hand, instrument: string, a: Keyframe, b: Keyframe): Keyframe[] {
  const ta = Math.round(a.t * TICK_HZ),
    tb = Math.round(b.t * TICK_HZ);
  for (let n = 1; n < tb - ta; n++) {
    const frames: Keyframe[] = [a];
    for (let k = 1; k < n; k++) {
      const u = Math.round((k * (tb - ta)) / n) / (tb - ta);
      const position = lerp3(a.position, b.position, u);
      const wanted = slerp(a.orientation!, b.orientation!, u);
      frames.push({
        t: onTick((ta + u * (tb - ta)) / TICK_HZ),
        position,
        jaw: a.jaw + (b.jaw - a.jaw) * u,
        orientation: portOrientation(hand, instrument, position, wanted),
      });
    }
    frames.push(b);
    if (maxOffPort(hand, frames) <= PORT_TOLERANCE) return frames.slice(1, -1);
  }
  return [];
}

function lerp3(a: readonly number[], b: readonly number[], u: number): Vec3 {
  return [r5(a[0]! + (b[0]! - a[0]!) * u), r5(a[1]! + (b[1]! - a[1]!) * u), r5(a[2]! + (b[2]! - a[2]!) * u)];
}

/** Over the ticks of a run of keyframes (as the player interpolates them): the largest shaft-line distance from the port. */
function maxOffPort(hand: Hand, frames: readonly Keyframe[]): number {
  let worst = 0;
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1]!,
      b = frames[i]!;
    const ta = Math.round(a.t * TICK_HZ),
      tb = Math.round(b.t * TICK_HZ);
    for (let tick = ta + 1; tick < tb; tick++) {
      const u = (tick / TICK_HZ - a.t) / (b.t - a.t);
      worst = Math.max(worst, shaftOffPort(hand, lerp3(a.position, b.position, u), slerp(a.orientation!, b.orientation!, u)));
    }
  }
  return worst;
}

/** Distance from the hand's port to the shaft line (from the tip along the tip frame's +z), m. */
export function shaftOffPort(hand: Hand, tip: readonly number[], orientation: Quat): number {
  const p = PORTS[hand].position;
  const d = [p[0] - tip[0]!, p[1] - tip[1]!, p[2] - tip[2]!];
  const [x, y, z, w] = orientation;
  const n = Math.hypot(x, y, z, w);
  const a = [(2 * (x * z + w * y)) / (n * n), (2 * (y * z - w * x)) / (n * n), 1 - (2 * (x * x + y * y)) / (n * n)];
  const along = d[0]! * a[0]! + d[1]! * a[1]! + d[2]! * a[2]!;
  if (along <= 0) return Math.hypot(d[0]!, d[1]!, d[2]!);
  return Math.hypot(d[1]! * a[2]! - d[2]! * a[1]!, d[2]! * a[0]! - d[0]! * a[2]!, d[0]! * a[1]! - d[1]! * a[0]!);
}

/** Tip-frame orientation with its +z along `z` and its +y as near `y` as that allows (a rotation matrix's columns to a quaternion). */
export function frameOf(z: Vec3, y: Vec3): Quat {
  const nz = Math.hypot(...z);
  const Z: Vec3 = [z[0] / nz, z[1] / nz, z[2] / nz];
  const yz = y[0] * Z[0] + y[1] * Z[1] + y[2] * Z[2];
  let Y: Vec3 = [y[0] - yz * Z[0], y[1] - yz * Z[1], y[2] - yz * Z[2]];
  const ny = Math.hypot(...Y);
  if (ny < 1e-9) return shaftAlong(Z);
  Y = [Y[0] / ny, Y[1] / ny, Y[2] / ny];
  const X: Vec3 = [Y[1] * Z[2] - Y[2] * Z[1], Y[2] * Z[0] - Y[0] * Z[2], Y[0] * Z[1] - Y[1] * Z[0]];
  // Columns X, Y, Z; Shepperd's method.
  const [m00, m11, m22] = [X[0], Y[1], Z[2]];
  const trace = m00 + m11 + m22;
  let q: Quat;
  if (trace > 0) {
    const s = Math.sqrt(trace + 1) * 2;
    q = [(Y[2] - Z[1]) / s, (Z[0] - X[2]) / s, (X[1] - Y[0]) / s, s / 4];
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    q = [s / 4, (Y[0] + X[1]) / s, (Z[0] + X[2]) / s, (Y[2] - Z[1]) / s];
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    q = [(Y[0] + X[1]) / s, s / 4, (Z[1] + Y[2]) / s, (Z[0] - X[2]) / s];
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    q = [(Z[0] + X[2]) / s, (Z[1] + Y[2]) / s, s / 4, (X[1] - Y[0]) / s];
  }
  const n = Math.hypot(...q);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
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
