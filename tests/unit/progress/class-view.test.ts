/** The class view's figures: rows, sorting, filtering, CSV (RFC 4180), the heat map, curves side by side. */
import { describe, expect, it } from 'vitest';
import {
  type AttemptRecord,
  CLASS_CSV_COLUMNS,
  type ClassLearner,
  DAY_MS,
  type ProcedurePlan,
  classCsv,
  classCurves,
  classRows,
  csvField,
  errorHeatMap,
  filterClassRows,
  slope,
  sortClassRows,
} from '../../../src/core/progress/index.ts';
import { PEG } from './plans.ts';

const SUTURE: ProcedurePlan = {
  id: 'interrupted-suture',
  variants: ['standard'],
  requiredVariants: [],
  proficiency: null,
  difficulty: 'introductory',
  estimatedMinutes: 20,
};

function rec(procedure: string, day: number, time: number, score: number, errors: [string, string | null][] = []): AttemptRecord {
  return {
    procedure,
    mode: 'practice',
    variant: 'standard',
    endedAtMs: Date.UTC(2026, 10, 1) + day * DAY_MS,
    timeSec: time,
    report: {
      procedure,
      version: '1',
      outcome: 'completed',
      passed: errors.length === 0,
      score,
      steps: [
        { id: 'transfer', status: 'completed', start: 0, end: 10 },
        { id: 'back#1', status: 'completed', start: 10, end: 20 },
      ],
      errors: errors.map(([code, step], i) => ({ code, severity: 'minor' as const, t: i, step, message: '' })),
      metrics: {},
    },
  };
}

const CLASS: ClassLearner[] = [
  {
    id: 'b',
    name: 'Ben, "the quick"',
    history: [rec('fls-peg-transfer', 1, 120, 100, [['drop', 'transfer']]), rec('fls-peg-transfer', 2, 100, 150, [['drop', 'back#1']])],
  },
  {
    id: 'a',
    name: 'Ada',
    history: [
      rec('fls-peg-transfer', 1, 90, 180),
      rec('fls-peg-transfer', 2, 80, 190, [
        ['drop', 'transfer'],
        ['grip', null],
      ]),
      rec('fls-peg-transfer', 3, 60, 220),
      rec('interrupted-suture', 3, 300, 70),
    ],
  },
];

describe('class rows', () => {
  const rows = classRows(CLASS, [PEG, SUTURE]);

  it('has a row per learner and procedure attempted, with latest and best score, errors and time trend', () => {
    expect(rows.map((r) => `${r.learner}/${r.procedure}`)).toEqual(['Ben, "the quick"/fls-peg-transfer', 'Ada/fls-peg-transfer', 'Ada/interrupted-suture']);
    expect(rows[1]).toMatchObject({ attempts: 3, latestScore: 220, bestScore: 220, firstTimeSec: 90, latestTimeSec: 60, timeTrendSecPerAttempt: -15 });
    expect(rows[0]!.frequentErrors).toEqual([{ code: 'drop', count: 2 }]);
    expect(rows[2]!.timeTrendSecPerAttempt).toBeNull();
  });

  it('sorts by any column, both ways, stably; filters by name, procedure and stage', () => {
    expect(sortClassRows(rows, 'learner').map((r) => r.learner)).toEqual(['Ada', 'Ada', 'Ben, "the quick"']);
    expect(sortClassRows(rows, 'latestScore', true).map((r) => r.latestScore)).toEqual([220, 150, 70]);
    expect(sortClassRows(rows, 'timeTrend').map((r) => r.timeTrendSecPerAttempt)).toEqual([-20, -15, null]);
    expect(filterClassRows(rows, { learner: 'ben' })).toHaveLength(1);
    expect(filterClassRows(rows, { procedure: 'interrupted-suture' }).map((r) => r.learner)).toEqual(['Ada']);
    expect(filterClassRows(rows, { stage: 'proficient' }).every((r) => r.stage === 'proficient')).toBe(true);
  });

  it('exports RFC 4180 CSV: header, CRLF, quoted commas and quotes, no formulas', () => {
    const csv = classCsv(rows, (ms) => new Date(ms).toISOString());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CLASS_CSV_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toMatch(/^"Ben, ""the quick""",b,fls-peg-transfer,2,150,150,no,/);
    expect(lines[2]).toContain(',-15.00,2026-11-04T00:00:00.000Z');
    expect(csvField('a\nb')).toBe('"a\nb"');
    const evil = classCsv([{ ...rows[0]!, learner: '=HYPERLINK("x")' }], () => '');
    expect(evil.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
  });

  it('slope is least squares over the attempt numbers', () => {
    expect(slope([10])).toBeNull();
    expect(slope([10, 8, 6])).toBe(-2);
  });
});

describe('error heat map and curves', () => {
  it('counts errors by step (repeat iterations folded) and learner, with a row for errors outside any step', () => {
    const map = errorHeatMap(CLASS, 'fls-peg-transfer');
    expect(map.learners.map((l) => l.name)).toEqual(['Ben, "the quick"', 'Ada']);
    expect(map.steps).toEqual(['transfer', 'back', null]);
    expect(map.counts).toEqual([
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(map.max).toBe(1);
    expect(errorHeatMap(CLASS, 'interrupted-suture').steps).toEqual(['transfer', 'back']);
  });

  it('gives each learner who tried the procedure a curve', () => {
    expect(classCurves(CLASS, SUTURE).map((c) => [c.name, c.points.length])).toEqual([['Ada', 1]]);
  });
});
