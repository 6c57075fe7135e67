import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, browserForSuite } from './support/browser.ts';
import { appState, waitForTicks } from './support/app.ts';

/** The picture in the docs, re-taken with UPDATE_DOC_IMAGES=1 (each run draws a fresh patient). */
const DOC_IMAGE = join(import.meta.dirname, '../../docs/images/case-card.png');

describe('the case card before an attempt', () => {
  const b = browserForSuite();

  it('shows the patient while the attempt waits, and begins it with Start (Enter on the focused button)', async () => {
    await b.page.setViewportSize({ width: 900, height: 640 });
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('option', { name: /cholecystectomy/i }).click();
    await b.page.getByRole('radio', { name: /learn/i }).check({ force: true });
    await b.page.getByRole('button', { name: 'Start on this computer' }).click();
    const card = b.page.getByRole('dialog', { name: 'The case' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/A \d+-year-old (woman|man), BMI \d+\.\d\./);
    expect(text).toMatch(/Indication\s+Symptomatic gallstones/);
    expect(text).toMatch(/Ultrasound: multiple gallstones; gallbladder wall \d mm/);
    // Text only: no markup from the protocol reaches the page.
    expect(await card.locator('dd').evaluateAll((dds) => dds.every((d) => d.children.length === 0))).toBe(true);
    const png = await card.screenshot({ scale: 'css' });
    writeFileSync(join(ARTIFACTS, 'case-card.png'), png);
    if (process.env.UPDATE_DOC_IMAGES === '1') writeFileSync(DOC_IMAGE, png);
    const waiting = await appState(b.page);
    expect(waiting).toMatchObject({ screen: 'session', paused: true, tick: 0 });

    // The Start button has the focus: Enter begins the attempt.
    await b.page.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await waitForTicks(b.page, 20);
    expect((await appState(b.page)).paused).toBe(false);
  });

  it('records a bail-out held on B through the input: here the view was reachable, so it is a finding', async () => {
    await b.page.keyboard.down('b');
    await waitForTicks(b.page, 140);
    await b.page.keyboard.up('b');
    await b.page.waitForFunction(() => (window as any).__scrub.state().hud.errors.includes('unnecessary-bail-out'));
    const errors = (await appState(b.page)).hud?.errors ?? [];
    expect(errors.filter((code) => code === 'unnecessary-bail-out')).toHaveLength(1);
  });
});
