import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, expectEveryStepDone, screenshotColours } from './support/app.ts';
import { calibrateGrips, performVrChunks, planVrChunks } from './support/vr-drive.ts';
import { type HeldChunk, heldChunks, playChunks } from '../support/held-chunks.ts';
import { humanChunks } from '../support/human-hand.ts';
import { attemptFor, expertScript, protocol as loadProtocol } from '../support/experts.ts';
import { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import { HANDS, type Hand } from '../../src/core/kernel/index.ts';
import { isLaparoscopic } from '../../src/core/world/instruments/catalog.ts';

/**
 * The shipped experts performed through the VR path: IWER's emulated Quest 3 controllers moved, squeezed
 * and triggered so that the app's own controller code gives each held chunk's input (tests/support/
 * held-chunks.ts; vr-drive.ts plans and performs them), instruments taken at the tray, the ticks run in
 * lock-step. tests/unit/experts/vr-chunks.test.ts plays the same inputs headlessly.
 * SCRUB_VR_EXPERTS (comma-separated) picks a subset.
 *
 * Then a human hand through the same path: the expert's chunks as a person gives them (tests/support/
 * human-hand.ts: uneven timing, the aim drift and a tremor sample of A = 1 mm held per chunk), through the
 * controllers and the app's 1€ filter, must complete as cleanly as the same chunks played headlessly.
 * SCRUB_VR_HUMAN (comma-separated) picks the procedures.
 */
const EXPERTS = (process.env.SCRUB_VR_EXPERTS ?? 'fls-peg-transfer,lap-chole-cvs,interrupted-suture,elliptical-excision').split(',').filter(Boolean);
const HUMAN = (process.env.SCRUB_VR_HUMAN ?? 'lap-chole-cvs').split(',').filter(Boolean);
const HUMAN_HAND = { amplitude: 0.001, seed: 1 } as const;
/** Chunks performed per page call: the test logs its progress and stops on an error between calls. */
const BATCH = 60;

type Hook = {
  lockstep(on: boolean): void;
  begin(name: string): void;
  input(): Record<Hand, { instrument: string | null }> | null;
};

/** Angle between two orientations (quaternions x y z w), degrees. */
function turnDeg(a: readonly number[], b: readonly number[]): number {
  const dot = Math.abs(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!) / (Math.hypot(...a) * Math.hypot(...b));
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

describe('VR: the experts performed through the emulated controllers', () => {
  // A small window: software GL draws both eyes into it every frame (its size is fixed once presenting), and
  // each chunk waits for a frame. At 560×315 every procedure's header leaves Enter VR clear of the step
  // panel (at 480×360 the suture's wraps it under the panel); about as many pixels as 480×360.
  const b = browserForSuite({ width: 560, height: 315 });

  for (const name of EXPERTS) {
    it(`${name}: every step done with no errors, the controllers moved, squeezed at the tray and triggered in lock-step`, async () => {
      const script = expertScript(name);
      await performInVr(name, heldChunks(new KeyframePlayer(script)), 'VR expert', 0.5);
    }, 900_000);
  }

  for (const name of HUMAN) {
    it(`${name}: a human hand (A = 1 mm) through the controllers completes as it does headlessly`, async () => {
      const script = expertScript(name);
      const chunks = humanChunks(script, HUMAN_HAND);
      const headless = playChunks(attemptFor(script), chunks).report();
      expect(headless.errors.map((e) => e.code)).toEqual([]);
      // A laparoscopic shaft pivots in its port, so a tip moved 2–3 mm by the hand turns by about a degree.
      await performInVr(name, chunks, 'VR human', 2);
    }, 900_000);
  }

  /**
   * Performs `chunks` of the named script's attempt through the emulated controllers; every step must be done,
   * with no error, and each tip turned at most `maxTurnDeg` from the chunk's.
   */
  async function performInVr(name: string, chunks: HeldChunk[], label: string, maxTurnDeg: number): Promise<void> {
    const script = expertScript(name);
    const protocol = loadProtocol(script.procedure);
    const started = Date.now();

    await b.page.goto(`${inject('baseUrl')}?iwer`);
    await b.page.getByRole('option').first().waitFor();
    await b.page.evaluate((n) => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      hook.lockstep(true);
      hook.begin(n);
    }, name);
    await b.page.getByRole('button', { name: 'Enter VR' }).click();
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
    expect((await appState(b.page)).tick).toBe(0);

    const calibration = await calibrateGrips(b.page);
    // Each hand starts with the protocol's first instrument for it; where the script starts otherwise,
    // the first chunk begins with a visit to the tray.
    const start = (await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.input()))!;
    const plan = planVrChunks(chunks, calibration, { left: start.left.instrument, right: start.right.instrument });
    const visits = plan.reduce((n, c) => n + c.visits.length, 0);
    const commands = plan.reduce((n, c) => n + c.commands.length + 2 * c.visits.length, 0);

    let worstTurn = 0;
    let worstOpenTurn = 0;
    let frames = 0;
    let moveMs = 0;
    let tickMs = 0;
    let performed = 0;
    let hud = { stepsDone: 0, errors: [] as string[], finished: false };
    for (let i = 0; i < plan.length && !hud.finished; i += BATCH) {
      const results = await performVrChunks(b.page, plan.slice(i, i + BATCH));
      for (const [j, r] of results.entries()) {
        const chunk = chunks[i + j]!;
        for (const h of HANDS) {
          const want = chunk.input.hands[h];
          // The held instrument, buttons and jaw took (performVrChunks waited for them and the tip, 1 mm).
          expect(r.input[h].instrument).toBe(want.instrument);
          expect(r.input[h].buttons).toBe(want.buttons);
          const turn = turnDeg(r.input[h].orientation, want.pose.orientation);
          worstTurn = Math.max(worstTurn, turn);
          if (!isLaparoscopic(want.instrument)) worstOpenTurn = Math.max(worstOpenTurn, turn);
        }
        frames += r.frames;
        moveMs += r.moveMs;
        tickMs += r.tickMs;
        hud = r.hud;
        expect(hud.errors, `errors at tick ${r.tick}`).toEqual([]);
      }
      performed += results.length;
      console.log(
        `${label} ${name}: ${performed}/${plan.length} chunks, tick ${results[results.length - 1]?.tick}, ${hud.stepsDone} steps done, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }

    const state = await appState(b.page);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${label} ${name}: ${JSON.stringify(state.hud)} (${state.finishReason}) at tick ${state.tick}, ${performed} of ${plan.length} chunks, ` +
        `${visits} tray visits, ${commands} commands, ${(frames / Math.max(1, performed)).toFixed(2)} frames waited per chunk, ` +
        `${(moveMs / 1000).toFixed(0)} s moving the controllers, ${(tickMs / 1000).toFixed(0)} s in ticks, ` +
        `tip orientation at most ${worstTurn.toFixed(3)}° off the script's (open instruments ${worstOpenTurn.toFixed(4)}°), ${seconds.toFixed(0)} s`,
    );
    await screenshotColours(b.page, `${label.toLowerCase().replace(' ', '-')}-${name}.png`);
    expectEveryStepDone(state, protocol, script.variant);
    expect(worstTurn).toBeLessThan(maxTurnDeg);
  }
});
