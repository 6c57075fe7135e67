/**
 * Shared by the input fuzzers: how many cases to run, and what every rejection must look like — one line that
 * names its place, with no stack trace, no "undefined", and no line break even when the input is full of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Cases per property: CI-sized by default; SCRUB_FUZZ_FULL=1 runs a hundred times as many (the full run). */
const SCALE = process.env.SCRUB_FUZZ_FULL ? 100 : 1;
export function runs(ciRuns: number): number {
  return Math.max(1, Math.round(ciRuns * SCALE));
}

export const ROOT = join(import.meta.dirname, '../../..');
export const PROCEDURE_IDS = ['lap-chole-cvs', 'fls-peg-transfer', 'interrupted-suture', 'elliptical-excision'] as const;
export const procedureText = (id: string) => readFileSync(join(ROOT, 'procedures', `${id}.yaml`), 'utf8');

// biome-ignore lint/suspicious/noControlCharactersInRegex: vertical tab and form feed break lines too
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\u000b\u000c]/;

export function expectOneLineMessage(message: string): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(LINE_BREAKS);
  expect(message).not.toMatch(/\bundefined\b/);
  // Neither a stack frame nor a value that was never meant to be shown.
  expect(message).not.toMatch(/\bat .*:\d+:\d+\)?$|\[object Object\]/);
  expect(message.length).toBeLessThan(600);
}

/** Strings that try to break a message over lines, or look like numbers, ids and parameter references. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', 'a\u2028b', 'x\ry', '\uFEFF', 'constructor', '__proto__', 'toString'),
  fc.constantFrom('$nope', '$', '0x1F', '1e999', '-0', 'Infinity', ' 1', '1,5', ''),
  fc.string({ unit: fc.constantFrom('a', '-', '\u2028', '\r', '\n', 'é', '😀'), minLength: 1, maxLength: 20 }),
);

/** Numbers at and past the edges: negative, zero, huge, tiny, non-finite. */
export const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

/** Runs `fn` and fails if it takes longer than `ms` (a hang shows as a slow case long before it stalls CI). */
export function withinMs<T>(ms: number, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
}
