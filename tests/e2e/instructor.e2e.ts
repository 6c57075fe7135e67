import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, type TestBrowser, openBrowser } from './support/browser.ts';
import { configureLrs } from './support/app.ts';
import { type TestLrs, startTestLrs } from '../support/lrs-server.ts';
import type { Report } from '../../src/core/scoring/index.ts';
import { pegReport as peg } from './support/reports.ts';

const PASSWORD = 'desk-pw';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

/** Polls until `ok()` (the outbox sends by itself once something is queued). */
async function until(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function saveFullPage(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, name), await page.screenshot({ fullPage: true }));
}

/** A lap chole failed on a bile-duct contact the instructor will judge not to be an injury. */
function choleWithBileDuctContact(): Report {
  const steps = [
    'retract-infundibulum',
    'dissect-hepatocystic-triangle',
    'separate-liver-bed',
    'confirm-critical-view',
    'clip-cystic-artery',
    'divide-cystic-artery',
    'clip-cystic-duct',
    'divide-cystic-duct',
  ];
  return {
    procedure: 'lap-chole-cvs',
    version: '1.0.0',
    variant: 'standard',
    mode: 'assess',
    outcome: 'failed',
    passed: false,
    score: 0,
    steps: steps.map((id, i) => ({ id, status: 'completed', start: i * 60, end: (i + 1) * 60 })),
    errors: [
      {
        code: 'bile-duct-injury',
        severity: 'critical',
        t: 95.5,
        step: 'dissect-hepatocystic-triangle',
        message: 'The common bile duct was injured.',
      },
      { code: 'oblique-clip', severity: 'major', t: 250, step: 'clip-cystic-artery', message: 'The clip sits obliquely.' },
    ],
    metrics: {
      durationSec: 480,
      timerSec: 478,
      stepDurationsSec: Object.fromEntries(steps.map((id) => [id, 60])),
      errorCounts: { minor: 0, major: 1, critical: 1 },
      actions: 300,
      proficient: false,
    },
  };
}

describe('the instructor’s desk: class view, a review with an override and a note, seen by the learner and the LRS', () => {
  let b: TestBrowser;
  let lrs: TestLrs;
  let chole: { id: string; verdictStatementId: string | null };
  beforeAll(async () => {
    const baseUrl = inject('baseUrl');
    lrs = await startTestLrs({ username: 'scrub', password: PASSWORD, corsOrigin: new URL(baseUrl).origin });
    b = await openBrowser(baseUrl, { width: 1200, height: 800 }, { allowOrigins: [lrs.endpoint] });
  });
  afterAll(async () => {
    expect(b.offsiteRequests, 'requests that left the local servers').toEqual([]);
    await b.close();
    await lrs.close();
  });

  it('seeds a class of three learners, their records reaching the LRS', async () => {
    await b.page.goto(inject('baseUrl'));
    await configureLrs(b.page, lrs.endpoint, 'scrub', PASSWORD);

    const seed = (learner: string, report: Report, day: number) =>
      b.page.evaluate(
        ([l, r, s, e]) =>
          (
            window as unknown as {
              __scrub: { seedAttempt(l: string, r: unknown, s: number, e: number): Promise<{ id: string; verdictStatementId: string | null }> };
            }
          ).__scrub.seedAttempt(l, r, s, e),
        [learner, report, T0 + day * DAY, T0 + day * DAY + report.metrics.durationSec * 1000] as const,
      );
    const T = 'transfer-to-dominant-side';
    const B = 'transfer-back';
    for (const [i, r] of [peg(140, [{ t: 30, step: T, major: true }]), peg(95, [{ t: 20, step: B }]), peg(70), peg(52)].entries()) await seed('Maya', r, i);
    for (const [i, r] of [
      peg(180, [
        { t: 40, step: T, major: true },
        { t: 90, step: B, major: true },
      ]),
      peg(160, [{ t: 60, step: T, major: true }]),
      peg(150, [
        { t: 25, step: T },
        { t: 70, step: T, major: true },
      ]),
    ].entries())
      await seed('Ben', r, i);
    for (const [i, r] of [peg(110, [{ t: 80, step: B }]), peg(80)].entries()) await seed('Chloe', r, i + 1);
    chole = await seed('Maya', choleWithBileDuctContact(), 5);
    expect(chole.verdictStatementId).toMatch(/^[0-9a-f-]{36}$/);

    await until(() => (lrs.statements as { id: string }[]).some((s) => s.id === chole.verdictStatementId));
    expect(lrs.rejections).toEqual([]);
    const original = (lrs.statements as { id: string; verb: { id: string } }[]).find((s) => s.id === chole.verdictStatementId);
    expect(original?.verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
  });

  it('shows the class: learners × procedures, sortable and filterable, curves side by side, an error heat map, CSV', async () => {
    await b.page.getByRole('button', { name: 'Instructor' }).click();
    const table = b.page.getByRole('table', { name: 'Learners and procedures' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    await expect(rows.first().innerText()).resolves.toMatch(/^Ben\tFLS peg transfer\t3\t/);
    // Ben's drops are his most frequent error; Maya is getting faster.
    await expect(table.locator('tr[data-learner="Ben"]').innerText()).resolves.toMatch(/drop-out-of-view ×4/);
    await expect(table.locator('tr[data-learner="Maya"][data-procedure="fls-peg-transfer"]').innerText()).resolves.toMatch(/−28\.9 s\/attempt/);

    // Sort by the latest score, best first, from the keyboard.
    await b.page.getByRole('button', { name: 'Latest', exact: true }).focus();
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.press('Enter');
    await expect(b.page.locator('th[aria-sort="descending"]').innerText()).resolves.toMatch(/Latest/);
    await expect(rows.first().getAttribute('data-learner')).resolves.toBe('Maya');

    // Learning curves of the three learners side by side, and errors by step.
    await b.page
      .getByRole('img', { name: /^Ben: FLS peg transfer learning curve over 3 attempts/ })
      .locator('canvas')
      .waitFor();
    await expect(b.page.locator('.curve-grid figure').count()).resolves.toBe(3);
    const heat = b.page.getByRole('table', { name: /Errors by step and learner, FLS peg transfer/ });
    await expect(heat.locator('td[data-count]').count()).resolves.toBeGreaterThanOrEqual(6);
    await saveFullPage(b.page, 'instructor-class.png');

    // CSV of what is shown.
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^learner,learner_id,procedure,attempts,latest_score,best_score,latest_passed,stage,frequent_errors,/);
    expect(lines).toHaveLength(6);

    // Filter: one learner.
    await b.page.getByRole('search', { name: 'Filter the class' }).getByLabel('Learner').fill('chl');
    await expect(rows.count()).resolves.toBe(1);
    await b.page.getByRole('search', { name: 'Filter the class' }).getByLabel('Learner').fill('');
  });

  it('opens Maya’s lap chole, dismisses the bile-duct finding with a reason, overrides the result and adds a note', async () => {
    await b.page.getByRole('button', { name: 'Maya: Laparoscopic cholecystectomy: critical view of safety, clip and divide attempts' }).click();
    const list = b.page.getByRole('region', { name: 'Attempts' });
    await expect(list.innerText()).resolves.toMatch(/not reviewed/);
    await list.getByRole('button', { name: 'Review' }).click();

    const panel = b.page.getByRole('region', { name: 'Review', exact: true });
    await panel.getByLabel('Reviewer').fill('Dr Okafor');
    await panel.getByRole('radio', { name: 'Override' }).check();
    await panel.getByLabel('Verdict on bile-duct-injury at 95.5 s').selectOption('dismissed');
    await panel.getByLabel('Reason for bile-duct-injury at 95.5 s').fill('The hook touched the peritoneum over the duct, not the duct.');
    await panel.getByLabel('Outcome').selectOption('completed');
    await panel.getByRole('checkbox', { name: 'Passed' }).check();
    await panel.getByLabel(/^Score/).fill('88');
    // Without a reason for the whole override it is refused, and says why.
    await panel.getByRole('button', { name: 'Save review' }).click();
    await expect(panel.getByRole('alert').innerText()).resolves.toMatch(/Give a reason for the override/);
    await panel.getByLabel('Reason (required)').fill('No injury: the duct was intact on the replay.');
    await panel.getByRole('button', { name: 'Save review' }).click();
    await panel.getByRole('status').waitFor();

    const summary = b.page.getByRole('region', { name: 'Instructor review' });
    await expect(summary.innerText()).resolves.toMatch(
      /Reviewed by Dr Okafor: overridden — outcome completed \(was failed\), passed \(was not passed\), score 88 \(was 0\), 1 finding dismissed/,
    );

    // A note at the time of the bile-duct finding.
    await b.page.getByRole('button', { name: 'bile-duct-injury 95.5 s' }).click();
    const notes = b.page.getByRole('region', { name: 'Notes for the learner' });
    await expect(notes.getByLabel(/^At \(s/).inputValue()).resolves.toBe('95.5');
    await notes.getByLabel('Note').fill('You never lifted the infundibulum laterally: the duct came into the hook’s path.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await summary.locator('.annotations li', { hasText: 'You never lifted' }).waitFor();
    await expect(summary.innerText()).resolves.toMatch(/95\.5 s You never lifted the infundibulum laterally/);
    await expect(b.page.locator('.timeline-note').count()).resolves.toBe(1);
    await saveFullPage(b.page, 'instructor-review.png');
  });

  it('sends the LRS a statement that amends the automatic verdict', async () => {
    type S = {
      verb: { id: string };
      actor: { name?: string };
      context?: { statement?: { objectType: string; id: string }; instructor?: { name?: string } };
      result?: { success?: boolean; score?: { raw?: number }; extensions?: Record<string, unknown> };
    };
    await until(() => (lrs.statements as S[]).some((s) => s.context?.statement?.id === chole.verdictStatementId));
    expect(lrs.rejections).toEqual([]);
    const amending = (lrs.statements as S[]).filter((s) => s.context?.statement?.id === chole.verdictStatementId);
    expect(amending).toHaveLength(1);
    const [s] = amending;
    expect(s!.verb.id).toBe('http://adlnet.gov/expapi/verbs/passed');
    expect(s!.actor.name).toBe('Maya');
    expect(s!.context!.statement!.objectType).toBe('StatementRef');
    expect(s!.context!.instructor!.name).toBe('Dr Okafor');
    expect(s!.result).toMatchObject({ success: true, score: { raw: 88 } });
    expect(s!.result!.extensions!['https://scrub.dev/xapi/extensions/review/reason']).toBe('No injury: the duct was intact on the replay.');
    expect(s!.result!.extensions!['https://scrub.dev/xapi/extensions/review/automatic-outcome']).toBe('failed');
  });

  it('shows Maya the override and the note in her own debrief, and counts the reviewed result in her progress', async () => {
    await b.page.getByRole('button', { name: 'Home' }).click();
    const picker = b.page.getByRole('region', { name: 'Learner' }).getByRole('combobox');
    await picker.selectOption({ label: 'Maya' });
    await b.page.getByRole('button', { name: 'Progress' }).click();
    const chole = b.page.locator('.procedure-progress[data-procedure="lap-chole-cvs"]');
    // The dismissed injury no longer counts; the oblique clip still does.
    await expect(chole.locator('.weakest').innerText()).resolves.toMatch(/Most frequent errors\s+oblique-clip/);
    await expect(chole.innerText()).resolves.not.toMatch(/bile-duct-injury/);
    const mine = b.page.getByRole('region', { name: 'Your attempts' });
    const row = mine.locator('li', { hasText: 'reviewed by Dr Okafor' });
    await row.getByRole('button', { name: 'Debrief' }).click();

    const debrief = b.page.locator('main.debrief[data-as="learner"]');
    await expect(debrief.locator('.outcome[data-reviewed]').innerText()).resolves.toMatch(/Result after review: completed · passed · score 88/i);
    await expect(debrief.locator('.outcome.automatic').innerText()).resolves.toMatch(/Automatic result: failed · not passed · score 0/i);
    const summary = debrief.getByRole('region', { name: 'Instructor review' });
    await expect(summary.innerText()).resolves.toMatch(/Reviewed by Dr Okafor: overridden .* Reason: No injury: the duct was intact on the replay\./);
    await expect(summary.innerText()).resolves.toMatch(/counts as: completed, passed, score 88, 1 error/);
    await expect(summary.innerText()).resolves.toMatch(/95\.5 s You never lifted the infundibulum laterally/);
    await expect(debrief.locator('li[data-code="bile-duct-injury"] .finding-verdict').innerText()).resolves.toMatch(
      /^Dismissed by Dr Okafor: not counted as a mistake\. Reason: The hook touched the peritoneum/,
    );
    // The learner sees no review panel.
    await expect(b.page.getByRole('region', { name: 'Review', exact: true }).count()).resolves.toBe(0);
    await saveFullPage(b.page, 'instructor-learner-debrief.png');
  });
});
