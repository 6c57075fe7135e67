import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_EXPANDED_TESTS } from '../../../src/core/procedure/condition-graph.ts';
import { type LoadResult, loadProtocol, runAttempt } from '../../../src/core/procedure/index.ts';
import { MAX_NESTING, MAX_PROTOCOL_CHARS } from '../../../src/core/procedure/loader.ts';
import { PROCEDURE_IDS, expectOneLineMessage, hostileNumber, hostileString, procedureText, runs, withinMs } from './fuzz-support.ts';
import { parse } from 'yaml';

/**
 * Hostile protocol files (src/core/procedure/loader.ts): every input is a protocol or located one-line errors,
 * never a throw, never slow; valid edits are never rejected. Bounds: docs/limits.md.
 */
const BASES = PROCEDURE_IDS.map((id) => ({ id, data: parse(procedureText(id)) as Record<string, unknown> }));
const SLOW_MS = 3000;

function expectWellFormed(result: LoadResult, lines: number): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(e.file).toBe('fuzz.yaml');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines + 1);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expectOneLineMessage(e.message);
  }
}

function load(text: string): LoadResult {
  const result = withinMs(SLOW_MS, () => loadProtocol(text, 'fuzz.yaml'));
  expectWellFormed(result, text.split(/\r\n|\r|\n/).length);
  return result;
}

/** Every path to a value inside `data`. */
function pathsOf(data: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(data)) data.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (typeof data === 'object' && data !== null) for (const [k, v] of Object.entries(data)) pathsOf(v, [...path, k], out);
  return out;
}

function setIn(data: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as object) }) as Record<string | number, unknown>;
  copy[head!] = setIn(copy[head!], rest, value);
  return copy;
}

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { not: v } : [v];
  return v;
};

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, [], {}, [5, 1], { inside: [5, 1] }, { gt: '$missing' }, '$count', { ref: 'nowhere' }),
  fc.integer({ min: 1, max: 200 }).map((d) => nested(d, { declared: 'x' })),
  fc.dictionary(hostileString, fc.oneof(hostileString, hostileNumber), { maxKeys: 3 }),
);

describe('protocol files under fuzz', { timeout: 300_000 }, () => {
  it('any value anywhere in a shipped protocol: a protocol or located one-line errors', () => {
    const cases = BASES.map((b) => ({ ...b, paths: pathsOf(b.data) }));
    fc.assert(
      fc.property(fc.nat(cases.length - 1), fc.nat(), hostileValue, (which, at, value) => {
        const base = cases[which]!;
        const path = base.paths[at % base.paths.length]!;
        load(stringify(setIn(base.data, path, value)));
      }),
      { numRuns: runs(60) },
    );
  });

  it('named conditions referring to each other in any graph (chains, diamonds, loops): bounded, or rejected', () => {
    const graph = fc.array(fc.array(fc.nat(39), { maxLength: 3 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(graph, (refs) => {
        const conditions = Object.fromEntries(
          refs.map((targets, i) => {
            const items = targets.filter((t) => t < refs.length).map((t) => ({ ref: `c${t}` }));
            return [`c${i}`, items.length === 0 ? { declared: 'x' } : { all: items }];
          }),
        );
        const base = BASES[1]!.data;
        const data = { ...base, conditions, errors: [{ code: 'fuzz', severity: 'minor', when: { ref: 'c0' }, message: 'm', instead: 'i' }] };
        const result = load(stringify(data));
        // Accepted conditions are cheap to evaluate: a hundred actions judged quickly.
        if (result.ok) {
          const actions = Array.from({ length: 100 }, (_, k) => ({ t: k, type: 'grasp' as const }));
          withinMs(SLOW_MS, () => runAttempt(result.protocol, actions));
        }
      }),
      { numRuns: runs(40) },
    );
  });

  const fls = BASES[1]!.data as Record<string, Record<string, unknown>>;
  const suture = BASES[2]!.data as { ordering: Record<string, Record<string, unknown>>[] };
  const withCondition = (c: unknown, parameters: Record<string, unknown> = {}) => ({
    ...fls,
    parameters: { ...fls.parameters, ...parameters },
    conditions: { ...fls.conditions, fz: c },
  });
  it.each([
    ['a negative duration', { ...fls, parameters: { ...fls.parameters, cutoffSec: -5 } }, 'cutoffSec must be at least 0, not -5'],
    [
      'a number parameter that is a string',
      withCondition({ count: { type: 'grasp', atLeast: '$n' } }, { n: 'many' }),
      '$n is used as a number, so it must be one',
    ],
    ['an empty count range', withCondition({ count: { type: 'grasp', atLeast: 5, atMost: 1 } }), 'count atLeast … atMost: 5 is above 1'],
    ['an empty inside range', withCondition({ action: { type: 'grasp', fraction: { inside: [0.9, 0.1] } } }), 'inside: [low, high]: 0.9 is above 0.1'],
    ['a fraction above 1', withCondition({ cleared: { structure: 'board', atLeast: 2 } }), 'cleared atLeast (a fraction) must be from 0 to 1, not 2'],
    ['a huge number', { ...fls, estimatedMinutes: Number.POSITIVE_INFINITY }, 'expected number, got Infinity'],
    [
      'repeat min above max',
      { ...suture, ordering: suture.ordering.map((o) => (typeof o === 'object' && o.repeat ? { repeat: { ...o.repeat, min: 5, max: 2 } } : o)) },
      'repeat min … max: 5 is above 2',
    ],
  ])('rejects %s, located', (_, data, message) => {
    const result = load(stringify(data));
    expect(result.ok ? [] : result.errors.map((e) => e.message).join('\n')).toContain(message);
  });

  it('a file past the size limit: one error, at once', () => {
    const result = load(`${procedureText('fls-peg-transfer')}\n# ${'x'.repeat(MAX_PROTOCOL_CHARS)}\n`);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/more than a protocol may \(2,000,000\)$/)]);
  });

  it('a doubling chain is rejected by its size, quickly, however long', () => {
    for (const n of [16, 30, 200]) {
      const conditions: Record<string, unknown> = { c0: { declared: 'x' } };
      for (let i = 1; i < n; i++) conditions[`c${i}`] = { any: [{ ref: `c${i - 1}` }, { ref: `c${i - 1}` }] };
      const result = load(stringify({ ...BASES[1]!.data, conditions }));
      expect(result.ok ? [] : result.errors.map((e) => e.message)).toContain(
        `conditions.c${Math.ceil(Math.log2(MAX_EXPANDED_TESTS))}: expands to more than 10,000 tests once its refs are followed`,
      );
    }
  });

  it('nesting far past the limit, as YAML blocks or flow lists: one located error, no stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_NESTING - 2, max: 20_000 }), fc.boolean(), (n, flow) => {
        // Block nesting grows the file with the square of the depth: 1,400 levels is 2 MB.
        const depth = flow ? n : Math.min(n, 1400);
        const text = flow
          ? `${procedureText('fls-peg-transfer')}\nextra: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
          : `conditions:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}not:`).join('\n')}\n${'  '.repeat(depth + 1)}declared: x\n`;
        const result = load(text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: runs(20) },
    );
  });

  it('arbitrary text, line breaks of every kind included: never a throw', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(fc.oneof(hostileString, fc.constantFrom('id: x', '- ', ': ', '{', '[', '&a ', '*a', '!!binary', '%YAML 1.2', '---')), { maxLength: 60 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (t) => void load(t)),
      { numRuns: runs(200) },
    );
  });

  it('valid edits are never rejected: any text in titles and instructions, and acyclic ref chains within the bounds', () => {
    const prose = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), prose, prose, fc.integer({ min: 1, max: 30 }), (which, title, hint, chain) => {
        const base = BASES[which]!.data as { steps: Record<string, unknown>[]; conditions?: Record<string, unknown> };
        const conditions: Record<string, unknown> = { ...(base.conditions ?? {}), 'fuzz-0': { declared: 'x' } };
        for (let i = 1; i < chain; i++) conditions[`fuzz-${i}`] = { not: { ref: `fuzz-${i - 1}` } };
        const steps = base.steps.map((s, i) => (i === 0 ? { ...s, title, hint } : s));
        const result = load(stringify({ ...base, title, steps, conditions }));
        expect(result.ok ? [] : result.errors).toEqual([]);
      }),
      { numRuns: runs(30) },
    );
  });
});
