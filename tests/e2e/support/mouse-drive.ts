import { Euler, Quaternion } from 'three';
import type { Page } from 'playwright-core';
import { Button, type Hand, type HandInput, type Vec3 } from '../../../src/core/kernel/index.ts';
import { instrumentSpec } from '../../../src/core/world/instruments/catalog.ts';
import { isLaparoscopic } from '../../../src/core/world/instruments/catalog.ts';
import { throughPortToTip } from '../../../src/core/world/instruments/ports.ts';
import { ROLL_STEP, TURN_PER_PIXEL, type HandState } from '../../../src/input/desktop-input.ts';
import { DEFAULT_KEYMAP } from '../../../src/input/keymap.ts';
import type { DesktopAim, SessionView, TestHook } from '../../../src/dev/test-hook.ts';
import type { HeldChunk } from '../../support/held-chunks.ts';

/**
 * Performing a script with the mouse and keyboard as a person would — Playwright mouse and key events
 * only, on the app's default keys (src/input/keymap.ts): number keys pick instruments (0 puts it down), H switches hands,
 * Shift + right drag tilts and turns the instrument, Q/E (held: repeated) turn it about the shaft, the wheel
 * sets the height (sideways: fine), the left button closes the jaws (held through a hand switch, it keeps
 * that hand holding), D held declares. The test hook only answers where to put the cursor (`desktopAim`,
 * the input's own raycast inverted) and reads state; every change reaches the app through input events.
 *
 * Every event costs a round trip of about a software-rendered frame, so the driver sends only the events
 * a chunk needs and checks the result once: the wait for the app to have read them, the ticks and the
 * next chunk's aims are one call in the page (`settleAndStep`).
 */
type Hook = Pick<TestHook, 'desktopState' | 'desktopAim' | 'input' | 'stepTicks' | 'state'>;
type Wanted = Pick<HandInput, 'pose' | 'jaw' | 'buttons' | 'instrument'>;
/** A turn: pixels of Shift + right drag, Q/E presses, and the turn it ends at. */
type Turn = { dx: number; dy: number; presses: number; to: Pick<HandState, 'yaw' | 'tilt' | 'roll'> };
/** What a hand's input must show before ticks run: its tip, jaw and (when turned) turn. */
type Expected = { tip: number[]; jaw: number; turn: Pick<HandState, 'yaw' | 'tilt' | 'roll'> | null };
/** The app after a step: its state, and where to aim each hand for the next chunk's tips. */
interface Now {
  tick: number;
  hud: SessionView['hud'];
  desktop: NonNullable<ReturnType<TestHook['desktopState']>>;
  input: NonNullable<ReturnType<TestHook['input']>>;
  aims: Record<Hand, DesktopAim | null>;
}

const POSITION_TOLERANCE = 0.0002;
/** The longest single Shift + right drag (px). */
const DRAG_PX = 200;
/** Turning is only redone beyond this (radians): the roll keys step 2°. */
const TURN_TOLERANCE = (1.5 * Math.PI) / 180;
/** Tip misses logged (m). */
const MISS_REPORTED = 0.003;
/** Tries at a chunk whose input did not come out as aimed (a cursor move the app read before a change of state). */
const TRIES = 3;

export class MouseDriver {
  private button = false;
  private declaring = false;
  private middle = { x: 0, y: 0 };
  private now: Now | null = null;
  /** Largest distance between a wanted tip and the one the app read, so far (m). */
  worstTip = 0;
  /** Wall-clock milliseconds spent per kind of work, for the test's log. */
  readonly spent: Record<string, number> = {};

  constructor(
    private readonly page: Page,
    private readonly instruments: readonly string[],
  ) {}

  /** Puts the cursor over the middle of the canvas (where the wheel, the first aim and every turning drag start). */
  async start(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
    this.middle = { x, y };
  }

  /** Makes the app's input what the chunk holds, runs its ticks, and returns the tick count and what the HUD shows. */
  async perform(chunk: HeldChunk, next: HeldChunk | undefined): Promise<[number, SessionView['hud']]> {
    const want = chunk.input.hands;
    for (let attempt = 1; ; attempt++) {
      const now = this.now ?? (await this.timed('read', () => this.read(want)));
      const driven = await this.drive(want, now);
      const after =
        'mismatch' in driven ? driven : await this.timed('step', () => this.settleAndStep(driven.expected, chunk.ticks, (next ?? chunk).input.hands));
      if (!('mismatch' in after)) {
        this.now = after;
        return [after.tick, after.hud];
      }
      // Re-aimed from the state the app now has (the next try's aims are for this chunk again).
      this.now = null;
      const report = `at tick ${now.tick} (try ${attempt}) the input did not become what was aimed: ${JSON.stringify(after.mismatch)}`;
      if (attempt === TRIES) throw new Error(report);
      console.log(`mouse: ${report}`);
    }
  }

  private async timed<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      this.spent[kind] = (this.spent[kind] ?? 0) + Date.now() - t0;
    }
  }

  /**
   * Sends the events that make the app's input for both hands what `want` says; returns what each changed
   * hand's input must then show. Key events reach the page at once while mouse moves and wheel turns wait
   * for the next frame, and a frame reads the cursor for the hand active then: before a hand switch, and
   * before a grasping instrument's jaws close or open (the held height is taken from the tip), the moves
   * are first seen read.
   */
  private async drive(want: Record<Hand, Wanted>, now: Now): Promise<{ expected: Partial<Record<Hand, Expected>> } | { mismatch: unknown }> {
    const expected: Partial<Record<Hand, Expected>> = {};
    // The active hand first, then the other: at most one hand switch a call.
    const order: Hand[] = now.desktop.hand === 'right' ? ['right', 'left'] : ['left', 'right'];
    let active = now.desktop.hand;
    for (const hand of order) {
      const w = want[hand];
      const have = now.input[hand];
      const state = now.desktop.hands[hand];
      const closed = w.jaw > 0.5 || (w.buttons & Button.activate) !== 0;
      const declare = (w.buttons & Button.secondary) !== 0;
      const moved = Math.hypot(...w.pose.position.map((v, i) => v - have.position[i]!)) > POSITION_TOLERANCE;
      const turn = this.turnFor(hand, w, state);
      const needed =
        moved || turn !== null || closed !== state.closed || w.instrument !== have.instrument || declare !== ((have.buttons & Button.secondary) !== 0);
      if (!needed) continue;
      const aim = now.aims[hand];
      if (!aim) throw new Error(`no cursor position puts the ${hand} tip at ${w.pose.position.map((v) => v.toFixed(4)).join(', ')}`);
      // Under an overlay (or past the canvas's edge) the events would go elsewhere, and the input never see them.
      if (aim.covered)
        throw new Error(
          `at tick ${now.tick} the cursor for the ${hand} tip (${fmt(w.pose.position)}) would be over ${aim.covered} at (${aim.x.toFixed(0)}, ${aim.y.toFixed(0)}), not the canvas`,
        );
      if (active !== hand) {
        const other = expected[active];
        const seen = other ? await this.timed('settle', () => this.settle({ [active]: other })) : null;
        if (seen) return { mismatch: { expected: { [active]: other }, aim: now.aims[active], seen } };
        await this.page.keyboard.press(DEFAULT_KEYMAP.switchHand);
        active = hand;
      }
      if (w.instrument !== have.instrument) {
        const slot = w.instrument === null ? -1 : this.instruments.indexOf(w.instrument);
        if (w.instrument !== null && slot < 0) throw new Error(`instrument ${w.instrument} is not in the protocol's list`);
        // 0 puts the instrument down.
        await this.page.keyboard.press(String(slot + 1));
      }
      if (declare !== this.declaring) {
        await (declare ? this.page.keyboard.down(DEFAULT_KEYMAP.declare) : this.page.keyboard.up(DEFAULT_KEYMAP.declare));
        this.declaring = declare;
      }
      if (turn) await this.timed('turn', () => this.turn(turn));
      await this.timed('move', () => this.cursorTo(aim));
      expected[hand] = { tip: aim.tip, jaw: closed ? 1 : 0, turn: turn?.to ?? null };
      if (closed !== state.closed) {
        if (instrumentSpec(w.instrument)?.grasps) {
          const before = { [hand]: { ...expected[hand]!, jaw: state.closed ? 1 : 0 } };
          const seen = await this.timed('settle', () => this.settle(before));
          if (seen) return { mismatch: { expected: before, aim, seen } };
        }
        if (closed) {
          if (this.button) await this.page.mouse.up();
          await this.page.mouse.down();
        } else {
          if (!this.button) await this.page.mouse.down();
          await this.page.mouse.up();
        }
        this.button = closed;
      }
      const miss = Math.hypot(...w.pose.position.map((v, i) => v - aim.tip[i]!));
      if (miss > MISS_REPORTED)
        console.log(
          `mouse: at tick ${now.tick} the ${hand} tip is ${(miss * 1000).toFixed(1)} mm from the script's (${w.instrument}, ${state.heldHeight === null ? `height ${(state.depth * 1000).toFixed(1)} mm` : 'holding'}, wanted ${fmt(w.pose.position)}, aimed ${fmt(aim.tip)})`,
        );
      this.worstTip = Math.max(this.worstTip, miss);
    }
    return { expected };
  }

  /** The app's state now, with aims for `want`'s tips (the first chunk, or after a mismatch). */
  private async read(want: Record<Hand, Wanted>): Promise<Now> {
    return (await this.page.evaluate(inPage, { expected: {}, ticks: 0, targets: targetsOf(want) })) as Now;
  }

  /** Waits in the page until a frame has read what `expected` says; null then, else what it saw. */
  private async settle(expected: Partial<Record<Hand, Expected>>): Promise<unknown> {
    const result = await this.page.evaluate(inPage, { expected, ticks: 0, targets: null });
    return result && 'mismatch' in result ? result.mismatch : null;
  }

  /**
   * In one call in the page: waits until a frame has read the expected input, runs the ticks, lets a frame
   * draw them (the cursor's ray meets the scene as drawn), and aims for the next chunk's tips.
   */
  private async settleAndStep(expected: Partial<Record<Hand, Expected>>, ticks: number, next: Record<Hand, Wanted>): Promise<Now | { mismatch: unknown }> {
    return (await this.page.evaluate(inPage, { expected, ticks, targets: targetsOf(next) }))!;
  }

  /**
   * Yaw and tilt (pixels of Shift + right drag) and roll (Q/E presses) that take the hand's turn to the
   * wanted orientation, or null when it is within TURN_TOLERANCE. A laparoscopic instrument's shaft lies
   * along the line from its port whatever the hand's yaw and tilt, and a roll about the hand's own axis
   * turns the tip the same way: only Q/E are needed, the roll being the twist from the tip orientation the
   * app gives at the wanted tip (the same `throughPortToTip`) to the wanted one.
   */
  private turnFor(hand: Hand, w: Wanted, state: HandState): Turn | null {
    const [x, y, z, qw] = w.pose.orientation;
    const wanted = new Quaternion(x, y, z, qw);
    const euler = new Euler(state.tilt, state.yaw, state.roll, 'YXZ');
    if (isLaparoscopic(w.instrument)) {
      const q = new Quaternion().setFromEuler(euler);
      const given: HandInput = {
        pose: { position: [...w.pose.position] as Vec3, orientation: [q.x, q.y, q.z, q.w] },
        jaw: 0,
        buttons: 0,
        instrument: w.instrument,
      };
      throughPortToTip(hand, given);
      const [gx, gy, gz, gw] = given.pose.orientation;
      const twist = new Quaternion(gx, gy, gz, gw).invert().multiply(wanted);
      const presses = Math.round(wrap(2 * Math.atan2(twist.z, twist.w)) / ROLL_STEP);
      return presses === 0 ? null : { dx: 0, dy: 0, presses, to: { yaw: state.yaw, tilt: state.tilt, roll: state.roll + presses * ROLL_STEP } };
    }
    const current = new Quaternion().setFromEuler(euler);
    if (2 * Math.acos(Math.min(1, Math.abs(current.dot(wanted)))) <= TURN_TOLERANCE) return null;
    const e = new Euler().setFromQuaternion(wanted, 'YXZ');
    const dx = Math.round(-wrap(e.y - state.yaw) / TURN_PER_PIXEL);
    const dy = Math.round(-(e.x - state.tilt) / TURN_PER_PIXEL);
    const presses = Math.round(wrap(e.z - state.roll) / ROLL_STEP);
    if (dx === 0 && dy === 0 && presses === 0) return null;
    return { dx, dy, presses, to: { yaw: state.yaw - dx * TURN_PER_PIXEL, tilt: state.tilt - dy * TURN_PER_PIXEL, roll: state.roll + presses * ROLL_STEP } };
  }

  /**
   * Sends a turn's events without waiting for each (each would cost a frame): Playwright sends them in order
   * and the page handles them in order, and the step's settle checks the turn they add up to.
   */
  private async turn({ dx, dy, presses }: Turn): Promise<void> {
    const { mouse, keyboard } = this.page;
    const events: Promise<void>[] = [];
    if (dx !== 0 || dy !== 0) {
      // Drags of at most DRAG_PX from the middle of the canvas, so the cursor never leaves it.
      events.push(keyboard.down('Shift'));
      for (let left = { dx, dy }; left.dx !== 0 || left.dy !== 0; ) {
        const sx = Math.max(-DRAG_PX, Math.min(DRAG_PX, left.dx));
        const sy = Math.max(-DRAG_PX, Math.min(DRAG_PX, left.dy));
        events.push(
          mouse.move(this.middle.x, this.middle.y),
          mouse.down({ button: 'right' }),
          mouse.move(this.middle.x + sx, this.middle.y + sy),
          mouse.up({ button: 'right' }),
        );
        left = { dx: left.dx - sx, dy: left.dy - sy };
      }
      events.push(keyboard.up('Shift'));
    }
    if (presses !== 0) {
      // Held down: each auto-repeat turns another step.
      const key = presses > 0 ? DEFAULT_KEYMAP.rollRight : DEFAULT_KEYMAP.rollLeft;
      for (let i = 0; i < Math.abs(presses); i++) events.push(keyboard.down(key));
      events.push(keyboard.up(key));
    }
    await Promise.all(events);
  }

  /**
   * The cursor over the aim, then one wheel event: vertical notches coarse, sideways ones fine (the input
   * counts ~100 px a notch). Sent together: the wheel goes where the move put the cursor.
   */
  private async cursorTo(aim: DesktopAim): Promise<void> {
    const { mouse } = this.page;
    const events = [mouse.move(aim.x, aim.y)];
    if (aim.coarse !== 0 || aim.fine !== 0) events.push(mouse.wheel(-100 * aim.fine, -100 * aim.coarse));
    await Promise.all(events);
  }
}

function targetsOf(want: Record<Hand, Wanted>): Record<Hand, number[]> {
  return { left: want.left.pose.position, right: want.right.pose.position };
}

/**
 * Runs in the page (sent as source, so self-contained). Waits until a frame's input shows every expected
 * hand's tip (within 1 µm), jaw and turn — after 10 frames it returns what it saw as a mismatch — then runs
 * `ticks` ticks and lets a frame draw them, and with `targets` returns the app's state and the aims for them.
 */
async function inPage({
  expected,
  ticks,
  targets,
}: {
  expected: Partial<Record<Hand, Expected>>;
  ticks: number;
  targets: Record<Hand, number[]> | null;
}): Promise<Now | { mismatch: unknown } | null> {
  const hook = (window as unknown as { __scrub: Hook }).__scrub;
  const settled = (): boolean => {
    const input = hook.input()!;
    const desktop = hook.desktopState()!;
    return (Object.entries(expected) as [Hand, Expected][]).every(([h, e]) => {
      const p = input[h].position;
      const turn = desktop.hands[h];
      return (
        Math.hypot(p[0]! - e.tip[0]!, p[1]! - e.tip[1]!, p[2]! - e.tip[2]!) < 1e-6 &&
        input[h].jaw === e.jaw &&
        (!e.turn || (Math.abs(turn.yaw - e.turn.yaw) < 1e-9 && Math.abs(turn.tilt - e.turn.tilt) < 1e-9 && Math.abs(turn.roll - e.turn.roll) < 1e-9))
      );
    });
  };
  const frame = (): Promise<unknown> => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let left = 10; !settled(); left--) {
    if (left === 0) return { mismatch: { expected, seen: { input: hook.input(), desktop: hook.desktopState() } } };
    await frame();
  }
  if (ticks > 0) {
    hook.stepTicks(ticks);
    await frame();
  }
  if (!targets) return null;
  const view = hook.state() as SessionView;
  return {
    tick: view.tick,
    hud: view.hud,
    desktop: hook.desktopState()!,
    input: hook.input()!,
    aims: { left: hook.desktopAim(targets.left, 'left'), right: hook.desktopAim(targets.right, 'right') },
  };
}

function fmt(v: readonly number[]): string {
  return v.map((x) => x.toFixed(3)).join(', ');
}

function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}
