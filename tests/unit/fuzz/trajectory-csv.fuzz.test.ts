import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MAX_ABS_POSITION_M, type NamedTrack, TrajectoryCsvError, motionMetrics, parseTrajectoryCsv } from '../../../src/core/metrics/index.ts';
import { expectOneLineMessage, hostileNumber, hostileString, runs, withinMs } from './fuzz-support.ts';

/**
 * Hostile trajectory CSVs (`scrub metrics`, parseTrajectoryCsv): tracks or a TrajectoryCsvError naming its line on
 * one line; valid files (quoted hands with commas, quotes and line breaks, CRLF, comments, any column order) read
 * back exactly; every metric of what is read is a finite number or null. Bounds: docs/limits.md.
 */
const SLOW_MS = 10_000;

function read(text: string): NamedTrack[] | null {
  return withinMs(SLOW_MS, () => {
    try {
      const tracks = parseTrajectoryCsv(text);
      for (const { track } of tracks) expectFiniteOrNull(motionMetrics(track, { trocar: [0, 0, 0], expertPathLength: 1 }));
      return tracks;
    } catch (error) {
      expect(error).toBeInstanceOf(TrajectoryCsvError);
      const e = error as TrajectoryCsvError;
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(text.split('\n').length);
      expectOneLineMessage(e.message);
      expect(e.message).toMatch(new RegExp(`^line ${e.line}: `));
      return null;
    }
  });
}

function expectFiniteOrNull(value: unknown, path = 'metrics'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) expectFiniteOrNull(v, `${path}.${k}`);
}

// + 0: a CSV has no negative zero to write (String(-0) is '0').
const coordinate = fc.double({ min: -MAX_ABS_POSITION_M, max: MAX_ABS_POSITION_M, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);
const handName = fc.oneof(fc.constantFrom('left', 'right', 'a,b', 'say "hi"', 'x\ny', 'é😀', '  padded'), fc.string({ minLength: 1, maxLength: 8 }));
const validFile = fc.record({
  hands: fc.uniqueArray(
    handName.map((h) => h.trim()).filter((h) => h !== '' && !h.startsWith('#')),
    { minLength: 1, maxLength: 4 },
  ),
  samples: fc.array(
    fc.tuple(
      coordinate,
      coordinate,
      coordinate,
      fc.boolean(),
      fc.double({ min: 0, max: 100, noNaN: true }).map((v) => v + 0),
    ),
    { minLength: 1, maxLength: 60 },
  ),
  columns: fc.shuffledSubarray(['t', 'x', 'y', 'z', 'hand', 'in_view', 'force'], { minLength: 7, maxLength: 7 }),
  step: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  crlf: fc.boolean(),
  comments: fc.boolean(),
});

/** The file, and what each hand's track must read back as. */
function writeFile(f: typeof validFile extends fc.Arbitrary<infer F> ? F : never): { text: string; expected: Map<string, number[][]> } {
  const rows: string[][] = [];
  const expected = new Map<string, number[][]>();
  f.samples.forEach(([x, y, z, inView, force], i) => {
    const hand = f.hands[i % f.hands.length]!;
    const t = Math.floor(i / f.hands.length) * f.step;
    const values: Record<string, string> = {
      t: String(t),
      x: String(x),
      y: String(y),
      z: String(z),
      hand,
      in_view: inView ? '1' : 'false',
      force: String(force),
    };
    rows.push(f.columns.map((c) => values[c]!));
    expected.set(hand, [...(expected.get(hand) ?? []), [t, x, y, z, inView ? 1 : 0, force]]);
  });
  const eol = f.crlf ? '\r\n' : '\n';
  const body = Papa.unparse([f.columns, ...rows], { newline: eol, quotes: (v: unknown) => typeof v === 'string' && /^[\s#]|[\s,"]/.test(v) });
  return { text: f.comments ? `# recorded by the fuzzer${eol}${eol}${body}${eol}# end${eol}` : body, expected };
}

describe('trajectory CSVs under fuzz', { timeout: 300_000 }, () => {
  it('valid files read back exactly, with finite metrics', () => {
    fc.assert(
      fc.property(validFile, (f) => {
        const { text, expected } = writeFile(f);
        const tracks = read(text);
        expect(tracks?.map((tr) => tr.hand)).toEqual([...expected.keys()]);
        for (const { hand, track } of tracks!) {
          const rows = track.t.map((t, i) => [t, track.x[i], track.y[i], track.z[i], track.inView[i] ? 1 : 0, track.force[i]]);
          expect(rows).toEqual(expected.get(hand));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('edited fields, headers and lines: tracks with finite metrics, or a one-line error naming the line', () => {
    const edit = fc.oneof(
      fc.record({
        row: fc.nat(),
        col: fc.nat(),
        value: fc.oneof(
          hostileString,
          hostileNumber.map(String),
          fc.constantFrom('0x10', '1e400', '-1e-400', '"', '""', '1,5', 'Infinity', '+.5', '1e3', '0b1', '١'),
        ),
      }),
      fc.record({ row: fc.constant(0), col: fc.nat(), value: fc.constantFrom('t', 'x', 'hand', 'T', ' z ', 'force', 'speed', '') }),
    );
    fc.assert(
      fc.property(validFile, fc.array(edit, { minLength: 1, maxLength: 3 }), (f, edits) => {
        const parsed = Papa.parse<string[]>(writeFile(f).text, { delimiter: ',', comments: '#', skipEmptyLines: true }).data;
        for (const { row, col, value } of edits) {
          const r = parsed[row % parsed.length]!;
          r[col % r.length] = value;
        }
        read(Papa.unparse(parsed));
      }),
      { numRuns: runs(300) },
    );
  });

  it('rejects by name: duplicated columns, hex and non-finite numbers, extreme values, samples too close', () => {
    const cases: [string, RegExp][] = [
      ['t,x,y,z,x\n0,0,0,0,0', /^line 1: column 'x' appears twice$/],
      ['t,x,y,z\n0,0x10,0,0', /^line 2: x is not a decimal number: '0x10'$/],
      ['t,x,y,z\n0,Infinity,0,0', /^line 2: x is not a decimal number/],
      ['t,x,y,z\n0,1e300,0,0', /^line 2: x is beyond ±1000: 1e300$/],
      ['t,x,y,z\n0,0,0,0\n1e-300,0,0,0', /^line 3: t = 1e-300 does not increase by at least 0.000001 s/],
      ['t,x,y,z,hand\n0,0,0,0,"a\nb"\n0,0,0,0,"left\u2028"\n0,0,0,0,"a\nb"', /^line 5: t = 0 does not increase .*'a\\nb'/],
      ['t,x,y,z\n0,0,0,"0', /^line 2: .*[Qq]uote/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseTrajectoryCsv(text)).toThrow(message);
      read(text);
    }
  });

  it('very many rows and very many hands are read in time proportional to them', () => {
    // Sizes for CI; bench/suites/scaling.ts measures the cost per size.
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i * 0.01},${Math.sin(i / 50)},0,${i % 7 === 0 ? -1e3 : 1e3}`);
    expect(read(`t,x,y,z\n${rows.join('\n')}`)![0]!.track.t).toHaveLength(50_000);
    const hands = Array.from({ length: 5_000 }, (_, i) => `0,0,0,0,h${i}\n1,1,1,1,h${i}`);
    expect(read(`t,x,y,z,hand\n${hands.join('\n')}`)).toHaveLength(5_000);
  });
});
