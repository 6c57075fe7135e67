import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../../src/core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The core runs in Node, in the browser and in the grader alike: it must not reach for any of these. */
const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](react|react-dom)(\/[^'"]*)?['"]/, 'React'],
  [/from ['"]@react-three\//, 'React Three'],
  [/from ['"]three(\/[^'"]*)?['"]/, "three's renderer"],
  [/\bDate\.now\s*\(/, 'the wall clock (Date.now)'],
  [/\bnew Date\s*\(/, 'the wall clock (new Date)'],
  [/\bperformance\.now\s*\(/, 'the wall clock (performance.now)'],
  [/\bMath\.random\s*\(/, 'unseeded randomness (Math.random)'],
  [/\b(window|document|navigator|localStorage|indexedDB|requestAnimationFrame)\b/, 'the DOM'],
];

describe('src/core is pure', () => {
  const sources = files(CORE);
  it('has sources to check', () => expect(sources.length).toBeGreaterThan(3));
  for (const file of sources) {
    it(relative(CORE, file), () => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      const found = FORBIDDEN.filter(([re]) => re.test(code)).map(([, what]) => what);
      expect(found, `${relative(CORE, file)} uses ${found.join(', ')}`).toEqual([]);
    });
  }
});
