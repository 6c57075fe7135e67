import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, screenshotColours } from './support/app.ts';

describe('watching the expert: a recorded performance plays through the real app', () => {
  const b = browserForSuite();

  for (const [name, option, shot] of [
    ['FLS peg transfer', /peg transfer/i, 'expert-fls-finished.png'],
    ['Laparoscopic cholecystectomy', /cholecystectomy/i, 'expert-lap-chole-finished.png'],
    ['Simple interrupted suture', /interrupted suture/i, 'expert-suture-finished.png'],
    ['Elliptical excision', /elliptical excision/i, 'expert-excision-finished.png'],
  ] as const) {
    it(`${name}: the expert completes every step with no errors, live`, async () => {
      await b.page.goto(inject('baseUrl'));
      await b.page.getByRole('option', { name: option }).click();
      await b.page.getByRole('button', { name: 'Watch the expert' }).click();
      await b.page.getByLabel('Playback', { exact: true }).waitFor();
      for (let i = 0; i < 3; i++) await b.page.keyboard.press(']');
      await expect(b.page.getByLabel('Playback', { exact: true }).innerText()).resolves.toMatch(/8×/);
      // Software rendering is slow: wait on the attempt's own state, as long as the run needs.
      await b.page.waitForFunction(() => (window as any).__scrub.state().playbackDone === true, undefined, { timeout: 400_000, polling: 1000 });
      const state = await appState(b.page);
      console.log(`expert ${name}: ${JSON.stringify(state.hud)} at tick ${state.tick}`);
      expect(state.hud.errors).toEqual([]);
      expect(state.hud.finished).toBe(true);
      await screenshotColours(b.page, shot);
      await b.page.keyboard.press('f');
      await expect(
        b.page
          .getByText(/completed · passed/i)
          .first()
          .innerText(),
      ).resolves.toMatch(/passed/i);
    }, 480_000);
  }

  for (const [script, codes] of [
    ['lap-chole-cvs.cut-unclipped', ['cut-before-cvs', 'cut-unclipped']],
    ['lap-chole-cvs.clip-bile-duct', ['bile-duct-injury']],
    ['fls-peg-transfer.drop-out-of-view', ['drop-out-of-view']],
    ['elliptical-excision.margin-too-small', ['margin-too-small']],
  ] as const) {
    it(`scripted mistake ${script} raises ${codes.join(', ')} live`, async () => {
      await b.page.goto(inject('baseUrl'));
      await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
      await b.page.evaluate((name) => (window as any).__scrub.play(name, 8), script);
      await b.page.waitForFunction(() => (window as any).__scrub.state().playbackDone === true, undefined, { timeout: 400_000, polling: 1000 });
      const { hud } = await appState(b.page);
      console.log(`mistake ${script}: ${JSON.stringify(hud.errors)}`);
      for (const code of codes) expect(hud.errors).toContain(code);
      // The trainee sees it: the latest error is on screen.
      await expect(b.page.getByRole('complementary', { name: 'Procedure' }).innerText()).resolves.toMatch(/error|note/i);
    }, 480_000);
  }
});
