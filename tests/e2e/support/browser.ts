import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const ARTIFACTS = join(import.meta.dirname, '../artifacts');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** Requests to any host other than the local server, blocked and counted. */
  offsiteRequests: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, WebGL2 on SwiftShader, in a fresh profile. Every request that is not
 * for the local server is blocked and recorded: the app must work with no network.
 */
export interface BrowserOptions {
  /** Further origins the page may reach (e.g. a local test LRS on 127.0.0.1:port); everything else stays blocked. */
  allowOrigins?: string[];
  /** The browser's language (navigator.language), e.g. es-ES; the app follows it until the learner chooses. */
  locale?: string;
}

export async function openBrowser(baseUrl: string, size = { width: 1024, height: 700 }, options: BrowserOptions = {}): Promise<TestBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'scrub-e2e-')), {
    executablePath: process.env.SCRUB_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: size,
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  const allowed = [new URL(baseUrl).origin, ...(options.allowOrigins ?? []).map((o) => new URL(o).origin)];
  const errors: string[] = [];
  const offsiteRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((o) => url.startsWith(`${o}/`)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    offsiteRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors, offsiteRequests, close: () => context.close() };
}

/**
 * One browser for a `describe` block: opened before its tests, closed after them, once it has checked that
 * no request left the local server (and, unless `allowConsoleErrors`, that nothing was logged as an error).
 * Returns a stand-in whose members reach the open browser.
 */
export function browserForSuite(size?: { width: number; height: number }, options: BrowserOptions & { allowConsoleErrors?: boolean } = {}): TestBrowser {
  let opened: TestBrowser | null = null;
  const current = (): TestBrowser => {
    if (!opened) throw new Error('the suite browser is opened in beforeAll');
    return opened;
  };
  beforeAll(async () => {
    opened = await openBrowser(inject('baseUrl'), size, options);
  });
  afterAll(async () => {
    if (!opened) return;
    try {
      expect(opened.offsiteRequests, 'requests that left the local server').toEqual([]);
      if (!options.allowConsoleErrors) expect(opened.errors, 'console errors').toEqual([]);
    } finally {
      await opened.close();
    }
  });
  return {
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get errors() {
      return current().errors;
    },
    get offsiteRequests() {
      return current().offsiteRequests;
    },
    close: () => current().close(),
  };
}
