import { Euler, Quaternion } from 'three';
import type { Page } from 'playwright-core';
import { Button, type Hand, type HandInput } from '../../../src/core/sim/index.ts';
import { ROLL_STEP, TURN_PER_PIXEL, type HandState } from '../../../src/input/desktop-input.ts';
import { DEFAULT_KEYMAP } from '../../../src/input/keymap.ts';
import type { DesktopAim, SessionView, TestHook } from '../../../src/dev/test-hook.ts';

/**
 * Performing a script with the mouse and keyboard as a person would — Playwright mouse and key events
 * only, on the app's default keys (src/input/keymap.ts): number keys pick instruments, H switches hands,
 * Shift + right drag tilts and turns the instrument, Q/E turn it about the shaft, the wheel (Shift: fine)
 * sets the height, the left button closes the jaws (held through a hand switch, it keeps that hand
 * holding), D held declares. The test hook only answers where to put the cursor (`desktopAim`, the
 * input's own raycast inverted) and reads state; every change reaches the app through input events.
 */
type Hook = Pick<TestHook, 'desktopState' | 'desktopAim' | 'input'>;
type Wanted = Pick<HandInput, 'pose' | 'jaw' | 'buttons' | 'instrument'>;

const POSITION_TOLERANCE = 0.0002;
/** Turning is only redone beyond this (radians): the roll keys step 2°. */
const TURN_TOLERANCE = (1.5 * Math.PI) / 180;

export class MouseDriver {
  private button = false;
  private declaring = false;
  private cursor = { x: 0, y: 0 };
  /** Ticks have run since the last frame: the scene's objects are not yet drawn where the simulation has them. */
  private stale = false;
  /** Largest distance between a wanted tip and the one the app read, so far (m). */
  worstTip = 0;

  constructor(
    private readonly page: Page,
    private readonly instruments: readonly string[],
  ) {}

  /** Puts the cursor over the canvas (where the wheel and the first aim start). */
  async start(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
    this.cursor = { x, y };
  }

  /** Runs `ticks` ticks with the input the app last read; returns the tick count and what the HUD shows. */
  async step(ticks: number): Promise<[number, SessionView['hud']]> {
    this.stale = true;
    return this.page.evaluate((k) => {
      const hook = (window as unknown as { __scrub: TestHook }).__scrub;
      const tick = hook.stepTicks(k);
      return [tick, (hook.state() as SessionView).hud] as [number, SessionView['hud']];
    }, ticks);
  }

  /** Makes the app's input for both hands what `want` says, then waits until a frame has read it. */
  async drive(want: Record<Hand, Wanted>): Promise<void> {
    const now = await this.page.evaluate(() => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      return { desktop: hook.desktopState()!, input: hook.input()! };
    });
    // The active hand first, then the other: at most one hand switch a call.
    const order: Hand[] = now.desktop.hand === 'right' ? ['right', 'left'] : ['left', 'right'];
    let active = now.desktop.hand;
    const expected: Partial<Record<Hand, number[]>> = {};
    for (const hand of order) {
      const w = want[hand];
      const have = now.input[hand];
      const state = now.desktop.hands[hand];
      const closed = w.jaw > 0.5 || (w.buttons & Button.activate) !== 0;
      const declare = (w.buttons & Button.secondary) !== 0;
      const moved = Math.hypot(...w.pose.position.map((v, i) => v - have.position[i]!)) > POSITION_TOLERANCE;
      const turn = angle(w.pose.orientation, have.orientation) > TURN_TOLERANCE ? this.turnFor(w, state) : null;
      const needed = moved || turn !== null || closed !== state.closed || (w.instrument !== null && w.instrument !== have.instrument) || declare !== ((have.buttons & Button.secondary) !== 0);
      if (!needed) continue;
      if (active !== hand) {
        await this.page.keyboard.press(DEFAULT_KEYMAP.switchHand);
        active = hand;
      }
      if (w.instrument !== null && w.instrument !== have.instrument) {
        const slot = this.instruments.indexOf(w.instrument);
        if (slot < 0) throw new Error(`instrument ${w.instrument} is not in the protocol's list`);
        await this.page.keyboard.press(String(slot + 1));
      }
      if (declare !== this.declaring) {
        await (declare ? this.page.keyboard.down(DEFAULT_KEYMAP.declare) : this.page.keyboard.up(DEFAULT_KEYMAP.declare));
        this.declaring = declare;
      }
      if (turn) await this.turn(turn);
      const aim = await this.aim(w.pose.position, state.heldHeight === null);
      expected[hand] = aim.tip;
      if (closed && !state.closed) {
        if (this.button) await this.page.mouse.up();
        await this.page.mouse.down();
        this.button = true;
      } else if (!closed && state.closed) {
        if (!this.button) await this.page.mouse.down();
        await this.page.mouse.up();
        this.button = false;
      }
    }
    if (Object.keys(expected).length === 0) return;
    // The input is read once a frame: wait until a frame has put the tips where the aims said.
    const reached = (e: Partial<Record<Hand, number[]>>): boolean => {
      const input = (window as unknown as { __scrub: Hook }).__scrub.input()!;
      return Object.entries(e).every(([h, tip]) => {
        const p = input[h as Hand].position;
        return Math.hypot(p[0]! - tip![0]!, p[1]! - tip![1]!, p[2]! - tip![2]!) < 1e-6;
      });
    };
    await this.page.waitForFunction(reached, expected, { timeout: 10_000 }).catch(async (error: unknown) => {
      const seen = await this.page.evaluate(() => {
        const hook = (window as unknown as { __scrub: Hook }).__scrub;
        return { input: hook.input(), desktop: hook.desktopState() };
      });
      throw new Error(`the app's input did not become ${JSON.stringify(expected)}: ${JSON.stringify(seen)} (${String(error)})`);
    });
    for (const hand of Object.keys(expected) as Hand[]) {
      const tip = expected[hand]!;
      this.worstTip = Math.max(this.worstTip, Math.hypot(...want[hand].pose.position.map((v, i) => v - tip[i]!)));
    }
  }

  /**
   * Yaw and tilt (pixels of Shift + right drag) and roll (Q/E presses) that take the hand's turn to the
   * wanted orientation. A laparoscopic instrument is turned the same way: set to the wanted orientation,
   * the port leaves it as it is (the scripts' orientations lie along the port-to-tip line).
   */
  private turnFor(w: Wanted, state: HandState): { dx: number; dy: number; presses: number } | null {
    const [x, y, z, qw] = w.pose.orientation;
    const e = new Euler().setFromQuaternion(new Quaternion(x, y, z, qw), 'YXZ');
    const dx = Math.round(-wrap(e.y - state.yaw) / TURN_PER_PIXEL);
    const dy = Math.round(-(e.x - state.tilt) / TURN_PER_PIXEL);
    const presses = Math.round(wrap(e.z - state.roll) / ROLL_STEP);
    return dx === 0 && dy === 0 && presses === 0 ? null : { dx, dy, presses };
  }

  private async turn({ dx, dy, presses }: { dx: number; dy: number; presses: number }): Promise<void> {
    const { mouse, keyboard } = this.page;
    if (dx !== 0 || dy !== 0) {
      await keyboard.down('Shift');
      await mouse.down({ button: 'right' });
      await mouse.move(this.cursor.x + dx, this.cursor.y + dy);
      await mouse.up({ button: 'right' });
      await keyboard.up('Shift');
      // Back over the canvas, where the wheel and the aim work from.
      await mouse.move(this.cursor.x, this.cursor.y);
    }
    const key = presses > 0 ? DEFAULT_KEYMAP.rollRight : DEFAULT_KEYMAP.rollLeft;
    for (let i = 0; i < Math.abs(presses); i++) await keyboard.press(key);
  }

  private async aim(target: number[], overSurface: boolean): Promise<DesktopAim> {
    if (overSurface && this.stale) {
      // The cursor's ray meets the scene as drawn: let a frame draw the ticks just run (the app's frame
      // callback was queued before this one, so it has run when this resolves).
      await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      this.stale = false;
    }
    const aim = await this.page.evaluate((t) => (window as unknown as { __scrub: Hook }).__scrub.desktopAim(t), target);
    if (!aim) throw new Error(`no cursor position puts the tip at ${target.map((v) => v.toFixed(4)).join(', ')}`);
    const { mouse, keyboard } = this.page;
    // A quick spin of the wheel: one event of several notches (the input counts ~100 px a notch).
    if (aim.coarse !== 0) await mouse.wheel(0, -100 * aim.coarse);
    if (aim.fine !== 0) {
      await keyboard.down('Shift');
      await mouse.wheel(0, -100 * aim.fine);
      await keyboard.up('Shift');
    }
    await mouse.move(aim.x, aim.y);
    this.cursor = { x: aim.x, y: aim.y };
    return aim;
  }
}

function angle(a: readonly number[], b: readonly number[]): number {
  const dot = Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!);
  return 2 * Math.acos(Math.min(1, dot));
}

function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}
