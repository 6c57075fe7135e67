import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/ (docs/architecture.md), lowest first. A module may import modules of its own unit
 * and of units on lower floors only: no upward arrow, no sideways arrow between units of one floor, so no
 * cycle between units either. Units are folders (or one file) under src/, matched longest prefix first.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['locales'],
  ['core/kernel'],
  ['core/world/physics', 'core/world/tissue', 'core/world/anatomy', 'core/world/instruments', 'core/world/fluids'],
  ['core/world/energy'],
  ['core/world/scenes'],
  ['core/world/laparoscope.ts'],
  ['core/world/world.ts'],
  ['core/vocabulary'],
  ['core/recognisers'],
  ['core/procedure'],
  ['core/metrics'],
  ['core/scoring'],
  ['core/progress', 'core/xapi'],
  ['core/attempt'],
  ['core/recording'],
  ['input', 'xr', 'cli'],
  ['app'],
  ['views'],
  ['screens'],
  ['dev'],
  ['main.tsx'],
];

const SRC = resolve(import.meta.dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const UNITS = FLOORS.flat().sort((a, b) => b.length - a.length);

function unitOf(file: string): string | undefined {
  const rel = relative(SRC, file);
  return UNITS.find((u) => rel === u || rel.startsWith(`${u}/`));
}

function floorOf(unit: string): number {
  return FLOORS.findIndex((floor) => floor.includes(unit));
}

/** Relative imports and re-exports (static, type-only and dynamic), resolved to files. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specs = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s));
}

describe('the floors of src/', () => {
  const files = sources(SRC);
  const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

  it('puts every module on a floor', () => {
    expect(files.filter((f) => unitOf(f) === undefined).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('has imports to check', () => expect(edges.length).toBeGreaterThan(100));

  it('never imports upward or sideways', () => {
    const wrong = edges.flatMap(({ from, to }) => {
      const a = unitOf(from)!;
      const b = unitOf(to);
      if (b === undefined) return [`${relative(SRC, from)} imports ${relative(SRC, to)}, which is outside src/`];
      if (a === b || floorOf(b) < floorOf(a)) return [];
      const way = floorOf(b) === floorOf(a) ? 'sideways' : 'upward';
      return [`${relative(SRC, from)} (${a}) imports ${way} ${relative(SRC, to)} (${b})`];
    });
    expect(wrong).toEqual([]);
  });

  it('has no cycle between modules', () => {
    const next = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const { from, to } of edges) next.get(from)?.push(to);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      path.push(f);
      for (const g of next.get(f) ?? []) {
        if (state.get(g) === 'open') cycles.push([...path.slice(path.indexOf(g)), g].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(g)) visit(g);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
