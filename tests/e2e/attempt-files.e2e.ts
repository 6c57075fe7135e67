import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserForSuite } from './support/browser.ts';
import { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import { recordInputs } from '../../src/core/recording/replayer.ts';
import type { ReplayView } from '../../src/dev/test-hook.ts';
import { attemptFor, expertScript } from '../support/experts.ts';

const DIR = mkdtempSync(join(tmpdir(), 'scrub-files-e2e-'));

/** The first `seconds` of the FLS expert, recorded headlessly as `learner`'s attempt, written to a file. */
function recordedFile(learner: string, seconds: number, seed: number): string {
  const script = { ...expertScript('fls-peg-transfer'), seed };
  const player = new KeyframePlayer(script);
  const bytes = recordInputs(
    attemptFor(script),
    seed,
    { ticks: seconds * 120, inputAt: (t, out) => player.inputAt(t, out) },
    {
      app: { name: 'scrub', version: 'e2e' },
      learner,
      handedness: null,
      inputKind: 'mouse',
      startedAt: '2026-12-06T10:00:00.000Z',
      endedAt: '2026-12-06T10:00:05.000Z',
    },
  );
  const file = join(DIR, `${learner.toLowerCase()}.scrub`);
  writeFileSync(file, bytes);
  return file;
}

function replay(page: Page): Promise<ReplayView | null> {
  return page.evaluate(() => (window as unknown as { __scrub: { replay(): ReplayView | null } }).__scrub.replay());
}

async function shot(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, name), await page.screenshot({ fullPage: true }));
}

describe('the instructor’s desk with real recordings: import, class view, replay', () => {
  const b = browserForSuite({ width: 1200, height: 800 });
  let ada: string;
  beforeAll(() => {
    ada = recordedFile('Ada', 3, 11);
  });

  it('imports a learner’s .scrub on the progress screen', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('button', { name: 'Progress' }).click();
    const files = b.page.getByRole('region', { name: 'Attempt files' });
    await files.getByLabel('Import attempt files').setInputFiles(ada);
    await expect(files.getByRole('status', { name: 'Imported' }).innerText({ timeout: 60_000 })).resolves.toMatch(/Imported 1 attempt\./);
    await files.locator('tr[data-imported="yes"]').first().waitFor();
    await expect(files.locator('tr[data-imported="yes"]').count()).resolves.toBe(1);
    await b.page.getByRole('button', { name: 'Back to procedures' }).click();
  });

  it('opens the replay of a learner’s latest attempt from the class view, and Back returns to the class', async () => {
    await b.page.getByRole('button', { name: 'Instructor' }).click();
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
    await b.page.getByRole('button', { name: "Replay Ada's latest FLS peg transfer attempt" }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    const state = (await replay(b.page))!;
    expect(state.ok).toBe(true);
    expect(state.ticks).toBe(360);
    await expect(b.page.locator('.replay-source').innerText()).resolves.toMatch(/^Ada · .* · Ada · 3\.0 s/);
    await shot(b.page, 'desk-class-replay.png');
    await b.page.getByRole('button', { name: 'Back (Esc)' }).click();
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
  });

  it('opens the replay from the attempt list too', async () => {
    await b.page.getByRole('button', { name: 'Ada: FLS peg transfer attempts' }).click();
    await b.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Replay' }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    expect((await replay(b.page))!.ok).toBe(true);
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
  });
});
