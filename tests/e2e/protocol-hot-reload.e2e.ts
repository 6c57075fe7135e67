import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ViteDevServer, createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestBrowser, openBrowser } from './support/browser.ts';

const FILE = join(import.meta.dirname, '../../procedures/zz-hot-reload-test.yaml');

const BROKEN = `id: zz-hot-reload
version: 1.0.0
title: Hot reload check
estimatedMinutes: 5
difficulty: medium
`;

describe('dev mode: editing a protocol file updates the running app', () => {
  let server: ViteDevServer;
  let b: TestBrowser;
  let url: string;

  beforeAll(async () => {
    server = await createServer({ logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    url = server.resolvedUrls!.local[0]!;
    b = await openBrowser(url);
    await b.page.goto(url);
    await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').first().waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    rmSync(FILE, { force: true });
    await b?.close();
    await server?.close();
  });

  it('shows a broken file with its located errors instead of breaking the page', async () => {
    writeFileSync(FILE, BROKEN);
    const alert = b.page.getByRole('alert', { name: 'Protocol errors' });
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('procedures/zz-hot-reload-test.yaml:5:');
    expect(text).toMatch(/difficulty/);
    // The valid protocols are still there: every shipped file but the broken one.
    const shipped = readdirSync(dirname(FILE)).filter((f) => f.endsWith('.yaml') && join(dirname(FILE), f) !== FILE);
    expect(await b.page.getByRole('listbox', { name: 'Procedures' }).getByRole('option').count()).toBe(shipped.length);
  });

  it('picks up the fix without a reload', async () => {
    const fixed = (await import('node:fs'))
      .readFileSync(join(import.meta.dirname, '../../procedures/fls-peg-transfer.yaml'), 'utf8')
      .replace(/^id: .*$/m, 'id: zz-hot-reload')
      .replace(/^title: .*$/m, 'title: "Hot reload check"');
    writeFileSync(FILE, fixed);
    await b.page.getByRole('option', { name: /Hot reload check/ }).waitFor();
    expect(await b.page.getByRole('alert', { name: 'Protocol errors' }).count()).toBe(0);
  });
});
