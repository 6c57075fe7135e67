import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestBrowser, openBrowser } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';

/** Esc, then "Leave without saving" in the question it asks. */
async function leaveAttempt(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Leave the attempt?' }).getByRole('button', { name: 'Leave without saving' }).click();
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
};

/**
 * The test build served as a static site whose service worker can be changed under the page: "version 2"
 * serves a byte-different sw.js, which the browser installs as an update (the app's files are the same).
 */
async function serveTestBuild(dir: string): Promise<{ url: string; version: { n: number }; close(): Promise<void> }> {
  const version = { n: 1 };
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path === '' ? 'index.html' : path);
    readFile(file).then(
      (data) => {
        const body = path === 'sw.js' && version.n > 1 ? Buffer.concat([data, Buffer.from(`\n// version ${version.n}\n`)]) : data;
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, version, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Asks the browser to look for a new service worker now, and waits until one is installed and waiting. */
function findUpdate(b: TestBrowser): Promise<{ waiting: boolean; updateMs: number; waitingMs: number }> {
  return b.page.evaluate(async () => {
    const registration = (await navigator.serviceWorker.getRegistration())!;
    const t0 = performance.now();
    await registration.update();
    const t1 = performance.now();
    for (let i = 0; i < 600 && !registration.waiting; i++) await new Promise((r) => setTimeout(r, 100));
    return { waiting: registration.waiting !== null, updateMs: t1 - t0, waitingMs: performance.now() - t1 };
  });
}

describe('updates: a new version is offered outside an attempt, never forced', () => {
  let site: Awaited<ReturnType<typeof serveTestBuild>>;
  let b: TestBrowser;
  beforeAll(async () => {
    site = await serveTestBuild(process.env.SCRUB_TEST_OUT_DIR ?? 'dist-test');
    b = await openBrowser(site.url, { width: 800, height: 600 });
  });
  afterAll(async () => {
    expect(b.offsiteRequests).toEqual([]);
    expect(b.errors).toEqual([]);
    await b.close();
    await site.close();
  });

  it('installs version 1 and runs an attempt from it', async () => {
    await b.page.goto(site.url);
    await b.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      while (registration.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 100));
    });
    await b.page.reload();
    await b.page.getByRole('option', { name: /peg transfer/i }).click();
    await b.page.getByRole('button', { name: 'Start on this computer' }).click();
    // The case card first: the attempt begins with its Start button.
    await b.page.getByRole('button', { name: 'Start the attempt' }).click();
    await waitForTicks(b.page, 10);
    await b.page.evaluate(() => void ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  });

  it('downloads version 2 during the attempt without interrupting it or offering it there', async () => {
    site.version.n = 2;
    const found = await findUpdate(b);
    console.log(`update: ${JSON.stringify(found)}`);
    expect(found.waiting).toBe(true);
    await waitForTicks(b.page, 10);
    expect(await b.page.evaluate(() => (window as any).__scrub.state().screen)).toBe('session');
    expect(await b.page.locator('.update-offer').count()).toBe(0);
    expect(await b.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('offers it once the attempt is left, and applies it only on the learner’s click', async () => {
    await leaveAttempt(b.page);
    const offer = b.page.getByRole('status', { name: 'Update available' });
    await offer.waitFor();
    await expect(offer.innerText()).resolves.toMatch(/new version of Scrub is ready/);
    expect(await b.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await Promise.all([b.page.waitForEvent('load'), offer.getByRole('button', { name: 'Update now' }).click()]);
    await b.page.getByRole('option', { name: /peg transfer/i }).waitFor();
    const after = await b.page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return {
        reloaded: (window as unknown as { sameDocument?: boolean }).sameDocument === undefined,
        waiting: registration.waiting !== null,
        controlled: navigator.serviceWorker.controller !== null,
      };
    });
    expect(after).toEqual({ reloaded: true, waiting: false, controlled: true });
    expect(await b.page.locator('.update-offer').count()).toBe(0);
  });
});
