import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActionLog, loadProtocol, parseActionLog, runAttempt, unknownNames } from '../../../src/core/procedure/index.ts';
import { buildReport } from '../../../src/core/scoring/index.ts';
import { MAX_LOG_ERRORS } from '../../../src/core/vocabulary/actions.ts';
import { PROCEDURE_IDS, ROOT, expectOneLineMessage, hostileNumber, hostileString, procedureText, runs, withinMs } from './fuzz-support.ts';

/**
 * Hostile action logs (`scrub grade --procedure … --actions …`, parseActionLog): every log is graded or rejected
 * with one-line problems naming their line; a valid log is never rejected; grading is quick and has no NaN.
 */
const CASES = PROCEDURE_IDS.map((id) => {
  const loaded = loadProtocol(procedureText(id), id);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  const expert = readFileSync(join(ROOT, 'tests/fixtures/actions', id, 'expert.jsonl'), 'utf8');
  return { id, protocol: loaded.protocol, lines: expert.split('\n').filter((l) => l.trim() !== '') };
});
const SLOW_MS = 3000;

function grade(which: number, text: string): ActionLog {
  const { protocol } = CASES[which]!;
  return withinMs(SLOW_MS, () => {
    const log = parseActionLog(text, (a) => unknownNames(protocol, a));
    const lineCount = text.split('\n').length;
    for (const e of log.errors) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lineCount);
      expectOneLineMessage(e.message);
    }
    expect(log.errors.length).toBeLessThanOrEqual(MAX_LOG_ERRORS + 1);
    if (log.errors.length === 0) expectFinite(buildReport(protocol, runAttempt(protocol, log.actions).state));
    return log;
  });
}

function expectFinite(value: unknown, path = 'report'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFinite(v, `${path}[${i}]`));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) expectFinite(v, `${path}.${k}`);
}

const FIELDS = ['t', 'tick', 'type', 'structure', 'instrument', 'fraction', 's', 'hand', 'point', 'object', 'constructor', '__proto__', 'toString', '\u2028'];

/** One edit to one line of a valid log. */
const lineEdit = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    field: fc.constantFrom(...FIELDS),
    value: fc.oneof(hostileString, hostileNumber, fc.constantFrom(null, true, [], {}, [1, 2])),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), field: fc.constantFrom('t', 'type', 'structure') }),
  fc.record({
    kind: fc.constant('raw' as const),
    text: fc.oneof(hostileString, fc.constantFrom('{', '[]', 'null', '{"t":1e999}', '\uFEFF{}', '{"t":0,"type":"idle"}\r')),
  }),
);

type Edit = typeof lineEdit extends fc.Arbitrary<infer E> ? E : never;

function applyEdit(line: string, edit: Edit): string {
  if (edit.kind === 'raw') return edit.text;
  let action: Record<string, unknown>;
  try {
    action = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line + JSON.stringify(edit);
  }
  if (typeof action !== 'object' || action === null) return line;
  if (edit.kind === 'duplicate') return line.replace('{', `{${JSON.stringify(edit.field)}: ${JSON.stringify(action[edit.field] ?? 0)}, `);
  // Non-finite numbers have no JSON: write them as the raw tokens a hostile file would hold.
  const value = typeof edit.value === 'number' && !Number.isFinite(edit.value) ? `__RAW${edit.value}__` : edit.value;
  return JSON.stringify({ ...action, [edit.field]: value }).replace(/"__RAW(.*?)__"/, '$1');
}

describe('action logs under fuzz', { timeout: 300_000 }, () => {
  it('edited lines: graded, or one-line problems naming their line', () => {
    fc.assert(
      fc.property(fc.nat(CASES.length - 1), fc.array(fc.tuple(fc.nat(), lineEdit), { minLength: 1, maxLength: 4 }), (which, edits) => {
        const lines = [...CASES[which]!.lines];
        for (const [at, edit] of edits) lines[at % lines.length] = applyEdit(lines[at % lines.length]!, edit);
        grade(which, lines.join('\n'));
      }),
      { numRuns: runs(300) },
    );
  });

  it('times: negative, huge, out of order, and ticks that disagree with them are rejected', () => {
    fc.assert(
      fc.property(fc.nat(CASES.length - 1), fc.nat(), hostileNumber, fc.integer({ min: -5, max: 5 }), (which, at, t, tickOffset) => {
        const lines = CASES[which]!.lines.map((l) => JSON.parse(l) as { t: number });
        const i = at % lines.length;
        const action = { ...lines[i]!, t: Number.isFinite(t) ? t : 0, tick: Math.max(0, Math.round((Number.isFinite(t) ? t : 0) * 120) + tickOffset) };
        const text = [...lines.slice(0, i), action, ...lines.slice(i + 1)].map((l) => JSON.stringify(l)).join('\n');
        const log = grade(which, text);
        const tickOff = Math.abs(action.tick - action.t * 120) > 0.5;
        if (action.t < 0 || action.t > 1e6 || tickOff) expect(log.errors.map((e) => e.line)).toContain(i + 1);
      }),
      { numRuns: runs(200) },
    );
  });

  it('valid logs are never rejected: BOM, CRLF, blank lines, spacing, shifted times, ticks that agree', () => {
    fc.assert(
      fc.property(
        fc.nat(CASES.length - 1),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        (which, bom, crlf, blanks, shift, ticks) => {
          const lines = CASES[which]!.lines.map((l) => {
            const a = JSON.parse(l) as { t: number; tick?: number };
            const t = a.t + shift;
            return JSON.stringify(ticks ? { ...a, t, tick: Math.round(t * 120) } : { ...a, t }, null, blanks === 3 ? 0 : 1).replace(/\n/g, ' ');
          });
          const eol = crlf ? '\r\n' : '\n';
          const text = (bom ? '\uFEFF' : '') + lines.join(eol + eol.repeat(blanks)) + eol;
          expect(grade(which, text).errors).toEqual([]);
        },
      ),
      { numRuns: runs(40) },
    );
  });

  it('a very long log is graded in time proportional to it, and its problems are capped', () => {
    const { lines } = CASES[1]!;
    const long = Array.from({ length: 20_000 }, (_, k) => JSON.stringify({ ...JSON.parse(lines[k % lines.length]!), t: 1000 + k * 0.01 })).join('\n');
    grade(1, long);
    const broken = Array.from({ length: 20_000 }, () => '{"t": -1, "type": "idle"}').join('\n');
    const log = grade(1, broken);
    expect(log.errors).toHaveLength(MAX_LOG_ERRORS + 1);
    expect(log.errors.at(-1)!.message).toBe(`… and ${20_000 - MAX_LOG_ERRORS} more problems`);
  });

  it('names the protocol does not have, and fields an object inherits, are reported by name', () => {
    const log = grade(0, '{"t": 1, "type": "cut", "structure": "spleen"}\n{"t": 2, "type": "idle", "constructor": 1}\n{"t": 3, "type": "idle", "t": 4}');
    expect(log.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(/^1: .*unknown structure 'spleen'/),
      "2: unknown field 'constructor'",
      "3: field 't' is given twice",
    ]);
  });
});
