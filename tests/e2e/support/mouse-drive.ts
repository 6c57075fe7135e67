import { Euler, Quaternion } from 'three';
import type { Page } from 'playwright-core';
import { Button, type Hand, type HandInput, type Vec3 } from '../../../src/core/sim/index.ts';
import { isLaparoscopic, throughPortToTip } from '../../../src/input/laparoscopy.ts';
import { ROLL_STEP, TURN_PER_PIXEL, type HandState } from '../../../src/input/desktop-input.ts';
import { DEFAULT_KEYMAP } from '../../../src/input/keymap.ts';
import type { DesktopAim, SessionView, TestHook } from '../../../src/dev/test-hook.ts';

/**
 * Performing a script with the mouse and keyboard as a person would — Playwright mouse and key events
 * only, on the app's default keys (src/input/keymap.ts): number keys pick instruments (0 puts it down), H switches hands,
 * Shift + right drag tilts and turns the instrument, Q/E turn it about the shaft, the wheel (Shift: fine)
 * sets the height, the left button closes the jaws (held through a hand switch, it keeps that hand
 * holding), D held declares. The test hook only answers where to put the cursor (`desktopAim`, the
 * input's own raycast inverted) and reads state; every change reaches the app through input events.
 */
type Hook = Pick<TestHook, 'desktopState' | 'desktopAim' | 'input'>;
type Wanted = Pick<HandInput, 'pose' | 'jaw' | 'buttons' | 'instrument'>;
/** A turn: pixels of Shift + right drag, Q/E presses, and the yaw and tilt the drag ends at. */
type Turn = { dx: number; dy: number; presses: number; to: Pick<HandState, 'yaw' | 'tilt'> };

const POSITION_TOLERANCE = 0.0002;
/** The longest single Shift + right drag (px). */
const DRAG_PX = 200;
/** Turning is only redone beyond this (radians): the roll keys step 2°. */
const TURN_TOLERANCE = (1.5 * Math.PI) / 180;

export class MouseDriver {
  private button = false;
  private declaring = false;
  private middle = { x: 0, y: 0 };
  /** Ticks have run since the last frame: the scene's objects are not yet drawn where the simulation has them. */
  private stale = false;
  /** Largest distance between a wanted tip and the one the app read, so far (m). */
  worstTip = 0;
  /** Wall-clock milliseconds spent per kind of work, for the test's log. */
  readonly spent: Record<string, number> = {};

  private async timed<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      this.spent[kind] = (this.spent[kind] ?? 0) + Date.now() - t0;
    }
  }

  constructor(
    private readonly page: Page,
    private readonly instruments: readonly string[],
  ) {}

  /** Puts the cursor over the middle of the canvas (where the wheel, the first aim and every turning drag start). */
  async start(x: number, y: number): Promise<void> {
    await this.page.mouse.move(x, y);
    this.middle = { x, y };
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

  /**
   * Makes the app's input for both hands what `want` says. Key events reach the page at once, while mouse
   * moves and wheel turns wait for the next frame, so a key could overtake them: each hand's moves are
   * seen in the app's input before its jaws change, and before the hand is switched.
   */
  async drive(want: Record<Hand, Wanted>): Promise<void> {
    const now = await this.page.evaluate(() => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      return { desktop: hook.desktopState()!, input: hook.input()! };
    });
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
      const needed = moved || turn !== null || closed !== state.closed || w.instrument !== have.instrument || declare !== ((have.buttons & Button.secondary) !== 0);
      if (!needed) continue;
      if (active !== hand) {
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
      if (turn) await this.timed('turn', () => this.turn(hand, turn));
      const aim = await this.aim(w.pose.position, state.heldHeight === null);
      await this.timed('wait', () => this.waitFor(hand, { tip: aim.tip }, aim));
      if (closed !== state.closed) {
        if (closed) {
          if (this.button) await this.page.mouse.up();
          await this.page.mouse.down();
        } else {
          if (!this.button) await this.page.mouse.down();
          await this.page.mouse.up();
        }
        this.button = closed;
        await this.timed('jaws', () => this.waitFor(hand, { jaw: closed ? 1 : 0 }, aim));
      }
      const miss = Math.hypot(...w.pose.position.map((v, i) => v - aim.tip[i]!));
      if (miss > 0.005) console.log(`mouse: ${hand} tip ${(miss * 1000).toFixed(1)} mm from the script's (${w.instrument}, jaw ${w.jaw}, want ${w.pose.position.map((v) => v.toFixed(3))}, got ${aim.tip.map((v) => v.toFixed(3))})`);
      this.worstTip = Math.max(this.worstTip, miss);
    }
  }

  /** Waits until a frame has read what the hand should now have (tip within 1 µm, jaw, turn), else says what it saw. */
  private async waitFor(hand: Hand, want: { tip?: number[]; jaw?: number; turn?: Pick<HandState, 'yaw' | 'tilt'> }, aim?: DesktopAim): Promise<void> {
    const check = ({ h, w }: { h: Hand; w: typeof want }): boolean => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      const input = hook.input()![h];
      const desktop = hook.desktopState()!.hands[h];
      const p = input.position;
      return (
        (!w.tip || Math.hypot(p[0]! - w.tip[0]!, p[1]! - w.tip[1]!, p[2]! - w.tip[2]!) < 1e-6) &&
        (w.jaw === undefined || input.jaw === w.jaw) &&
        (!w.turn || (Math.abs(desktop.yaw - w.turn.yaw) < 1e-9 && Math.abs(desktop.tilt - w.turn.tilt) < 1e-9))
      );
    };
    await this.page.waitForFunction(check, { h: hand, w: want }, { timeout: 10_000 }).catch(async (error: unknown) => {
      const seen = await this.page.evaluate(() => {
        const hook = (window as unknown as { __scrub: Hook }).__scrub;
        return { input: hook.input(), desktop: hook.desktopState() };
      });
      throw new Error(`the ${hand} hand did not become ${JSON.stringify(want)} (aim ${JSON.stringify(aim)}): ${JSON.stringify(seen)} (${String(error)})`);
    });
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
      const given: HandInput = { pose: { position: [...w.pose.position] as Vec3, orientation: [q.x, q.y, q.z, q.w] }, jaw: 0, buttons: 0, instrument: w.instrument };
      throughPortToTip(hand, given);
      const [gx, gy, gz, gw] = given.pose.orientation;
      const twist = new Quaternion(gx, gy, gz, gw).invert().multiply(wanted);
      const presses = Math.round(wrap(2 * Math.atan2(twist.z, twist.w)) / ROLL_STEP);
      return presses === 0 ? null : { dx: 0, dy: 0, presses, to: { yaw: state.yaw, tilt: state.tilt } };
    }
    const current = new Quaternion().setFromEuler(euler);
    if (2 * Math.acos(Math.min(1, Math.abs(current.dot(wanted)))) <= TURN_TOLERANCE) return null;
    const e = new Euler().setFromQuaternion(wanted, 'YXZ');
    const dx = Math.round(-wrap(e.y - state.yaw) / TURN_PER_PIXEL);
    const dy = Math.round(-(e.x - state.tilt) / TURN_PER_PIXEL);
    const presses = Math.round(wrap(e.z - state.roll) / ROLL_STEP);
    if (dx === 0 && dy === 0 && presses === 0) return null;
    return { dx, dy, presses, to: { yaw: state.yaw - dx * TURN_PER_PIXEL, tilt: state.tilt - dy * TURN_PER_PIXEL } };
  }

  private async turn(hand: Hand, { dx, dy, presses, to }: Turn): Promise<void> {
    const { mouse, keyboard } = this.page;
    // Drags of at most DRAG_PX from the middle of the canvas, so the cursor never leaves it.
    let yaw = to.yaw + dx * TURN_PER_PIXEL;
    let tilt = to.tilt + dy * TURN_PER_PIXEL;
    for (let left = { dx, dy }; left.dx !== 0 || left.dy !== 0; ) {
      const sx = Math.max(-DRAG_PX, Math.min(DRAG_PX, left.dx));
      const sy = Math.max(-DRAG_PX, Math.min(DRAG_PX, left.dy));
      await mouse.move(this.middle.x, this.middle.y);
      await keyboard.down('Shift');
      await mouse.down({ button: 'right' });
      await mouse.move(this.middle.x + sx, this.middle.y + sy);
      yaw -= sx * TURN_PER_PIXEL;
      tilt -= sy * TURN_PER_PIXEL;
      // The release must not overtake the drag (moves wait for a frame).
      await this.waitFor(hand, { turn: { yaw, tilt } });
      await mouse.up({ button: 'right' });
      await keyboard.up('Shift');
      left = { dx: left.dx - sx, dy: left.dy - sy };
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
    const aim = await this.timed('aim', () => this.page.evaluate((t) => (window as unknown as { __scrub: Hook }).__scrub.desktopAim(t), target));
    if (!aim) throw new Error(`no cursor position puts the tip at ${target.map((v) => v.toFixed(4)).join(', ')}`);
    await this.timed('move', () => this.cursorTo(aim));
    return aim;
  }

  private async cursorTo(aim: DesktopAim): Promise<void> {
    const { mouse, keyboard } = this.page;
    // Over the aim first (the wheel acts where the cursor is), then a quick spin of the wheel: one event of
    // several notches (the input counts ~100 px a notch). Both wait for the next frame, in order.
    await mouse.move(aim.x, aim.y);
    if (aim.coarse !== 0) await mouse.wheel(0, -100 * aim.coarse);
    if (aim.fine !== 0) {
      await keyboard.down('Shift');
      await mouse.wheel(0, -100 * aim.fine);
      await keyboard.up('Shift');
    }
  }
}

function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}
