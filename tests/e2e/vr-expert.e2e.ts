import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestBrowser, openBrowser } from './support/browser.ts';
import { appState, screenshotColours } from './support/app.ts';
import { calibrateGrips, controllerFor, dispatchAll } from './support/vr-drive.ts';
import { KeyframePlayer, parseKeyframeScript } from '../../src/core/recording/keyframes.ts';
import type { Hand, ToolInput } from '../../src/core/sim/index.ts';

const HANDS = ['left', 'right'] as const;
/**
 * Ticks run per controller pose (0.2 s): the sim holds each pose for the chunk. Headless, the FLS
 * expert gives the same steps and errors (all done, none) with 24-tick chunks as tick by tick
 * (tests/unit/experts/ports.test.ts plays it so).
 */
const CHUNK = 24;

type Hook = {
  lockstep(on: boolean): void;
  begin(name: string): void;
  stepTicks(n: number): number;
  state(): { hud: { stepsDone: number; errors: string[]; finished: boolean } };
  input(): Record<Hand, { position: number[]; orientation: number[]; jaw: number; instrument: string | null }> | null;
};

/** Angle between two orientations (quaternions x y z w), degrees. */
function turnDeg(a: number[], b: number[]): number {
  const dot = Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!) / (Math.hypot(...a) * Math.hypot(...b));
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

describe('VR: the expert performed through the emulated controllers', () => {
  let b: TestBrowser;
  beforeAll(async () => {
    // A small window: software GL draws both eyes every frame, and frames are what the lock-step waits on.
    b = await openBrowser(inject('baseUrl'), { width: 480, height: 360 });
  });
  afterAll(async () => {
    expect(b.offsiteRequests, 'requests that left the local server').toEqual([]);
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('FLS peg transfer: every step done (six rings across and back) with no errors, the controllers moved in lock-step', async () => {
    const name = 'fls-peg-transfer';
    const script = parseKeyframeScript(JSON.parse(readFileSync(join(import.meta.dirname, `../../assets/experts/${name}.json`), 'utf8')));
    const player = new KeyframePlayer(script);
    const started = Date.now();

    await b.page.goto(`${inject('baseUrl')}?iwer`);
    await b.page.getByRole('option').first().waitFor();
    await b.page.evaluate((n) => {
      (window as unknown as { __scrub: Hook }).__scrub.lockstep(true);
      (window as unknown as { __scrub: Hook }).__scrub.begin(n);
    }, name);
    await b.page.getByRole('button', { name: 'Enter VR' }).click();
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
    expect((await appState(b.page)).tick).toBe(0);

    const offsets = await calibrateGrips(b.page);
    const input: ToolInput = player.inputAt(0);
    for (const h of HANDS) {
      // Each hand already holds the instrument the script starts with (the protocol's first for that hand).
      expect((await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.input()))?.[h].instrument).toBe(input.hands[h].instrument);
    }

    // The whole script: its tip orientations lie on the line from each hand's port to the tip (only the
    // roll about the shaft free; tests/unit/experts/ports.test.ts), so the app's controller path, the
    // handle pivoting in the port, gives the script's tip poses, orientations included.
    let tick = 0;
    let chunks = 0;
    let worstTurn = 0;
    let hud = { stepsDone: 0, errors: [] as string[], finished: false };
    while (tick < player.ticks && !hud.finished) {
      const n = Math.min(CHUNK, player.ticks - tick);
      player.inputAt(tick + Math.floor((n - 1) / 2), input);
      const commands: [string, Record<string, unknown>][] = [];
      const expected = {} as Record<Hand, { position: number[]; jaw: number }>;
      for (const h of HANDS) {
        const { params, tip } = controllerFor(h, input.hands[h], offsets[h]);
        const jaw = input.hands[h].jaw;
        commands.push(['set_transform', params]);
        commands.push(['set_gamepad_state', { device: `controller-${h}`, buttons: [{ index: 0, value: jaw, touched: jaw > 0 }] }]);
        expected[h] = { position: tip.position, jaw };
      }
      await dispatchAll(b.page, commands);
      // The app has read these controllers: its input is the wanted tip (1 mm) and jaw.
      await b.page.waitForFunction((e) => {
        const now = (window as unknown as { __scrub: Hook }).__scrub.input();
        if (!now) return false;
        return (['left', 'right'] as const).every((h) => {
          const p = now[h].position, q = e[h].position;
          return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!) < 0.001 && Math.abs(now[h].jaw - e[h].jaw) < 1e-3;
        });
      }, expected, { timeout: 20_000 });
      let now: ReturnType<Hook['input']>;
      [now, tick, hud] = await b.page.evaluate((k) => {
        const hook = (window as unknown as { __scrub: Hook }).__scrub;
        return [hook.input(), hook.stepTicks(k), hook.state().hud] as const;
      }, n);
      for (const h of HANDS) worstTurn = Math.max(worstTurn, turnDeg(now![h].orientation, input.hands[h].pose.orientation));
      chunks++;
      expect(hud.errors).toEqual([]);
    }

    const state = await appState(b.page);
    const seconds = (Date.now() - started) / 1000;
    console.log(`VR expert ${name}: ${JSON.stringify(state.hud)} at tick ${state.tick}, ${chunks} chunks of ${CHUNK} ticks, tip orientation at most ${worstTurn.toFixed(3)}° off the script's, ${seconds.toFixed(0)} s`);
    await screenshotColours(b.page, 'vr-expert-fls.png');
    expect(state.hud.errors).toEqual([]);
    expect(state.hud.finished).toBe(true);
    expect(state.hud.stepsDone).toBe(2);
    expect(worstTurn).toBeLessThan(0.5);
  }, 600_000);
});
