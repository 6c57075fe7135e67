import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/core/procedure/index.ts';
import { actions, grade, protocol } from './helpers.ts';

const p = protocol('lap-chole-cvs');
const expert = actions('lap-chole-cvs', 'expert');
const inflamed = { variant: 'dense-inflammation' } as const;

const retract: Action[] = expert.slice(0, 2);
/** The dissection that stalls: the adhesions leave two thirds of the triangle cleared at most. */
const stalled: Action[] = [
  { t: 10, type: 'dissect', hand: 'right', instrument: 'hook-cautery', structure: 'hepatocystic-triangle', fraction: 0.4 },
  { t: 30, type: 'dissect', hand: 'right', instrument: 'hook-cautery', structure: 'hepatocystic-triangle', fraction: 0.66 },
];
const bailOut: Action = { t: 60, type: 'decide', hand: 'left', decision: 'bail-out' };
const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code);

describe('lap-chole-cvs: dense inflammation, the bail-out', () => {
  it('passes a declared bail-out: the plan (retract, bail out) is complete and the attempt ends', () => {
    const report = grade(p, [...retract, ...stalled, bailOut], inflamed);
    expect(report).toMatchObject({ variant: 'dense-inflammation', outcome: 'completed', passed: true, score: 100, errors: [] });
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ['retract-infundibulum', 'completed'],
      ['declare-bail-out', 'completed'],
    ]);
  });

  it('fails clipping or cutting there with a critical bail-out-declined, whatever else is done', () => {
    const clipped = grade(p, [...retract, ...stalled, { ...expert[10]!, t: 70 }], inflamed);
    expect(clipped.outcome).toBe('failed');
    expect(codes(clipped)).toEqual(expect.arrayContaining(['bail-out-declined', 'clip-before-cvs']));
    expect(clipped.errors.find((e) => e.code === 'bail-out-declined')?.severity).toBe('critical');
    const cut = grade(p, [...retract, ...stalled, { ...expert[13]!, t: 70 }], inflamed);
    expect(codes(cut)).toEqual(expect.arrayContaining(['bail-out-declined', 'cut-before-cvs']));
  });

  it('leaves the attempt incomplete when neither is done', () => {
    const report = grade(p, [...retract, ...stalled, { t: 90, type: 'end' }], inflamed);
    expect(report).toMatchObject({ outcome: 'incomplete', passed: false, score: 5 });
  });

  it('where the critical view could be reached, a bail-out is a major finding and the standard plan goes on', () => {
    const report = grade(p, [...expert.slice(0, 9), { ...bailOut, t: 95 }, ...expert.slice(9)], { variant: 'standard' });
    expect(report.errors.map((e) => [e.code, e.severity])).toEqual([['unnecessary-bail-out', 'major']]);
    expect(report.outcome).toBe('completed');
    expect(report.score).toBe(90);
  });

  it('does not charge the standard expert with any bail-out error, nor the bail-out step', () => {
    const report = grade(p, expert, { variant: 'standard' });
    expect(report).toMatchObject({ outcome: 'completed', score: 100, errors: [] });
    expect(report.steps.some((s) => s.id === 'declare-bail-out')).toBe(false);
  });
});
