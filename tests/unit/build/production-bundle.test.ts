import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleFacts, buildProduction, inspectBuild } from '../../../scripts/bundle-check.ts';

// One production build (≈ 10–20 s on two cores) and what it carries: docs/performance.md, "Production bundle".
describe('the production bundle', () => {
  // Inside the project (the service worker's file list is globbed there); SCRUB_CHECK_OUT_DIR for parallel runs.
  const outDir = process.env.SCRUB_CHECK_OUT_DIR ?? 'dist-check';
  let facts: BundleFacts;
  beforeAll(async () => {
    await buildProduction(outDir);
    facts = inspectBuild(outDir);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('ships neither the headset emulator, the test hook, the scripted mistakes nor controller models; its CSP forbids inline and eval', () => {
    expect(facts.findings).toEqual([]);
    expect(facts.csp).toMatch(/script-src 'self'(;|$)/);
  });

  it('precaches the whole app, and stays within its budget', () => {
    const paths = facts.files.map((f) => f.path);
    expect(paths).toContain('sw.js');
    expect(paths).toContain('manifest.webmanifest');
    // Every file the app loads is precached (the service worker and its runtime load themselves).
    const loaded = paths.filter((p) => !/^(sw\.js|workbox-[\w-]+\.js)$/.test(p));
    expect(loaded.filter((p) => !facts.precache.urls.includes(p))).toEqual([]);
    expect(facts.precache.urls.filter((u) => u.startsWith('xr-profiles/')).length).toBeGreaterThanOrEqual(8);
    // Figures (2026-12-07): initial JS ≈ 703 kB gzip (618 before the translation layer, case cards, fluids, energy
    // and generated textures), precache ≈ 2.54 MB. Budgets with some room.
    expect(facts.initialJs.gzip).toBeLessThan(760_000);
    expect(facts.precache.bytes).toBeLessThan(3_000_000);
    console.log(
      `initial JS gzip ${(facts.initialJs.gzip / 1000).toFixed(1)} kB; precache ${facts.precache.entries} entries, ${(facts.precache.bytes / 1000).toFixed(1)} kB`,
    );
  });
});
