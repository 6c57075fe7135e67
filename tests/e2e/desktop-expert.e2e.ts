import { DEFAULT_KEYMAP } from '../../src/input/keymap.ts';
import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, expectEveryStepDone, screenshotColours } from './support/app.ts';
import { MouseDriver } from './support/mouse-drive.ts';
import { expertScript, protocol as loadProtocol } from '../support/experts.ts';
import { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import { heldChunks } from '../support/held-chunks.ts';

type Hook = { lockstep(on: boolean): void; begin(name: string): void };

/**
 * Every expert by default, to the end except the suture: its first stitch and the next loading (six steps; the
 * two stitches after that repeat the same five mouse actions and would cost CI another two minutes). Each
 * software-rendered frame costs ~35–50 ms on two cores and every input event waits for about one, so this is the
 * longest browser test. `SCRUB_MOUSE_EXPERTS=all` runs every expert to the end; `name[:steps],…` picks others
 * (`name` alone: to the end).
 */
const CI_RUNS = 'lap-chole-cvs,fls-peg-transfer,elliptical-excision,interrupted-suture:6';
const ALL_RUNS = 'lap-chole-cvs,fls-peg-transfer,elliptical-excision,interrupted-suture';
const chosen = process.env.SCRUB_MOUSE_EXPERTS ?? CI_RUNS;
const RUNS: [string, number | 'all'][] = (chosen === 'all' ? ALL_RUNS : chosen).split(',').map((run) => {
  const [name, steps] = run.split(':');
  return [name!, steps ? Number(steps) : 'all'];
});

describe('desktop: the experts performed with the mouse and keyboard', () => {
  // The worksite clear of the step panel (at 640×400 it covers part of it); a software renderer draws as
  // many pixels at this size as at 640×400 (src/app/render-quality.ts).
  const b = browserForSuite({ width: 960, height: 600 });

  for (const [name, until] of RUNS) {
    it(`${name}: ${until === 'all' ? 'every step' : `the first ${until} steps`} done with no errors, by Playwright mouse and key events`, async () => {
      const script = expertScript(name);
      const protocol = loadProtocol(script.procedure);
      const player = new KeyframePlayer(script);
      const started = Date.now();

      await b.page.goto(inject('baseUrl'));
      await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
      await b.page.evaluate((n) => {
        const hook = (window as unknown as { __scrub: Hook }).__scrub;
        hook.lockstep(true);
        hook.begin(n);
      }, name);
      await b.page.waitForFunction(() => (window as any).__scrub.desktopState() !== null);
      // The driver aims through the room view: a held laparoscope (the main view) moves with the tips it places.
      if (await b.page.getByLabel('Main view').count()) await b.page.keyboard.press(DEFAULT_KEYMAP.view);
      const box = (await b.page.locator('canvas').boundingBox())!;
      const driver = new MouseDriver(
        b.page,
        protocol.instruments.map((i) => i.id),
      );
      await driver.start(box.x + box.width / 2, box.y + box.height / 2);

      // Each pose held for a chunk of ticks, as a person's hand on the mouse gives it (held-chunks.ts).
      const chunks = heldChunks(player);
      let tick = 0;
      let hud = { stepsDone: 0, errors: [] as string[], finished: false };
      let performed = 0;
      for (const [i, chunk] of chunks.entries()) {
        [tick, hud] = await driver.perform(chunk, chunks[i + 1]);
        expect(hud.errors, `errors at tick ${tick}`).toEqual([]);
        if (++performed % 50 === 0)
          console.log(
            `mouse ${name}: ${performed}/${chunks.length} chunks, tick ${tick}, ${hud.stepsDone} steps done, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        if (hud.finished || (until !== 'all' && hud.stepsDone >= until)) break;
      }

      const seconds = (Date.now() - started) / 1000;
      console.log(
        `mouse ${name}: ${JSON.stringify(hud)} at tick ${tick}, ${chunks.length} chunks, worst tip ${(driver.worstTip * 1000).toFixed(2)} mm, ${seconds.toFixed(0)} s (ms: ${JSON.stringify(driver.spent)})`,
      );
      await screenshotColours(b.page, `mouse-${name}.png`);
      if (until === 'all') expectEveryStepDone(await appState(b.page), protocol, script.variant);
      else expect(hud.stepsDone).toBeGreaterThanOrEqual(until);
      expect(hud.errors).toEqual([]);
    }, 1_800_000);
  }
});
