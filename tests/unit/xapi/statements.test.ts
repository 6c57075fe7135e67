import { describe, expect, it } from 'vitest';
import { EXTENSIONS, VERBS, isoDuration, isoTimestamp, metricIri, scaledScore } from '../../../src/core/xapi/index.ts';
import { Cmi5Tracker, statementProblems } from '../../support/xapi-rules.ts';
import { REPORT, statementsOf } from './fixtures.ts';

const verbs = (list: { verb: { id: string } }[]): string[] => list.map((s) => s.verb.id.split('/').pop()!);

/** Runs statements through the test LRS's rules, in order; returns all problems. */
function problems(list: unknown[], masteryScore?: number, tracker = new Cmi5Tracker(masteryScore)): string[] {
  return list.flatMap((s) => {
    const found = [...statementProblems(s), ...tracker.check(s)];
    if (found.length === 0) tracker.accept(s);
    return found;
  });
}

describe('ISO 8601 times without a clock', () => {
  it.each([
    [61.4, 'PT1M1.4S'],
    [0, 'PT0S'],
    [3600, 'PT1H'],
    [3725.005, 'PT1H2M5.01S'],
    [59.999, 'PT1M'],
  ])('duration %d s → %s', (s, iso) => expect(isoDuration(s)).toBe(iso));
  it('timestamps match Date for a spread of instants', () => {
    for (const ms of [0, 951_782_400_000, 1_764_063_000_123, 4_102_444_799_999, -86_400_001]) {
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('attempt statements', () => {
  const list = statementsOf();

  it('are cmi5 defined statements around allowed ones for each step and error, in time order', () => {
    expect(verbs(list)).toEqual(['initialized', 'attempted', 'made-error', 'attempted', 'attempted', 'completed', 'passed', 'terminated']);
    expect(list[2]!.object.id).toBe('https://scrub.dev/activities/procedures/lap-chole-cvs/errors/BLEEDING_EVENT');
    expect(list[2]!.timestamp).toBe('2026-11-25T09:31:35.250Z');
  });

  it('pass every xAPI rule and the cmi5 ordering rules', () => {
    expect(problems(list, 0.8)).toEqual([]);
  });

  it('share the registration and session; the passed statement has the scaled score, duration and metrics', () => {
    for (const s of list) {
      expect(s.context?.registration).toBe('aaaaaaaa-0000-4000-8000-000000000001');
      expect(s.context?.extensions?.['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('bbbbbbbb-0000-4000-8000-000000000001');
    }
    const passed = list.find((s) => s.verb.id === VERBS.passed)!;
    expect(passed.result).toMatchObject({ score: { scaled: 0.825, raw: 82.5, min: 0, max: 100 }, success: true, duration: 'PT3M20S' });
    expect(passed.result?.extensions).toMatchObject({
      [metricIri(['hands', 'right', 'path_length_m'])]: 3.2,
      'https://scrub.dev/xapi/extensions/metrics/hands/right/ldlj': -9.1,
      'https://scrub.dev/xapi/extensions/metrics/both-active-fraction': 0.4,
      [EXTENSIONS.errorCount]: 1,
    });
    expect(Object.keys(passed.result!.extensions!).some((k) => k.endsWith('/sparc'))).toBe(false);
    expect(list.at(-1)!.result?.duration).toBe('PT3M50.5S');
  });

  it('fail below the mastery score even if the report passed, and skip completed when a step is left', () => {
    const failed = statementsOf({
      masteryScore: 0.9,
      report: { ...REPORT, steps: [...REPORT.steps.slice(0, 2), { id: 'clip-and-divide', status: 'active', start: 140, end: null }] },
    });
    expect(verbs(failed)).toEqual(['initialized', 'attempted', 'made-error', 'attempted', 'attempted', 'failed', 'terminated']);
    expect(failed.find((s) => s.verb.id === VERBS.failed)!.result?.success).toBe(false);
    expect(problems(failed, 0.9)).toEqual([]);
  });

  it('a later session of a passed registration sends neither completed nor passed/failed again', () => {
    const tracker = new Cmi5Tracker();
    expect(problems(statementsOf(), undefined, tracker)).toEqual([]);
    const again = statementsOf({
      sessionId: 'bbbbbbbb-0000-4000-8000-000000000002',
      newId: (() => {
        let n = 100;
        return () => `cccccccc-0000-4000-8000-${(++n).toString().padStart(12, '0')}`;
      })(),
      registrationState: { completed: true, passed: true },
    });
    expect(verbs(again)).toEqual(['initialized', 'attempted', 'made-error', 'attempted', 'attempted', 'terminated']);
    expect(again.at(-1)!.result?.extensions?.[EXTENSIONS.outcome]).toBe('all-steps-completed');
    expect(problems(again, undefined, tracker)).toEqual([]);
  });

  it('scaled scores stay in [0, 1]', () => {
    expect(scaledScore(238.6, { min: 0, max: 300 })).toBeCloseTo(0.79533, 5);
    expect(scaledScore(-5, { min: 0, max: 100 })).toBe(0);
    expect(scaledScore(120, { min: 0, max: 100 })).toBe(1);
  });

  it('are pure: the same input gives the same statements', () => {
    expect(statementsOf()).toEqual(statementsOf());
  });
});

describe('the test LRS rules catch broken statements', () => {
  const list = statementsOf();
  it('terminated not last, a duplicate passed, an unordered start', () => {
    expect(problems([list[0], list.at(-1), list[1]])).toContain('cmi5: terminated must be the last statement of a session');
    expect(problems([list[1]])).toContain('cmi5: initialized must be the first statement of a session');
    const passed = list.find((s) => s.verb.id === VERBS.passed)!;
    expect(problems([list[0], passed, { ...passed, id: 'dddddddd-0000-4000-8000-000000000001' }])).toContain('cmi5: passed twice in a session');
  });
  it('bad fields', () => {
    const s = list[6]!;
    expect(statementProblems({ ...s, id: 'x' })).toContain('id must be a UUID: x');
    expect(statementProblems({ ...s, verb: { id: 'passed', display: {} } })).toContain('verb.id must be an IRI');
    expect(statementProblems({ ...s, result: { ...s.result, score: { scaled: 1.5 } } })).toContain('result.score.scaled must be in [-1, 1]');
    expect(statementProblems({ ...s, result: { ...s.result, duration: '61.4s' } })).toContain('result.duration must be an ISO 8601 duration: 61.4s');
    expect(statementProblems({ ...s, actor: { account: { homePage: 'https://a', name: 'b' }, mbox: 'mailto:a@b' } })[0]).toMatch(/exactly one identifier/);
  });
});
