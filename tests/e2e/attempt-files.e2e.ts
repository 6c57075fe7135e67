import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserForSuite, openBrowser } from './support/browser.ts';
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

const PIN_TICK = 300;
const NOTE = 'Lift the ring clear of the peg here.';

async function seek(page: Page, tick: number): Promise<void> {
  await page.evaluate((t) => (window as unknown as { __scrub: { replaySeek(t: number): number } }).__scrub.replaySeek(t), tick);
}

/** Clicks something that downloads a file; returns the file's suggested name and where it was saved. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(DIR, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path };
}

function replay(page: Page): Promise<ReplayView | null> {
  return page.evaluate(() => (window as unknown as { __scrub: { replay(): ReplayView | null } }).__scrub.replay());
}

async function shot(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, name), await page.screenshot({ fullPage: true }));
}

describe('the instructor’s desk with real recordings: import, class view, replay, pinned notes, export to another device', () => {
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
    await b.page.getByRole('button', { name: /replay Ada's latest FLS peg transfer attempt/ }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    const state = (await replay(b.page))!;
    expect(state.ok).toBe(true);
    expect(state.ticks).toBe(360);
    await expect(b.page.locator('.replay-source').innerText()).resolves.toMatch(/^Ada · .* · Ada · 3\.0 s/);
    await shot(b.page, 'desk-class-replay.png');
    await b.page.getByRole('button', { name: 'Back (Esc)' }).click();
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
  });

  it('pins a note in the scene at the playhead, drawn near its time (screenshot)', async () => {
    await b.page.getByRole('button', { name: 'Ada: FLS peg transfer attempts' }).click();
    await b.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Replay' }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    expect((await replay(b.page))!.ok).toBe(true);
    await seek(b.page, PIN_TICK);
    const panel = b.page.getByRole('region', { name: 'Pin a note' });
    await panel.getByLabel('Reviewer').fill('Dr Okafor');
    await panel.getByLabel('Note at the playhead').fill(NOTE);
    await panel.getByRole('button', { name: 'Pin in the scene' }).click();
    const box = (await b.page.locator('.replay-stage canvas').boundingBox())!;
    await b.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => (await replay(b.page))!.notes.length, { timeout: 20_000 }).toBe(1);
    const [note] = (await replay(b.page))!.notes;
    expect(note).toMatchObject({ t: PIN_TICK / 120, text: NOTE });
    expect(note!.pin).toHaveLength(3);
    expect((await replay(b.page))!.pinsShown).toBe(1);
    await expect(panel.getByRole('list', { name: 'Pinned notes' }).innerText()).resolves.toMatch(/2\.5 s Lift the ring clear/);
    await b.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shot(b.page, 'desk-note-pin.png');
    // Away from its time the pin is not drawn.
    await seek(b.page, 0);
    expect((await replay(b.page))!.pinsShown).toBe(0);
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
  });

  it('shows the expert’s re-simulation side by side, following the playhead step by step (screenshot)', async () => {
    await b.page.getByRole('button', { name: 'Ada: FLS peg transfer attempts' }).click();
    await b.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Replay' }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await replay(b.page))!.expertLoaded, { timeout: 90_000 }).toBe(true);
    await b.page.getByRole('checkbox', { name: 'Expert side by side' }).check();
    await expect.poll(async () => (await replay(b.page))!.expertSideTick, { timeout: 90_000 }).not.toBeNull();
    await seek(b.page, 200);
    await expect
      .poll(async () => {
        const r = (await replay(b.page))!;
        return r.expertSideTick !== null && r.expertSideTick === r.expertTick;
      })
      .toBe(true);
    expect((await replay(b.page))!.sideBySide).toBe(true);
    await expect(b.page.locator('.replay-stage.split canvas').count()).resolves.toBe(2);
    await b.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await shot(b.page, 'desk-side-by-side.png');
    await b.page.getByRole('button', { name: 'Back (Esc)' }).click();
    await b.page.getByRole('table', { name: 'Learners and procedures' }).waitFor();
  });

  it('confirms the result in the review panel', async () => {
    await b.page.getByRole('button', { name: 'Ada: FLS peg transfer attempts' }).click();
    await b.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Review' }).click();
    const panel = b.page.getByRole('region', { name: 'Review', exact: true });
    await expect(panel.getByLabel('Reviewer').inputValue()).resolves.toBe('Dr Okafor');
    await panel.getByRole('button', { name: 'Save review' }).click();
    await panel.getByRole('status').waitFor();
  });

  it('exports the attempt and a bundle from the progress screen; a fresh profile imports them with their review and note', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('button', { name: 'Progress' }).click();
    const files = b.page.getByRole('region', { name: 'Attempt files' });
    const single = await download(b.page, () => files.getByRole('button', { name: 'Export .scrub' }).click());
    const bundle = await download(b.page, () => files.getByRole('button', { name: 'Export all attempts on this device' }).click());
    expect(single.name).toMatch(/^scrub-fls-peg-transfer-.*-Ada\.scrub$/);
    expect(bundle.name).toMatch(/^scrub-class-.*\.zip$/);

    const fresh = await openBrowser(inject('baseUrl'), { width: 1200, height: 800 });
    try {
      await fresh.page.goto(inject('baseUrl'));
      await fresh.page.getByRole('button', { name: 'Progress' }).click();
      const there = fresh.page.getByRole('region', { name: 'Attempt files' });
      await there.getByLabel('Import attempt files').setInputFiles([single.path, bundle.path]);
      await expect(there.getByRole('status', { name: 'Imported' }).innerText({ timeout: 60_000 })).resolves.toMatch(/Imported 2 attempts\./);
      await there.locator('tr[data-imported="yes"]').first().waitFor();
      // The same recording twice (alone and in the bundle) is one attempt.
      await expect(there.locator('tr[data-imported="yes"]').count()).resolves.toBe(1);

      // A damaged copy is rejected with a message naming the problem.
      const damaged = readFileSync(single.path);
      damaged[600]! ^= 0x20;
      const damagedPath = join(DIR, 'damaged.scrub');
      writeFileSync(damagedPath, damaged);
      await there.getByLabel('Import attempt files').setInputFiles(damagedPath);
      await expect(there.getByRole('alert', { name: 'Import problems' }).innerText({ timeout: 30_000 })).resolves.toMatch(
        /damaged\.scrub: chunk \d+ \(byte \d+\) is damaged: its CRC-32 does not match/,
      );
      await fresh.page.getByRole('button', { name: 'Back to procedures' }).click();

      await fresh.page.getByRole('button', { name: 'Instructor' }).click();
      const row = fresh.page.locator('tr[data-learner="Ada"]');
      await expect(row.innerText()).resolves.toMatch(/1 of 1/);
      await fresh.page.getByRole('button', { name: 'Ada: FLS peg transfer attempts' }).click();
      await expect(fresh.page.getByRole('region', { name: 'Attempts' }).innerText()).resolves.toMatch(/confirmed by Dr Okafor · 1 note/);
      await shot(fresh.page, 'desk-imported-class.png');
      await fresh.page.getByRole('region', { name: 'Attempts' }).getByRole('button', { name: 'Replay' }).click();
      await fresh.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
      expect((await replay(fresh.page))!.notes).toEqual([{ t: PIN_TICK / 120, text: NOTE, pin: expect.any(Array) }]);
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
