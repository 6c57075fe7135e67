import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type TestBrowser, openBrowser } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';

/** Markup that would run script if it were ever parsed as HTML (and the CSP let it). */
const HOSTILE = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script><b onmouseover="window.__pwned='b'">x</b>`;

/** A shipped protocol with hostile text in its title, first step's title and instruction (loads as valid). */
function hostileProtocol(): string {
  const text = readFileSync(join(import.meta.dirname, '../../procedures/fls-peg-transfer.yaml'), 'utf8');
  const quoted = `'${HOSTILE.replaceAll("'", "''")}'`;
  return text
    .replace(/^id: fls-peg-transfer$/m, 'id: hostile-peg-transfer')
    .replace(/^title: .*$/m, `title: ${quoted}`)
    .replace(/(- id: transfer-to-dominant-side\n\s+title: ).*\n(\s+instruction: ).*\n/, `$1${quoted}\n$2${quoted}\n`);
}

const hostileOption = (page: Page) => page.locator('button.procedure[data-procedure="hostile-peg-transfer"]');

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

const violations = (page: Page): Promise<Violation[]> => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

/** Nothing hostile became an element or ran; the text is on the page as text. */
async function expectInert(page: Page, where: string): Promise<void> {
  const seen = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    handlers: document.querySelectorAll('[onerror], [onmouseover], img[src="x"], b').length,
    scripts: [...document.scripts].filter((s) => !s.src).length,
    text: document.body.innerText,
  }));
  expect(seen.pwned, `${where}: script ran`).toBeNull();
  expect(seen.handlers, `${where}: hostile elements`).toBe(0);
  expect(seen.scripts, `${where}: inline scripts`).toBe(0);
  expect(seen.text, `${where}: shown as text`).toContain('<img src=x onerror=');
}

describe('hostile input held off: a strict CSP, and untrusted text rendered as text', () => {
  let b: TestBrowser;
  beforeAll(async () => {
    b = await openBrowser(inject('baseUrl'));
    await b.context.addInitScript(() => {
      const list: { directive: string; blocked: string; sample: string }[] = [];
      (window as unknown as { __violations: typeof list }).__violations = list;
      document.addEventListener('securitypolicyviolation', (e) => list.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
    });
  });
  afterAll(async () => {
    expect(b.offsiteRequests, 'requests that left the local server').toEqual([]);
    // The only console errors allowed are the refusals of the deliberate probes in the first test.
    const probeRefusal = (e: string): boolean =>
      (/Content Security Policy/i.test(e) && /(unsafe-eval|inline script|script-src|trusted-types)/.test(e)) ||
      /requires 'Trusted(HTML|Script|ScriptURL)' assignment/.test(e);
    expect(b.errors.filter((e) => !probeRefusal(e))).toEqual([]);
    await b.close();
  });

  it('has the policy in force: no eval, no inline script, no script from elsewhere', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page
      .getByRole('option', { name: /peg transfer/i })
      .first()
      .waitFor();
    const csp = await b.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/(^|; )require-trusted-types-for 'script'(;|$)/);
    expect(csp).toMatch(/(^|; )trusted-types default(;|$)/);
    // The preview server sends it as a header too, with frame-ancestors (which a meta tag cannot carry).
    const header = await b.page.evaluate(async () => (await fetch(location.href, { cache: 'no-store' })).headers.get('content-security-policy'));
    // Trusted Types only in the page's meta tag: the header would hold the service worker's importScripts to them too.
    expect(header).toContain(`${csp!.replace("; require-trusted-types-for 'script'; trusted-types default", '')}; frame-ancestors 'none'`);
    expect(header).not.toMatch(/trusted-types/);
    // Nothing in the app itself offends the policy (zod's eval probe is off: src/app/strict-csp.ts), and the
    // service worker registered through the Trusted Types policy (src/app/trusted-types.ts).
    expect(await violations(b.page)).toEqual([]);
    await expect(b.page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).resolves.toMatch(/\/sw\.js$/);
    const probes = await b.page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const refused = (f: () => void): string => {
        try {
          f();
          return 'allowed';
        } catch (e) {
          return (e as Error).name;
        }
      };
      // A string for setTimeout is compiled by the page itself (code run through the DevTools protocol, as
      // this function is, is not held to the policy's eval rule).
      const evalSink = refused(() => (setTimeout as any)('window.__evalRan = true', 0));
      const inline = document.createElement('script');
      const inlineText = refused(() => {
        inline.textContent = 'window.__inlineRan = true';
      });
      document.head.append(inline);
      const offsite = document.createElement('script');
      const offsiteSrc = refused(() => {
        offsite.src = 'https://cdn.example.org/x.js';
      });
      document.head.append(offsite);
      // Trusted Types: HTML strings reach no sink, and no policy but the app's own 'default' may be made.
      const div = document.createElement('div');
      const html = refused(() => {
        div.innerHTML = '<img src=x onerror="window.__pwned=1">';
      });
      const policy = refused(() => (window as any).trustedTypes.createPolicy('other', { createHTML: (s: string) => s }));
      await new Promise((r) => setTimeout(r, 200));
      inline.remove();
      offsite.remove();
      return { evalSink, inlineText, offsiteSrc, html, policy, evalRan: w.__evalRan ?? false, inlineRan: w.__inlineRan ?? false, markup: div.children.length };
    });
    // Trusted Types turn every one of these strings away at the sink, before script-src is asked (the
    // script-src rules stand behind them, asserted on the policy's text above).
    expect(probes).toEqual({
      evalSink: 'TypeError',
      inlineText: 'TypeError',
      offsiteSrc: 'TypeError',
      html: 'TypeError',
      policy: 'TypeError',
      evalRan: false,
      inlineRan: false,
      markup: 0,
    });
    const seen = await violations(b.page);
    // Once per policy in force: the meta tag's, and the preview server's header where it sends one.
    expect([...new Set(seen.map((v) => `${v.directive} ${v.sample.split('|')[0]}`))].sort()).toEqual([
      'require-trusted-types-for Element innerHTML',
      'require-trusted-types-for HTMLScriptElement src',
      'require-trusted-types-for HTMLScriptElement textContent',
      'require-trusted-types-for Window setTimeout',
      'trusted-types other',
    ]);
    expect(b.offsiteRequests).toEqual([]); // refused by the policy before any request
    await b.page.evaluate(() => {
      (window as unknown as { __violations: unknown[] }).__violations.length = 0;
    });
  });

  it('shows a hostile learner name and protocol as text on the home screen', async () => {
    await b.page.getByRole('textbox', { name: 'New learner name' }).fill(HOSTILE);
    await b.page.getByRole('button', { name: 'Add learner' }).click();
    await expect(b.page.getByRole('combobox').locator('option:checked').innerText()).resolves.toBe(HOSTILE);
    const loaded = await b.page.evaluate(
      async ([good, broken]) => {
        const hook = (window as unknown as { __scrub: { addProtocol(f: string, t: string): Promise<boolean> } }).__scrub;
        return [await hook.addProtocol('imported/hostile.yaml', good!), await hook.addProtocol('imported/broken.yaml', broken!)];
      },
      [hostileProtocol(), `id: broken\n"${HOSTILE.replaceAll('"', '\\"')}": 1\n`],
    );
    expect(loaded).toEqual([true, false]);
    await b.page.locator('.protocol-errors').waitFor();
    await expect(b.page.locator('.protocol-errors').innerText()).resolves.toContain(`unknown key '${HOSTILE}'`);
    await expect(hostileOption(b.page).innerText()).resolves.toContain(HOSTILE);
    await expectInert(b.page, 'home');
  });

  it('shows it as text in the session HUD', async () => {
    await hostileOption(b.page).click();
    await b.page.getByRole('radio', { name: /learn/i }).check({ force: true });
    await b.page.getByRole('button', { name: 'Start on this computer' }).click();
    // The case card first: the attempt begins with its Start button.
    await b.page.getByRole('button', { name: 'Start the attempt' }).click();
    await waitForTicks(b.page, 10);
    const panel = await b.page.locator('.step-panel').innerText();
    expect(panel).toContain(HOSTILE);
    await expectInert(b.page, 'session');
  });

  it('shows it as text in the debrief and on the progress screen, with no CSP violation all along', async () => {
    await b.page.keyboard.press('f');
    await b.page.locator('main.debrief[data-saved="yes"]').waitFor();
    await expect(b.page.locator('main.debrief h1').innerText()).resolves.toBe(HOSTILE);
    await expectInert(b.page, 'debrief');
    await b.page.getByRole('button', { name: 'Progress' }).click();
    await expect(b.page.locator('h1').innerText()).resolves.toBe(`Progress — ${HOSTILE}`);
    await expectInert(b.page, 'progress');
    expect(await violations(b.page)).toEqual([]);
  });
});
