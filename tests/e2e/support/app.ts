import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './browser.ts';
import type { SessionView } from '../../../src/dev/test-hook.ts';
import type { Protocol } from '../../../src/core/procedure/index.ts';
import { plannedSteps } from '../../../src/core/procedure/plan.ts';

export type { SessionView } from '../../../src/dev/test-hook.ts';

/** Reads the app's state through the test hook (window.__scrub, see docs/testing.md). */
export function appState(page: Page): Promise<SessionView> {
  return page.evaluate(() => (window as unknown as { __scrub: { state(): SessionView } }).__scrub.state());
}

/** Waits until the simulation has run `ticks` more ticks: proof that frames are being drawn and stepped. */
export async function waitForTicks(page: Page, ticks: number): Promise<void> {
  const start = (await appState(page)).tick;
  await page.waitForFunction((target) => (window as unknown as { __scrub: { state(): { tick: number } } }).__scrub.state().tick >= target, start + ticks);
}

/**
 * Saves a screenshot under tests/e2e/artifacts and returns how many distinct colours it has (decoded
 * in the page itself, so no image library is needed).
 */
export async function screenshotColours(page: Page, name: string): Promise<number> {
  const png = await page.screenshot();
  writeFileSync(join(ARTIFACTS, name), png);
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  }, png.toString('base64'));
}

/**
 * The attempt finished by completing every step instance with no errors: a repeated step counts once per
 * iteration (key `id#n`) in `hud.stepsDone`, and every step of the patient's plan is among them (`variant`: the
 * attempt's patient; a variant may have its own ordering, with steps no other patient has).
 */
export function expectEveryStepDone(state: SessionView, protocol: Protocol, variant = ''): void {
  const plan = plannedSteps(protocol, variant);
  expect(state.hud.errors).toEqual([]);
  expect(state.hud.finished).toBe(true);
  expect(state.finishReason).toBe('all-steps-completed');
  expect(state.steps.filter((s) => s.status !== 'completed')).toEqual([]);
  expect(state.hud.stepsDone).toBe(state.steps.length);
  const ids = new Set(state.steps.map((s) => s.key.replace(/#\d+$/, '')));
  expect([...ids].sort()).toEqual([...plan].sort());
  if (!state.steps.some((s) => s.key.includes('#'))) expect(state.hud.stepsDone).toBe(plan.length);
}

/** Settings → the LRS endpoint and its credentials, saved (the dialog closes). */
export async function configureLrs(page: Page, endpoint: string, username: string, password: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Endpoint').fill(endpoint);
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
}
