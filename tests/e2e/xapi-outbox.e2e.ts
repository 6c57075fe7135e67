import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestBrowser, openBrowser } from './support/browser.ts';
import { scriptedPegTransfer } from './support/attempt.ts';
import { configureLrs } from './support/app.ts';
import { type TestLrs, startTestLrs } from '../support/lrs-server.ts';

const PASSWORD = 'pw-never-stored-with-attempts';

describe('xAPI: statements queued in IndexedDB survive an outage and a reload, then arrive once each', () => {
  let b: TestBrowser;
  let lrs: TestLrs;
  beforeAll(async () => {
    const baseUrl = inject('baseUrl');
    lrs = await startTestLrs({ username: 'scrub', password: PASSWORD, corsOrigin: new URL(baseUrl).origin });
    b = await openBrowser(baseUrl, undefined, { allowOrigins: [lrs.endpoint] });
  });
  afterAll(async () => {
    expect(b.offsiteRequests, 'requests that left the local servers').toEqual([]);
    await b.close();
    await lrs.close();
  });

  it('configures the LRS in Settings', async () => {
    await b.page.goto(inject('baseUrl'));
    await configureLrs(b.page, lrs.endpoint, 'scrub', PASSWORD);
  });

  let queued = 0;
  it('queues an attempt’s statements while the LRS is down', async () => {
    await lrs.setOutage('refused');
    await scriptedPegTransfer(b.page);
    const status = b.page.getByLabel('Learning records');
    await b.page.waitForFunction(() => /unreachable/.test(document.querySelector('.outbox')?.textContent ?? ''));
    queued = Number(await status.getAttribute('data-pending'));
    expect(queued).toBeGreaterThanOrEqual(3); // initialized, …, failed/passed, terminated
    expect(lrs.statements).toEqual([]);
  });

  it('keeps them across a page reload, and sends each exactly once when the LRS is back', async () => {
    await b.page.reload();
    await b.page.locator(`.outbox[data-pending="${queued}"]`).waitFor();
    await lrs.setOutage('none');
    await b.page.getByRole('button', { name: 'Send now' }).click();
    await b.page.locator('.outbox[data-pending="0"]').waitFor();

    expect(lrs.rejections).toEqual([]);
    const statements = lrs.statements as { id: string; verb: { id: string } }[];
    expect(statements).toHaveLength(queued);
    expect(new Set(statements.map((s) => s.id)).size).toBe(queued);
    expect(statements[0]!.verb.id).toBe('http://adlnet.gov/expapi/verbs/initialized');
    expect(statements.at(-1)!.verb.id).toBe('http://adlnet.gov/expapi/verbs/terminated');
  });

  it('never writes the LRS credentials into the stored attempts', async () => {
    const dump = await b.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('scrub');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['attempts', 'profiles'], 'readonly');
            const rows: unknown[] = [];
            for (const name of ['attempts', 'profiles']) {
              const all = tx.objectStore(name).getAll();
              all.onsuccess = () => rows.push(all.result);
            }
            tx.oncomplete = () => resolve(JSON.stringify(rows));
          };
        }),
    );
    expect(dump).toContain('fls-peg-transfer');
    expect(dump).not.toContain(PASSWORD);
  });

  it('refuses plain http to another machine, never shows the stored password, and clears the credentials on request', async () => {
    await b.page.getByRole('button', { name: 'Settings' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Settings' });
    // The stored password is kept, not put back into the page.
    await expect(dialog.getByLabel('Password').inputValue()).resolves.toBe('');
    expect(await b.page.content()).not.toContain(PASSWORD);
    await dialog.getByLabel('Endpoint').fill('http://lrs.example.org/xapi/');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toMatch(/Plain http:\/\/ would send the LRS password unencrypted/);
    await dialog.getByRole('button', { name: 'Clear LRS credentials' }).click();
    await expect(dialog.getByRole('status').innerText()).resolves.toMatch(/removed/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const settings = await b.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('scrub-settings');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('settings', 'readonly').objectStore('settings').getAll();
            all.onsuccess = () => resolve(JSON.stringify(all.result));
          };
        }),
    );
    expect(settings).not.toContain(PASSWORD);
    expect(settings).not.toContain('"lrs"');
    expect(b.offsiteRequests).toEqual([]);
  });

  it('logged no console errors but the refused connections of the outage', () => {
    expect(b.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|net::/.test(e))).toEqual([]);
  });
});
