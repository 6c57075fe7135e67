import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

// A page script (an extension, an injected ad, a compromised dependency on the page) can set any global:
// the app must take its renderer, input and data from its own modules, never from one. Only the browser-test
// hook (src/dev, dev and test builds) writes a global, and nothing reads it back.
/**
 * Standard browser APIs read through a cast because TypeScript's DOM library lacks them; each is given
 * something by the app, never trusted for what it returns.
 */
const STANDARD_APIS: Record<string, string> = {
  // The browser's Trusted Types factory: the app registers its one policy with it (src/app/trusted-types.ts).
  'app/trusted-types.ts': '(globalThis as { trustedTypes?: TrustedTypePolicyFactory })',
};

describe('no global hands the app anything, and no text becomes markup or code', () => {
  it('reads no custom property of window, globalThis or self outside src/dev', () => {
    const offending: string[] = [];
    for (const file of sources(SRC)) {
      const path = relative(SRC, file).replaceAll('\\', '/');
      if (path.startsWith('dev/')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\((?:window|globalThis|self) as [^)]*\)|(?:window|globalThis|self)\[|(?:window|globalThis)\.__\w+/g))
        if (STANDARD_APIS[path] !== m[0]) offending.push(`${path}: ${m[0]}`);
    }
    expect(offending).toEqual([]);
  });

  it('never turns text into HTML or code (untrusted text is rendered by React as text)', () => {
    const offending: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /dangerouslySetInnerHTML|\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\beval\s*\(|new Function\s*\(/g,
      )) {
        offending.push(`${relative(SRC, file)}: ${m[0]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
