import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState } from './support/app.ts';

const IMAGES = join(import.meta.dirname, '../../docs/images');
/** The picture kept in docs/: this wide (px), so it stays small. */
const SHOT_WIDTH = 480;

describe('bleeding, seen', () => {
  const b = browserForSuite({ width: 960, height: 600 });

  it('a cystic artery cut unclipped bleeds into a pool over the worksite, and the debrief gives the blood lost', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor();
    await b.page.evaluate(() => (window as any).__scrub.play('lap-chole-cvs.artery-unclipped', 8));
    await b.page.waitForFunction(() => (window as any).__scrub.state().playbackDone === true, undefined, { timeout: 400_000, polling: 1000 });
    const { hud } = await appState(b.page);
    expect(hud.errors).toContain('uncontrolled-bleeding');
    // The pool as drawn: one dark-red disc, grown to centimetres (60 ml), over the anatomy.
    const drawn = await b.page.evaluate(() => {
      const fluids = (window as any).__scrub.scene3d.getObjectByName('fluids');
      return fluids.children
        .filter((c: any) => c.visible)
        .map((c: any) => ({ name: c.name, radius: c.scale.x, colour: c.material.color.getHexString(), onTop: c.material.depthTest === false }));
    });
    console.log(`fluids drawn: ${JSON.stringify(drawn)}`);
    // Blood (the retraction's torn wall edge also leaves a bile stain: docs/fluids.md).
    const pools = drawn.filter((d: { name: string; colour: string }) => d.name.startsWith('pool-') && d.colour === '4a0404');
    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({ onTop: true });
    expect(pools[0].radius).toBeGreaterThan(0.02);
    expect(drawn.some((d: { name: string }) => d.name.startsWith('bleed-'))).toBe(true); // still bleeding: its jet
    const png = await b.page.screenshot();
    const small = await b.page.evaluate(
      async ([b64, width]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = width;
        c.height = Math.round((img.height * width) / img.width);
        c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
        return c.toDataURL('image/png').slice('data:image/png;base64,'.length);
      },
      [png.toString('base64'), SHOT_WIDTH] as const,
    );
    writeFileSync(join(IMAGES, 'lap-chole-bleed.png'), Buffer.from(small, 'base64'));
    await b.page.keyboard.press('f');
    await expect(
      b.page
        .getByText(/blood loss \d+(\.\d)? ml/)
        .first()
        .innerText(),
    ).resolves.toMatch(/blood loss (6\d|5[5-9])/);
  }, 480_000);
});
