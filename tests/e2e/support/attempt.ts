import type { Page } from 'playwright-core';
import { waitForTicks } from './app.ts';

/**
 * A scripted attempt at FLS peg transfer: start it in practice mode, move the instrument about with the
 * mouse, finish with F; resolves once the debrief has stored the attempt and drawn its charts.
 */
export async function scriptedPegTransfer(page: Page): Promise<void> {
  await page.getByRole('option', { name: /peg transfer/i }).click();
  await page.getByRole('radio', { name: /practice/i }).check({ force: true });
  await page.getByRole('button', { name: 'Start on this computer' }).click();
  // The case card first: the attempt begins with its Start button.
  await page.getByRole('button', { name: 'Start the attempt' }).click();
  await waitForTicks(page, 20);
  const box = (await page.locator('canvas').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const [dx, dy] of [
    [-150, 0],
    [120, 40],
    [0, -60],
    [80, 80],
  ] as const) {
    await page.mouse.move(cx + dx, cy + dy, { steps: 4 });
    await waitForTicks(page, 6);
  }
  await page.keyboard.press('f');
  await page.locator('main.debrief[data-saved="yes"]').waitFor();
  await page.locator('.debrief .chart canvas').first().waitFor();
}
