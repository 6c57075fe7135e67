import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Mesh, MeshBasicMaterial, WebGLRenderer, WebGLRenderTarget } from 'three';
import { browserForSuite } from './support/browser.ts';
import { appState } from './support/app.ts';
import { loupeFov } from '../../src/views/desktop-camera.ts';

/**
 * Pictures of each scene at high quality (`?quality=high`: the physically based materials a GPU gets),
 * for docs/looks.md. `SCRUB_LOOKS=before|after` writes them to docs/images/looks-<when>-*.png (each
 * must stay under 400 KB). A picture-taking tool, not a check: it runs only when asked (the budgets at both
 * qualities are checked on every run by scenes.e2e.ts), since high-quality software rendering takes minutes.
 */
const WHEN = process.env.SCRUB_LOOKS;
const OUT = join(import.meta.dirname, '../../docs/images');
const MAX_PNG_BYTES = 400 * 1024;
/** Software rendering at high quality draws a frame in seconds on two cores: every wait is long. */
const SLOW = { timeout: 150_000 };

type Hook = { renderer: WebGLRenderer; scene3d: { getObjectByName(name: string): Mesh | undefined } };

function save(name: string, png: Buffer): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `looks-${WHEN}-${name}.png`), png);
  expect(png.length).toBeLessThan(MAX_PNG_BYTES);
}

describe.skipIf(!WHEN)('how each scene looks at high quality', { timeout: 400_000 }, () => {
  const b = browserForSuite({ width: 800, height: 500 });

  async function open(procedure: RegExp, scene: string): Promise<void> {
    await b.page.goto(`${inject('baseUrl')}?quality=high`, SLOW);
    await b.page.getByRole('option', { name: procedure }).click(SLOW);
    await b.page.getByRole('button', { name: 'Start on this computer' }).click(SLOW);
    // The case card first: the attempt begins with its Start button.
    await b.page.getByRole('button', { name: 'Start the attempt' }).click(SLOW);
    await b.page.waitForFunction(() => (window as unknown as { __scrub: { state(): { tick: number } } }).__scrub.state().tick >= 6, undefined, {
      ...SLOW,
      polling: 500,
    });
    expect((await appState(b.page)).scene).toBe(scene);
  }

  /**
   * The room view: the canvas as the trainee sees it, without the panels over it; `inset` leaves out that
   * fraction at each side (a magnified skin's texture makes a larger file).
   */
  async function roomView(name: string, inset = 0): Promise<void> {
    await b.page.evaluate(() => {
      const canvas = document.querySelector('canvas')!;
      for (const el of document.querySelectorAll<HTMLElement>('body *')) if (el !== canvas && !el.contains(canvas)) el.style.visibility = 'hidden';
    });
    const box = (await b.page.locator('canvas').boundingBox(SLOW))!;
    const clip = { x: box.x + inset * box.width, y: box.y + inset * box.height, width: (1 - 2 * inset) * box.width, height: (1 - 2 * inset) * box.height };
    save(name, await b.page.screenshot({ clip, ...SLOW }));
  }

  /** The laparoscope's own picture, read back from the render target the monitor shows, scaled to 640 px wide (the file's size). */
  async function laparoscopePicture(name: string): Promise<void> {
    const b64 = await b.page.evaluate(async () => {
      await new Promise(requestAnimationFrame);
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      const monitor = hook.scene3d.getObjectByName('laparoscope-monitor')!.children[1] as Mesh;
      const target = (monitor.material as MeshBasicMaterial).map!.renderTarget as WebGLRenderTarget;
      const { width, height } = target;
      const pixels = new Uint8Array(width * height * 4);
      hook.renderer.readRenderTargetPixels(target, 0, 0, width, height, pixels);
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      const image = g.createImageData(width, height);
      // WebGL rows run bottom-up.
      for (let y = 0; y < height; y++) image.data.set(pixels.subarray((height - 1 - y) * width * 4, (height - y) * width * 4), y * width * 4);
      g.putImageData(image, 0, 0);
      const small = document.createElement('canvas');
      small.width = 640;
      small.height = Math.round((640 * height) / width);
      small.getContext('2d')!.drawImage(canvas, 0, 0, small.width, small.height);
      return small.toDataURL('image/png').slice('data:image/png;base64,'.length);
    });
    save(name, Buffer.from(b64, 'base64'));
  }

  it('lap-chole: the laparoscope picture and the room', async () => {
    await open(/cholecystectomy/i, 'hepatobiliary');
    await laparoscopePicture('lap-chole-laparoscope');
    await roomView('lap-chole-room');
  });

  it('lap-chole: the liver edge gives as the expert retracts the infundibulum (rest, then retracted)', async () => {
    await b.page.goto(`${inject('baseUrl')}?quality=high`, SLOW);
    await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor(SLOW);
    // Lock-step (as energy.e2e.ts): the expert's ticks run in slices here; frames draw between them.
    await b.page.evaluate(() => {
      const hook = (window as any).__scrub;
      hook.lockstep(true);
      hook.play('lap-chole-cvs', 1);
    });
    const stepTo = (tick: number) =>
      b.page.evaluate(async (to) => {
        const hook = (window as any).__scrub;
        while (hook.state().tick < to) {
          hook.stepTicks(Math.min(60, to - hook.state().tick));
          await new Promise(requestAnimationFrame);
        }
      }, tick);
    // The expert's left grasper takes the infundibulum at tick 149 and has it retracted by tick 300.
    await stepTo(140);
    await laparoscopePicture('liver-give-rest');
    await stepTo(420);
    await laparoscopePicture('liver-give-retracted');
  });

  it('suture pad, and through the loupe at 2.5×', async () => {
    await open(/suture/i, 'skin-pad');
    await roomView('suture-pad');
    // Z twice: 1.5×, then 2.5× (docs/instruments.md, "The loupe").
    await b.page.keyboard.press('z');
    await b.page.keyboard.press('z');
    await b.page.waitForFunction(
      (fov) => Math.abs((window as unknown as { __scrub: { desktop: { camera: { fov: number } } } }).__scrub.desktop.camera.fov - fov) < 1e-6,
      loupeFov('skin-pad', 2.5),
      SLOW,
    );
    // The middle 640 × 400.
    await roomView('suture-pad-loupe', 0.1);
  });

  it('excision pad', async () => {
    await open(/excision/i, 'skin-pad');
    await roomView('excision-pad');
  });

  it('FLS pegboard: the laparoscope picture', async () => {
    await open(/peg transfer/i, 'pegboard');
    await laparoscopePicture('pegboard-laparoscope');
  });
});
