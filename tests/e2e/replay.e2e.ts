import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserForSuite } from './support/browser.ts';
import type { ReplayView } from '../../src/dev/test-hook.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/recordings/v1-lap-chole-cvs.cut-unclipped.scrub');

function replay(page: Page): Promise<ReplayView | null> {
  return page.evaluate(() => (window as unknown as { __scrub: { replay(): ReplayView | null } }).__scrub.replay());
}

async function shot(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, name), await page.screenshot());
}

/** A frame's worth of ticks at 1× (60 Hz display, 120 Hz ticks), the tolerance for a jump. */
const FRAME_TICKS = 2;

describe('replay viewer', () => {
  const b = browserForSuite({ width: 1280, height: 860 });

  it('shows plainly that a recording of another protocol version cannot be replayed', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.locator('[data-procedure="lap-chole-cvs"]').click();
    await b.page.getByRole('button', { name: 'Replay the expert' }).waitFor();
    await shot(b.page, 'replay-home.png');
    await b.page.getByLabel('Open recording').setInputFiles(FIXTURE);
    const alert = b.page.getByRole('alert', { name: 'Cannot replay' });
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/cannot be replayed here/);
    expect(text).toMatch(/lap-chole-cvs 0\.2\.0/);
    expect(text).toMatch(/0\.5\.0/);
    await expect(b.page.locator('.recording-facts').innerText()).resolves.toMatch(/First Version/);
    await shot(b.page, 'replay-mismatch.png');
    await b.page.getByRole('button', { name: 'Back to procedures' }).click();
    await b.page.getByRole('button', { name: 'Open recording' }).or(b.page.getByLabel('Open recording')).first().waitFor({ state: 'attached' });
  });

  it('verifies a scripted mistake recorded in the page, and shows steps and errors on the timeline', async () => {
    await b.page.evaluate(() =>
      (window as unknown as { __scrub: { openScriptReplay(n: string): Promise<void> } }).__scrub.openScriptReplay('lap-chole-cvs.cut-unclipped'),
    );
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    const state = (await replay(b.page))!;
    expect(state.ok).toBe(true);
    expect(state.tick).toBe(0);
    expect(state.errors.map((e) => e.code).sort()).toEqual(['cut-before-cvs', 'cut-unclipped']);
    expect(await b.page.locator('.replay-band').count()).toBeGreaterThan(0);
    expect(await b.page.locator('.replay-error').count()).toBe(2);
    // Severity is a shape and a word, not colour alone.
    const label = await b.page.locator('.replay-error').first().getAttribute('aria-label');
    expect(label).toMatch(/^(critical|major|minor) error /);
    console.log(`verify ${state.ticks} ticks: ${state.verifyMs.toFixed(0)} ms`);
    await shot(b.page, 'replay-timeline.png');
  });

  it('jumps to an error marker on click, and the metrics follow the playhead', async () => {
    const marker = b.page.locator('.replay-error').last();
    const target = Number(await marker.getAttribute('data-tick'));
    await marker.click();
    const state = (await replay(b.page))!;
    expect(Math.abs(state.tick - target)).toBeLessThanOrEqual(FRAME_TICKS);
    console.log(`seek to tick ${state.tick}: ${state.lastSeekMs.toFixed(1)} ms`);
    const metrics = b.page.getByRole('complementary', { name: 'At the playhead' });
    await expect.poll(() => metrics.innerText()).toMatch(/Errors so far \([1-9]\)/);
    await expect.poll(async () => b.page.locator('.replay-playhead').getAttribute('data-tick')).toBe(String(state.tick));
    await shot(b.page, 'replay-error-jump.png');
  });

  it('frame-steps with the arrow keys and plays with space', async () => {
    const before = (await replay(b.page))!.tick;
    await b.page.keyboard.press('ArrowRight');
    expect((await replay(b.page))!.tick).toBe(before + 1);
    await b.page.keyboard.press('ArrowLeft');
    await b.page.keyboard.press('ArrowLeft');
    expect((await replay(b.page))!.tick).toBe(before - 1);
    await b.page.keyboard.press(']');
    expect((await replay(b.page))!.speed).toBe(2);
    await b.page.keyboard.press('[');
    expect((await replay(b.page))!.speed).toBe(1);
    await b.page.evaluate(() => (window as unknown as { __scrub: { replaySeek(t: number): number } }).__scrub.replaySeek(0));
    await b.page.keyboard.press(' ');
    await expect.poll(async () => (await replay(b.page))!.tick, { timeout: 20_000 }).toBeGreaterThan(20);
    await b.page.keyboard.press(' ');
    expect((await replay(b.page))!.playing).toBe(false);
  });

  it('overlays the expert ghost, aligned step by step, and shows the laparoscope picture', async () => {
    await expect.poll(async () => (await replay(b.page))!.expertLoaded, { timeout: 90_000 }).toBe(true);
    const errorTick = (await replay(b.page))!.errors[0]!.tick;
    await b.page.evaluate((t) => (window as unknown as { __scrub: { replaySeek(t: number): number } }).__scrub.replaySeek(t), errorTick);
    await b.page.getByRole('checkbox', { name: 'Expert ghost' }).check();
    const state = (await replay(b.page))!;
    expect(state.ghost).toBe(true);
    expect(state.expertTick).not.toBeNull();
    await b.page.waitForTimeout(500);
    await shot(b.page, 'replay-ghost.png');
    await b.page.getByRole('radio', { name: 'Laparoscope' }).check();
    await b.page.waitForTimeout(500);
    await shot(b.page, 'replay-laparoscope.png');
    // This recording has no head poses: the view says so rather than showing something else.
    await expect(b.page.getByRole('radio', { name: "Trainee's head" }).isDisabled()).resolves.toBe(true);
    await expect(b.page.locator('.replay-note').innerText()).resolves.toMatch(/no head poses/);
  });

  it('replays the bundled expert from the home screen: verified, no errors on the timeline', async () => {
    await b.page.getByRole('button', { name: 'Back (Esc)' }).click();
    await b.page.locator('[data-procedure="lap-chole-cvs"]').click();
    await b.page.getByRole('button', { name: 'Replay the expert' }).click();
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 90_000 });
    const state = (await replay(b.page))!;
    expect(state.ok).toBe(true);
    expect(state.errors).toEqual([]);
    expect(await b.page.locator('.replay-error').count()).toBe(0);
    console.log(`verify expert ${state.ticks} ticks: ${state.verifyMs.toFixed(0)} ms`);
    const seek = await b.page.evaluate(
      (t) => (window as unknown as { __scrub: { replaySeek(t: number): number } }).__scrub.replaySeek(t),
      Math.floor(state.ticks * 0.7),
    );
    console.log(`seek expert to 70%: ${seek.toFixed(1)} ms`);
    await b.page.waitForTimeout(300);
    await shot(b.page, 'replay-expert.png');
  });

  it('says prominently when a recording does not reproduce, and still shows the re-simulation', async () => {
    await b.page.evaluate(() =>
      (window as unknown as { __scrub: { openMislabelledReplay(n: string): void } }).__scrub.openMislabelledReplay('lap-chole-cvs.cut-unclipped'),
    );
    const alert = b.page.getByRole('alert', { name: 'Verification' });
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.innerText();
    expect(text).toMatch(/Does not reproduce the recording/);
    expect(text).toMatch(/recorded by scrub 0\.0\.0-other/);
    expect((await replay(b.page))!.ok).toBe(false);
    // The re-simulation is still there to watch, its timeline from this app's run.
    expect(await b.page.locator('.replay-band').count()).toBeGreaterThan(0);
    await shot(b.page, 'replay-divergence.png');
  });
});
