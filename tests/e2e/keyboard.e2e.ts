import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForSuite } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';

/**
 * What has the keyboard focus, and whether it is visibly marked: the element matches :focus-visible and it
 * (or the label drawn for a hidden radio, or the file button around its input) has an outline at least 2 px wide.
 */
async function focused(page: Page): Promise<{ name: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '(body)', visible: false };
    const drawn = (el.closest('label.mode, label.file-button') as HTMLElement | null) ?? el;
    const style = getComputedStyle(drawn);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const label = el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : null;
    const name = (el.getAttribute('aria-label') || label || el.textContent || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 60);
    return { name, visible: el.matches(':focus-visible') && outlined };
  });
}

/** Presses Tab (Shift+Tab when `back`) until `wanted` has the focus, checking that every stop on the way is visibly focused. */
async function tabTo(page: Page, wanted: RegExp, back = false, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    expect(f.visible, `focus visible on “${f.name}”`).toBe(true);
    if (wanted.test(f.name)) return presses;
  }
  throw new Error(`${wanted} not reached in ${max} presses of Tab`);
}

async function expectFocus(page: Page, name: RegExp): Promise<void> {
  const f = await focused(page);
  expect(f.name).toMatch(name);
  expect(f.visible, `focus visible on “${f.name}”`).toBe(true);
}

describe('keyboard alone: home → procedure → start → pause → leave dialog → debrief → progress', () => {
  const b = browserForSuite({ width: 1100, height: 760 });

  it('respects prefers-reduced-motion: no CSS transition runs', async () => {
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
    const duration = (page: Page) =>
      page.evaluate(() => {
        const probe = document.createElement('button');
        probe.style.transition = 'opacity 2s';
        document.body.append(probe);
        const d = getComputedStyle(probe).transitionDuration;
        probe.remove();
        return d;
      });
    expect(await duration(b.page)).toBe('0s');
    await b.page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await duration(b.page)).toBe('2s');
    await b.page.emulateMedia({ reducedMotion: 'reduce' });
  });

  it('opens and closes the settings dialog: focus goes in, stays in, Esc closes it and focus comes back', async () => {
    await tabTo(b.page, /^Settings$/);
    await b.page.keyboard.press('Enter');
    const dialog = b.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await b.page.evaluate(() => document.querySelector('[role="dialog"]')!.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 12; i++) {
      await b.page.keyboard.press('Tab');
      expect(await b.page.evaluate(() => document.querySelector('[role="dialog"]')!.contains(document.activeElement)), 'Tab stays in the dialog').toBe(true);
    }
    await b.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(b.page, /^Settings$/);
  });

  it('chooses a procedure and a mode and starts, without a mouse', async () => {
    // The procedure's own option (the recommendation's Start button comes first and would start at once).
    await tabTo(b.page, /^FLS peg transfer ?about/);
    await b.page.keyboard.press('Enter');
    expect(await b.page.locator('[data-procedure="fls-peg-transfer"]').getAttribute('aria-selected')).toBe('true');
    await tabTo(b.page, /^Learn/);
    await b.page.keyboard.press('ArrowRight');
    expect(await b.page.getByRole('radio', { name: /Practice/ }).isChecked()).toBe(true);
    await expectFocus(b.page, /^Practice/);
    await tabTo(b.page, /^Start on this computer$/);
    await b.page.keyboard.press('Enter');
    // The case card: its Start has the focus, so Enter begins the attempt.
    await b.page.getByRole('dialog', { name: /The task|The case/ }).waitFor();
    await expectFocus(b.page, /^Start the attempt$/);
    await b.page.keyboard.press('Enter');
    await waitForTicks(b.page, 20);
  });

  it('pauses (P: focus on Resume), asks before leaving (Esc: focus trapped in the dialog), finishes and saves', async () => {
    await b.page.keyboard.press('p');
    await b.page.getByRole('dialog', { name: 'Paused' }).waitFor();
    await expectFocus(b.page, /^Resume$/);
    await b.page.keyboard.press('Tab');
    await expectFocus(b.page, /^Resume$/);
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog', { name: 'Leave the attempt?' }).waitFor();
    await expectFocus(b.page, /^Keep going$/);
    await b.page.keyboard.press('Tab');
    await expectFocus(b.page, /^Finish and save$/);
    await b.page.keyboard.press('Tab');
    await expectFocus(b.page, /^Leave without saving$/);
    await b.page.keyboard.press('Tab');
    await expectFocus(b.page, /^Keep going$/);
    await b.page.keyboard.press('Shift+Tab');
    await expectFocus(b.page, /^Leave without saving$/);
    await b.page.keyboard.press('Shift+Tab');
    await expectFocus(b.page, /^Finish and save$/);
    await b.page.keyboard.press('Enter');
    await b.page.locator('main.debrief[data-saved="yes"]').waitFor();
  });

  it('goes from the debrief to the progress dashboard and back home', async () => {
    const presses = await tabTo(b.page, /^Progress$/, false, 120);
    console.log(`keyboard: Tab presses from the top of the debrief to Progress: ${presses}`);
    await b.page.keyboard.press('Enter');
    await b.page.locator('main.progress').waitFor();
    await tabTo(b.page, /^(Home|Back to procedures)$/);
    await b.page.keyboard.press('Enter');
    await b.page.getByRole('button', { name: 'Start on this computer' }).waitFor();
  });

  it('sets the headset text size in the settings dialog by keyboard; it is kept after a reload', async () => {
    await tabTo(b.page, /^Settings$/);
    await b.page.keyboard.press('Enter');
    const dialog = b.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    // The language comes first, then the headset text size.
    await tabTo(b.page, /^Medium$/);
    await b.page.keyboard.press('ArrowRight');
    await expectFocus(b.page, /^Large$/);
    await tabTo(b.page, /^Save$/);
    await b.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await b.page.reload();
    // The learner's settings are loaded (the profile list comes with them).
    await b.page.getByRole('region', { name: 'Learner' }).getByRole('combobox').waitFor();
    await b.page.getByRole('button', { name: 'Settings' }).click();
    expect(await b.page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Large' }).isChecked()).toBe(true);
  });
});
