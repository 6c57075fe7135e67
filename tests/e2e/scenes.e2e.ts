import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { appState, screenshotColours, waitForTicks } from './support/app.ts';

const MAX_DRAW_CALLS = 100;
const MAX_TRIANGLES = 300_000;
const MAX_HEAP_MB = 200;
const MAX_GPU_MB = 256;

type Hook = {
  renderer: { info: { autoReset: boolean; reset(): void; render: { calls: number; triangles: number } } };
  gpuBytes(): number;
};
/** Software rendering at high quality draws a frame in seconds on two cores. */
const SLOW = { timeout: 150_000 };

describe('every scene renders within its budgets', () => {
  const b = browserForSuite();

  async function open(procedure: RegExp, quality: 'low' | 'high' = 'low'): Promise<void> {
    await b.page.goto(quality === 'high' ? `${inject('baseUrl')}?quality=high` : inject('baseUrl'), SLOW);
    await b.page.getByRole('option', { name: procedure }).click(SLOW);
    await b.page.getByRole('button', { name: 'Start on this computer' }).click(SLOW);
    // The case card first: the attempt begins with its Start button.
    await b.page.getByRole('button', { name: 'Start the attempt' }).click(SLOW);
    if (quality === 'low') await waitForTicks(b.page, 24);
    else await b.page.waitForFunction(() => (window as any).__scrub.state().tick >= 6, undefined, { ...SLOW, polling: 500 });
  }

  async function budgets(name: string): Promise<{ calls: number; triangles: number; heapMb: number; gpuMb: number }> {
    // One whole frame, every pass counted (shadow maps, the laparoscope's picture, the main view): the
    // counters are reset in one animation frame and read in the next, with exactly one of the app's frames between.
    const render = await b.page.evaluate(async () => {
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      const info = hook.renderer.info;
      await new Promise<void>((done) =>
        requestAnimationFrame(() => {
          info.autoReset = false;
          info.reset();
          done();
        }),
      );
      await new Promise(requestAnimationFrame);
      const frame = { calls: info.render.calls, triangles: info.render.triangles };
      info.autoReset = true;
      return { ...frame, gpuBytes: hook.gpuBytes() };
    });
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach();
    const figures = {
      calls: render.calls,
      triangles: render.triangles,
      heapMb: heap.usedSize / 2 ** 20,
      gpuMb: render.gpuBytes / 2 ** 20,
    };
    console.log(`${name}: ${JSON.stringify(figures)}`);
    return figures;
  }

  for (const [name, pattern, scene] of [
    ['skin-laceration', /suture/i, 'skin-pad'],
    ['skin-lesion', /excision/i, 'skin-pad'],
    ['hepatobiliary', /cholecystectomy/i, 'hepatobiliary'],
    ['pegboard', /peg transfer/i, 'pegboard'],
  ] as const) {
    it(`${name}: ≤ ${MAX_DRAW_CALLS} draw calls, ≤ ${MAX_TRIANGLES} triangles, heap and GPU memory in budget`, async () => {
      await open(pattern);
      expect((await appState(b.page)).scene).toBe(scene);
      const f = await budgets(`${name} (low quality)`);
      expect(f.calls).toBeGreaterThan(5);
      expect(f.calls).toBeLessThanOrEqual(MAX_DRAW_CALLS);
      expect(f.triangles).toBeLessThanOrEqual(MAX_TRIANGLES);
      expect(f.heapMb).toBeLessThan(MAX_HEAP_MB);
      expect(f.gpuMb).toBeLessThan(MAX_GPU_MB);
      expect(await screenshotColours(b.page, `scene-${name}.png`)).toBeGreaterThan(30);
    });

    it(`${name} at high quality (a GPU's materials, shadows and textures): within the same budgets`, { timeout: 300_000 }, async () => {
      await open(pattern, 'high');
      const f = await budgets(`${name} (high quality)`);
      expect(f.calls).toBeGreaterThan(5);
      expect(f.calls).toBeLessThanOrEqual(MAX_DRAW_CALLS);
      expect(f.triangles).toBeLessThanOrEqual(MAX_TRIANGLES);
      expect(f.heapMb).toBeLessThan(MAX_HEAP_MB);
      expect(f.gpuMb).toBeLessThan(MAX_GPU_MB);
    });
  }

  it('camera navigation (the pegboard, its six targets, no instruments): within the budgets, the scope steered by the keys', async () => {
    await open(/camera navigation/i);
    expect((await appState(b.page)).scene).toBe('pegboard');
    const f = await budgets('camera-navigation (low quality)');
    expect(f.calls).toBeLessThanOrEqual(MAX_DRAW_CALLS);
    expect(f.triangles).toBeLessThanOrEqual(MAX_TRIANGLES);
    const eye = async () => (await appState(b.page)).laparoscope!.eye;
    const before = await eye();
    await b.page.keyboard.down('ArrowLeft');
    await waitForTicks(b.page, 30);
    await b.page.keyboard.up('ArrowLeft');
    expect((await eye())[0]).toBeLessThan(before[0]! - 0.001);
    expect(await screenshotColours(b.page, 'scene-camera-navigation.png')).toBeGreaterThan(30);
  });

  it('a scalpel drawn across the skin opens a visible gap', async () => {
    await open(/excision/i);
    await b.page.keyboard.press('2'); // the scalpel, second in the protocol's instrument list
    const box = (await b.page.locator('canvas').boundingBox())!;
    const y = box.y + box.height * 0.5;
    await b.page.mouse.move(box.x + box.width * 0.45, y);
    // Wheel down eight notches (2 mm each): from 12 mm above the surface to 4 mm into the skin, along the line of sight.
    for (let i = 0; i < 8; i++) await b.page.mouse.wheel(0, 100);
    await waitForTicks(b.page, 12);
    await b.page.mouse.move(box.x + box.width * 0.55, y, { steps: 25 });
    await b.page.waitForFunction(() => ((window as any).__scrub.state().sceneEvents.cut ?? 0) > 0);
    await waitForTicks(b.page, 60);
    const state = await appState(b.page);
    console.log(`cut: ${JSON.stringify({ events: state.sceneEvents, gap: state.woundGap })}`);
    expect(state.woundGap).toBeGreaterThan(0.0005);
    await screenshotColours(b.page, 'scene-skin-cut.png');
  });
});
