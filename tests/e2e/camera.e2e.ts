import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PerspectiveCamera } from 'three';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, browserForSuite } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';
import { DESKTOP_VIEWS, loupeFov } from '../../src/views/desktop-camera.ts';
import { WORKSITE } from '../../src/core/kernel/or-layout.ts';
import { SCOPE_PORT } from '../../src/core/kernel/or-layout.ts';

type Hook = {
  begin(name: string): void;
  lockstep(on: boolean): void;
  stepTicks(n: number): number;
  desktop: { camera: PerspectiveCamera; canvas: HTMLCanvasElement } | null;
  input(): Record<'left' | 'right', { position: number[] }>;
  state(): { laparoscope: { eye: number[] } | null };
};

/** The desktop main camera's position, and the held laparoscope's eye after the latest tick (read together, between frames). */
function cameraAt(page: Page): Promise<{ camera: number[]; scope: number[] | null }> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __scrub: Hook }).__scrub;
    const p = hook.desktop!.camera.position;
    return { camera: [p.x, p.y, p.z], scope: hook.state().laparoscope?.eye ?? null };
  });
}

async function begin(page: Page, script: string): Promise<void> {
  await page.goto(inject('baseUrl'));
  await page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
  await page.evaluate((n) => (window as unknown as { __scrub: Hook }).__scrub.begin(n), script);
  await page.waitForFunction(() => (window as unknown as { __scrub: Hook }).__scrub.desktop !== null);
  await waitForTicks(page, 30);
}

async function canvasAspect(page: Page): Promise<number> {
  const box = (await page.locator('canvas').boundingBox())!;
  console.log(`canvas ${box.width} × ${box.height}`);
  return box.width / box.height;
}

/** Two animation frames: the main camera has taken the latest tick's pose. */
function waitForFrame(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

const near = (a: number[], b: readonly number[]): boolean => a.every((v, i) => Math.abs(v - b[i]!) < 1e-6);

describe('desktop: the main view', () => {
  // Wider than the laparoscope's 1.6: its picture is letterboxed, the room view fills the window.
  const b = browserForSuite({ width: 720, height: 400 });

  it('lap-chole starts on the laparoscope’s picture; V switches to the room view and back', async () => {
    await begin(b.page, 'lap-chole-cvs');
    writeFileSync(join(ARTIFACTS, 'start-lap-chole.png'), await b.page.screenshot());
    // The camera is the assistant's scope, wherever it has moved to.
    const start = await cameraAt(b.page);
    expect(start.scope).not.toBeNull();
    expect(start.camera).toSatisfy((p: number[]) => near(p, start.scope!));
    // The letterbox keeps the picture unstretched (the camera's aspect is the scope's whatever the box).
    expect(await canvasAspect(b.page)).toBeCloseTo(1.6, 1);
    await expect(b.page.getByLabel('Main view').textContent()).resolves.toBe('Laparoscope view (V)');

    await b.page.keyboard.press('v');
    await b.page.waitForFunction(() => document.querySelector('[aria-label="Main view"]')?.textContent === 'Room view (V)');
    await waitForTicks(b.page, 5);
    expect((await cameraAt(b.page)).camera).toSatisfy((p: number[]) => near(p, DESKTOP_VIEWS.hepatobiliary));
    expect(await canvasAspect(b.page)).toBeCloseTo(720 / 400, 1);
    writeFileSync(join(ARTIFACTS, 'start-lap-chole-room.png'), await b.page.screenshot());

    await b.page.keyboard.press('v');
    await b.page.waitForFunction(() => document.querySelector('[aria-label="Main view"]')?.textContent === 'Laparoscope view (V)');
    await waitForTicks(b.page, 5);
    const back = await cameraAt(b.page);
    expect(back.camera).toSatisfy((p: number[]) => near(p, back.scope!));

    // The learner takes the scope: half a second of → (in lock-step, 60 ticks) pans its shaft 0.25 rad about the
    // port (0.5 rad/s), the main camera with it; released, it stays where the learner left it.
    const yaw = (eye: number[]): number => Math.atan2(eye[0]! - SCOPE_PORT[0], -(eye[2]! - SCOPE_PORT[2]));
    await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.lockstep(true));
    await b.page.keyboard.down('ArrowRight');
    await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.stepTicks(1));
    const taken = await cameraAt(b.page);
    await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.stepTicks(60));
    await b.page.keyboard.up('ArrowRight');
    await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.stepTicks(60));
    await waitForFrame(b.page);
    const panned = await cameraAt(b.page);
    expect(yaw(panned.scope!) - yaw(taken.scope!)).toBeCloseTo(0.25, 6);
    expect(panned.camera).toSatisfy((p: number[]) => near(p, panned.scope!));
    await b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.lockstep(false));
  });

  it('the suture starts looking down on the skin pad, and V leaves that view alone', async () => {
    await begin(b.page, 'interrupted-suture');
    writeFileSync(join(ARTIFACTS, 'start-suture.png'), await b.page.screenshot());
    expect((await cameraAt(b.page)).camera).toSatisfy((p: number[]) => near(p, DESKTOP_VIEWS['skin-pad']));
    expect(await b.page.getByLabel('Main view').count()).toBe(0);
    await b.page.keyboard.press('v');
    await waitForTicks(b.page, 5);
    expect((await cameraAt(b.page)).camera).toSatisfy((p: number[]) => near(p, DESKTOP_VIEWS['skin-pad']));
  });

  it('the loupe: Z and Shift+Z or its buttons narrow the view about the pad, and the tip stays under the cursor', async () => {
    const loupe = b.page.getByRole('group', { name: /^Loupe/ });
    const fov = (): Promise<number> => b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.desktop!.camera.fov);
    await expect.poll(() => loupe.getByRole('button', { name: 'Loupe 1×' }).getAttribute('aria-pressed')).toBe('true');
    await b.page.keyboard.press('z');
    await expect.poll(fov).toBeCloseTo(loupeFov('skin-pad', 1.5), 6);
    await b.page.keyboard.press('Shift+Z');
    await expect.poll(fov).toBeCloseTo(loupeFov('skin-pad', 1), 6);
    await loupe.getByRole('button', { name: 'Loupe 2.5×' }).click();
    await expect.poll(fov).toBeCloseTo(loupeFov('skin-pad', 2.5), 6);
    expect(await loupe.getByRole('button', { name: 'Loupe 2.5×' }).getAttribute('aria-pressed')).toBe('true');
    await waitForFrame(b.page);
    writeFileSync(join(ARTIFACTS, 'start-suture-loupe.png'), await b.page.screenshot());
    // A point on the pad 1 cm right of and 1 cm nearer than its centre: the cursor there puts the tip on its line of sight.
    const box = (await b.page.locator('canvas').boundingBox())!;
    const at = await b.page.evaluate(
      ([x, y, z]: number[]) => {
        const camera = (window as unknown as { __scrub: Hook }).__scrub.desktop!.camera;
        const p = camera.position.clone().set(x!, y!, z!).project(camera);
        return [p.x, p.y];
      },
      [WORKSITE[0] + 0.01, WORKSITE[1] + 0.012, WORKSITE[2] + 0.01],
    );
    const cursor = { x: box.x + ((at[0]! + 1) / 2) * box.width, y: box.y + ((1 - at[1]!) / 2) * box.height };
    await b.page.mouse.move(cursor.x, cursor.y);
    await waitForFrame(b.page);
    const drawn = await b.page.evaluate(() => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      const camera = hook.desktop!.camera;
      const p = camera.position.clone().fromArray(hook.input().right.position).project(camera);
      return [p.x, p.y];
    });
    // Within half a pixel of the cursor, at 2.5×.
    expect(Math.abs(((drawn[0]! - at[0]!) / 2) * box.width)).toBeLessThan(0.5);
    expect(Math.abs(((drawn[1]! - at[1]!) / 2) * box.height)).toBeLessThan(0.5);
  });
});
