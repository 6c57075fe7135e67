import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserForSuite } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';
import { scriptedPegTransfer } from './support/attempt.ts';
import { pegReport } from './support/reports.ts';

/** Serious and critical axe-core violations per screen (WCAG 2.x A and AA rules and best practices). */
const found = new Map<string, { id: string; impact: string; nodes: string[] }[]>();

async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  const minor = result.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${v.id} (${v.impact})`);
  console.log(
    `axe ${screen}: ${bad.length} serious/critical, ${minor.length} moderate/minor [${minor.join(', ')}], ${result.passes.length} rules passed${bad.length ? ` — ${JSON.stringify(bad)}` : ''}`,
  );
  found.set(screen, bad);
}

describe('accessibility: axe-core on every screen', () => {
  const b = browserForSuite({ width: 1100, height: 760 });

  it('home, profile picker and settings dialog', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
    await audit(b.page, 'home (new learner)');
    await b.page.getByLabel('New learner name').fill('Ada');
    await b.page.getByRole('button', { name: 'Add learner' }).click();
    await b.page.getByRole('region', { name: 'Learner' }).getByRole('combobox').waitFor();
    await audit(b.page, 'home with profile picker');
    await b.page.getByRole('button', { name: 'Settings' }).click();
    await b.page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await audit(b.page, 'settings dialog');
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
  });

  it('session: running, paused, leave dialog, storage problem', async () => {
    await b.page.getByRole('option', { name: /peg transfer/i }).click();
    await b.page.getByRole('button', { name: 'Start on this computer' }).click();
    // The case card first: the attempt waits behind it until its Start.
    await b.page.getByRole('button', { name: 'Start the attempt' }).waitFor();
    await audit(b.page, 'case card');
    await b.page.getByRole('button', { name: 'Start the attempt' }).click();
    await waitForTicks(b.page, 20);
    await audit(b.page, 'session running');
    await b.page.keyboard.press('p');
    await b.page.getByRole('dialog', { name: 'Paused' }).waitFor();
    await audit(b.page, 'session paused');
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog', { name: 'Leave the attempt?' }).waitFor();
    await audit(b.page, 'leave dialog');
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog', { name: 'Leave the attempt?' }).waitFor({ state: 'detached' });

    // The recovery offer: a second tab sees the running attempt's journal as interrupted.
    const other = await b.context.newPage();
    await other.goto(inject('baseUrl'));
    await other.getByRole('region', { name: /Interrupted attempt/ }).waitFor({ timeout: 30_000 });
    await audit(other, 'recovery offer');
    await other.close();

    await b.page.keyboard.press('p');
    await waitForTicks(b.page, 10);
    await b.page.evaluate(() => {
      const w = window as unknown as { __realPut?: unknown };
      const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      w.__realPut = proto.put;
      proto.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await b.page.getByRole('alert', { name: 'Storage problem' }).waitFor();
    await audit(b.page, 'storage problem notice');
    await b.page.evaluate(() => {
      (IDBObjectStore.prototype as unknown as Record<string, unknown>).put = (window as unknown as { __realPut?: unknown }).__realPut;
    });
    await b.page.getByRole('alert', { name: 'Storage problem' }).getByRole('button', { name: 'Try again' }).click();
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('dialog', { name: 'Leave the attempt?' }).getByRole('button', { name: 'Leave without saving' }).click();
    await b.page.getByRole('button', { name: 'Start on this computer' }).waitFor();
  }, 300_000);

  it('debrief, progress and the persistence note', async () => {
    await scriptedPegTransfer(b.page);
    await audit(b.page, 'debrief');
    await b.page.getByRole('button', { name: 'Progress' }).click();
    await b.page.locator('main.progress').waitFor();
    await audit(b.page, 'progress');
    await b.page
      .getByRole('button', { name: /Back|Home/ })
      .first()
      .click();
    await b.page.getByRole('button', { name: 'Start on this computer' }).waitFor();
    await audit(b.page, 'home with recommendation and storage note');
  });

  it('instructor: class view, review, learner debrief', async () => {
    for (const [i, t] of [140, 95, 70].entries()) {
      await b.page.evaluate(
        ([r, s]) =>
          (window as unknown as { __scrub: { seedAttempt(l: string, r: unknown, s: number, e: number): Promise<unknown> } }).__scrub.seedAttempt(
            'Maya',
            r,
            s,
            s + 60_000,
          ),
        [pegReport(t, [{ t: 20, step: 'transfer-back' }]), Date.UTC(2026, 10, 2 + i, 9)] as const,
      );
    }
    await b.page.getByRole('button', { name: 'Instructor' }).click();
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
    await audit(b.page, 'instructor class view');
    await b.page.getByRole('button', { name: /^Maya: FLS peg transfer attempts/ }).click();
    await b.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Review' }).first().click();
    await b.page.getByRole('region', { name: 'Review', exact: true }).waitFor();
    await audit(b.page, 'instructor review');
    await b.page.getByRole('button', { name: 'Home' }).click();
    await b.page.getByRole('button', { name: 'Progress' }).click();
    await b.page.getByRole('region', { name: 'Your attempts' }).getByRole('button', { name: 'Debrief' }).first().click();
    await b.page.locator('main.debrief').waitFor();
    await audit(b.page, 'learner debrief (stored attempt)');
  });

  it('replay viewer', async () => {
    await b.page
      .getByRole('button', { name: /Back|Home/ })
      .first()
      .click();
    await b.page.evaluate(() =>
      (window as unknown as { __scrub: { openScriptReplay(n: string): Promise<void> } }).__scrub.openScriptReplay('lap-chole-cvs.cut-unclipped'),
    );
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    await audit(b.page, 'replay viewer');
  });

  it('has no serious or critical violations on any screen', () => {
    const summary = Object.fromEntries([...found].map(([screen, v]) => [screen, v.length]));
    console.log(`axe serious/critical per screen: ${JSON.stringify(summary)}`);
    expect(found.size).toBe(16);
    expect(Object.fromEntries([...found].filter(([, v]) => v.length > 0))).toEqual({});
  });
});
