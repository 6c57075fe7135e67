import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserForSuite } from './support/browser.ts';
import { scriptedPegTransfer } from './support/attempt.ts';

async function saveFullPage(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, name), await page.screenshot({ fullPage: true }));
}

describe('debrief and dashboard with real attempts', () => {
  const b = browserForSuite(undefined, { allowConsoleErrors: true });

  it('creates a learner profile on the home screen', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('textbox', { name: 'New learner name' }).fill('Ada');
    await b.page.getByRole('button', { name: 'Add learner' }).click();
    await expect(b.page.getByRole('combobox').inputValue()).resolves.toMatch(/-/);
    await expect(b.page.getByRole('combobox').locator('option:checked').innerText()).resolves.toBe('Ada');
  });

  it('debriefs a scripted attempt: outcome, steps on a timeline, speed and metric charts, 3D paths, estimates', async () => {
    await scriptedPegTransfer(b.page);
    const debrief = b.page.locator('main.debrief');
    await expect(debrief.locator('.outcome').innerText()).resolves.toMatch(/score \d/i);
    expect(await debrief.locator('.steps li').count()).toBeGreaterThan(0);
    expect(await debrief.locator('.timeline-step').count()).toBeGreaterThan(0);
    // uPlot: the speed chart and one chart per metric.
    expect(await b.page.getByRole('img', { name: 'Tip speed over time per hand' }).locator('canvas').count()).toBe(1);
    expect(await debrief.locator('.metric-grid .chart canvas').count()).toBeGreaterThan(2);
    // The 3D tip paths (R3F canvas) and the ratings, labelled as estimates.
    expect(await debrief.locator('section[aria-label="Tip paths"] canvas').count()).toBe(1);
    const ratings = await debrief.locator('section[aria-label="Estimated ratings"]').innerText();
    expect(ratings).toMatch(/not a validated OSATS rating/);
    expect(ratings).toMatch(/not a validated GOALS rating/);
    await saveFullPage(b.page, 'debrief.png');
  });

  it('shows a learning curve of two attempts on the dashboard, and keeps them across a reload', async () => {
    await b.page.getByRole('button', { name: 'Back to procedures' }).click();
    await scriptedPegTransfer(b.page);
    await b.page.getByRole('button', { name: 'Progress' }).click();
    const curve = b.page.getByRole('img', { name: /FLS peg transfer: learning curve over 2 attempts/i });
    await curve.locator('canvas').waitFor();
    await expect(b.page.locator('.procedure-progress .proficiency').innerText()).resolves.toMatch(/Proficiency|benchmark/);
    await saveFullPage(b.page, 'dashboard.png');

    await b.page.reload();
    await b.page.getByRole('button', { name: 'Progress' }).click();
    await b.page
      .getByRole('img', { name: /learning curve over 2 attempts/i })
      .locator('canvas')
      .waitFor();
    await expect(b.page.locator('h1').innerText()).resolves.toBe('Progress — Ada');
  });

  it('recommends what to practise next on the home screen', async () => {
    await b.page.getByRole('button', { name: 'Back to procedures' }).click();
    await expect(b.page.getByRole('region', { name: 'Recommended next' }).innerText()).resolves.toMatch(/Next:/);
  });

  it('says an attempt finished early was unfinished, compares nothing with the expert and withholds the ratings', async () => {
    await scriptedPegTransfer(b.page);
    await saveFullPage(b.page, 'debrief-unfinished.png');
    const debrief = b.page.locator('main.debrief');
    await expect(debrief.locator('.outcome').innerText()).resolves.toMatch(/^incomplete/i);
    await expect(debrief.locator('header .scope').innerText()).resolves.toMatch(
      /^Unfinished attempt: no step of 2 was completed, so nothing is compared with the expert/,
    );
    await expect(debrief.locator('section[aria-label="Metrics"] .scope').innerText()).resolves.toMatch(/Unfinished attempt/);
    const text = await debrief.innerText();
    expect(text).not.toMatch(/at the expert level/);
    expect(text).not.toMatch(/path length \(m\)|The dashed line is the expert benchmark/);
    const ratings = await debrief.locator('section[aria-label="Estimated ratings"]').innerText();
    expect(ratings).toMatch(/Not rated: 0 of 2 steps completed, fewer than half/);
    expect(ratings).not.toMatch(/≈ \d/);
  });
});
