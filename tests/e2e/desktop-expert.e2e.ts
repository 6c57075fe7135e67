import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, screenshotColours } from './support/app.ts';
import { MouseDriver } from './support/mouse-drive.ts';
import { expertScript, protocol as loadProtocol } from '../unit/experts/run.ts';
import { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import type { ToolInput } from '../../src/core/sim/index.ts';

/**
 * Ticks run per mouse pose (0.1 s): the simulation holds each pose for the chunk, as with the
 * controllers in vr-expert.e2e.ts.
 */
const CHUNK = 12;

type Hook = { lockstep(on: boolean): void; begin(name: string): void; stepTicks(n: number): number; state(): { hud: { stepsDone: number; errors: string[]; finished: boolean } } };

describe('desktop: the experts performed with the mouse and keyboard', () => {
  // Wide enough that the worksite is clear of the step panel and the controls list.
  const b = browserForSuite({ width: 1280, height: 760 });

  for (const name of (process.env.SCRUB_MOUSE_EXPERTS ?? 'interrupted-suture').split(',')) {
    it(`${name}: every step done with no errors, by Playwright mouse and key events`, async () => {
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
      const box = (await b.page.locator('canvas').boundingBox())!;
      const driver = new MouseDriver(b.page, protocol.instruments.map((i) => i.id));
      await driver.start(box.x + box.width / 2, box.y + box.height / 2);

      const input: ToolInput = player.inputAt(0);
      let tick = 0;
      let hud = { stepsDone: 0, errors: [] as string[], finished: false };
      while (tick < player.ticks && !hud.finished) {
        const n = Math.min(CHUNK, player.ticks - tick);
        player.inputAt(tick + Math.floor((n - 1) / 2), input);
        await driver.drive(input.hands);
        [tick, hud] = await b.page.evaluate((k) => {
          const hook = (window as unknown as { __scrub: Hook }).__scrub;
          return [hook.stepTicks(k), hook.state().hud] as const;
        }, n);
        expect(hud.errors, `errors at tick ${tick}`).toEqual([]);
      }

      const seconds = (Date.now() - started) / 1000;
      console.log(`mouse ${name}: ${JSON.stringify(hud)} at tick ${tick}, worst tip ${(driver.worstTip * 1000).toFixed(2)} mm, ${seconds.toFixed(0)} s`);
      await screenshotColours(b.page, `mouse-${name}.png`);
      expect(hud.errors).toEqual([]);
      expect(hud.finished).toBe(true);
      expect(hud.stepsDone).toBe(protocol.steps.length);
    }, 900_000);
  }
});
