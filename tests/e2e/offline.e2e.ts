import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, waitForTicks } from './support/app.ts';
import { scriptedPegTransfer } from './support/attempt.ts';
import { xrOrigin } from './support/vr-drive.ts';

/** Esc, then "Leave without saving" in the question it asks. */
async function leaveAttempt(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Leave the attempt?' }).getByRole('button', { name: 'Leave without saving' }).click();
}

type Device = { remote: { dispatch(method: string, params?: Record<string, unknown>): Promise<unknown> }; position: { y: number } };

/**
 * Offline after one visit: the service worker (vite-plugin-pwa, in the test build as in production)
 * precaches the app on the first load; with the network off, a reload still opens it, VR still starts in
 * the emulated headset (controller layouts from the cache), and an attempt is done and stored.
 */
describe('offline: after one visit, the app works with the network off', () => {
  const b = browserForSuite({ width: 800, height: 600 });
  const url = () => `${inject('baseUrl')}?iwer`;

  it('installs the service worker and precaches the app on the first visit', async () => {
    await b.page.goto(url());
    await b.page.getByRole('option', { name: /peg transfer/i }).waitFor();
    // `ready` resolves once a worker is active, which for a first install means its precache is complete.
    const precached = await b.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
      let entries = 0;
      for (const key of await caches.keys()) entries += (await (await caches.open(key)).keys()).length;
      return { scope: registration.scope, entries };
    });
    expect(precached.scope).toBe(new URL(inject('baseUrl')).href);
    expect(precached.entries).toBeGreaterThan(10);
    // Installable: Chromium's own check of the manifest, icons and service worker.
    const cdp = await b.context.newCDPSession(b.page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const { url: manifestUrl } = (await cdp.send('Page.getAppManifest')) as { url: string };
    expect(manifestUrl).toMatch(/manifest\.webmanifest$/);
    await cdp.detach();
  });

  it('reloads with the network off', async () => {
    await b.context.setOffline(true);
    expect(await b.page.evaluate(() => navigator.onLine)).toBe(false);
    await b.page.reload();
    await b.page.getByRole('option', { name: /peg transfer/i }).waitFor();
    expect(await b.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('enters VR offline, and the controllers drive the instrument', async () => {
    // An open procedure: the tip follows the hand one to one (a laparoscopic one pivots in its port).
    await b.page.getByRole('option', { name: /suture/i }).click();
    await b.page.evaluate(() => void ((window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice.position.y = 1.7));
    await b.page.getByRole('button', { name: 'Enter VR' }).click();
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
    // The immersive view covers the page: the click is dispatched to the case card's button.
    await b.page.getByRole('button', { name: 'Start the attempt' }).dispatchEvent('click');
    expect(await b.page.evaluate(() => (window as any).__scrub.xrMode())).toBe('immersive-vr');
    await waitForTicks(b.page, 10);
    const originY = (await xrOrigin(b.page))[1]!;
    const level = { x: 0, y: 0, z: 0, w: 1 };
    const move = async (x: number): Promise<void> => {
      await b.page.evaluate(
        ([p, o]) =>
          (window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice.remote.dispatch('set_transform', {
            device: 'controller-right',
            position: p,
            orientation: o,
          }),
        [{ x, y: 1.0 - originY, z: -0.3 }, level] as const,
      );
    };
    await move(0.1);
    await waitForTicks(b.page, 5);
    const before = (await appState(b.page)).hands.right.tip;
    await move(0.0);
    await b.page.waitForFunction((x0) => Math.abs((window as any).__scrub.state().hands.right.tip[0] - (x0 - 0.1)) < 0.02, before[0]!);
    await b.page.evaluate(() => (window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice.remote.dispatch('end_session'));
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === false);
    await leaveAttempt(b.page);
    await b.page.getByRole('option', { name: /peg transfer/i }).waitFor();
  });

  it('opens every procedure offline: its scene is built and steps', async () => {
    const ids = await b.page.locator('button.procedure').evaluateAll((els) => els.map((e) => e.getAttribute('data-procedure')!));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      await b.page.locator(`button.procedure[data-procedure="${id}"]`).click();
      await b.page.getByRole('button', { name: 'Start on this computer' }).click();
      // The case card first: the attempt begins with its Start button.
      await b.page.getByRole('button', { name: 'Start the attempt' }).click();
      await waitForTicks(b.page, 5);
      expect((await appState(b.page)).webgl2, id).toBe(true);
      await leaveAttempt(b.page);
      await b.page.locator('button.procedure').first().waitFor();
    }
  });

  it('completes a scripted attempt offline and stores it', async () => {
    await scriptedPegTransfer(b.page);
    await expect(b.page.locator('main.debrief h1').innerText()).resolves.toMatch(/peg transfer/i);
    await b.context.setOffline(false);
  });
});
