import { describe, expect, it } from 'vitest';
import { proficiencyRule } from '../../../src/core/scoring/index.ts';
import { proficiencyStatus } from '../../../src/core/scoring/index.ts';
import { actions, grade, protocol } from './helpers.ts';

const p = protocol('fls-peg-transfer');

describe('fls-peg-transfer scoring', () => {
  it('times from the first touch to the last release: 61.4 s scores 300 − 61.4 = 238.6, not proficient', () => {
    const report = grade(p, actions('fls-peg-transfer', 'slow-61.4s'));
    expect(report.metrics.timerSec).toBe(61.4);
    expect(report.score).toBe(238.6);
    expect(report.metrics.proficient).toBe(false);
    expect(report.passed).toBe(false);
  });

  it('passes an expert attempt under 48 s as proficient', () => {
    const report = grade(p, actions('fls-peg-transfer', 'expert'));
    expect(report.metrics).toMatchObject({ timerSec: 35, proficient: true });
    expect(report.score).toBe(265);
  });

  it('penalises an object lost out of view and completes with the five left', () => {
    const report = grade(p, actions('fls-peg-transfer', 'drop-out-of-view'));
    expect(report.outcome).toBe('completed');
    expect(report.score).toBeCloseTo(300 - report.metrics.timerSec! - 16.67, 3);
    expect(report.metrics.proficient).toBe(false);
  });

  it('stops at the cutoff with a score of 0', () => {
    const report = grade(p, actions('fls-peg-transfer', 'over-cutoff'));
    expect(report).toMatchObject({ outcome: 'incomplete', score: 0, passed: false });
  });

  it('mirrors the task for a left-handed trainee', () => {
    const mirrored = actions('fls-peg-transfer', 'expert').map((a) => {
      const swap = (x: unknown) => (x === 'left' ? 'right' : x === 'right' ? 'left' : x);
      const peg = typeof a.peg === 'string' ? (a.peg.startsWith('L') ? 'R' : 'L') + a.peg.slice(1) : undefined;
      return { ...a, hand: swap(a.hand), from: swap(a.from), to: swap(a.to), ...(peg === undefined ? {} : { peg }) } as typeof a;
    });
    expect(grade(p, mirrored, { variant: 'left-handed' })).toMatchObject({ outcome: 'completed', passed: true, errors: [] });
    expect(grade(p, mirrored).errors.map((e) => e.code)).toContain('wrong-direction');
  });

  it('gives the dashboard the 2-in-a-row + 10 rule', () => {
    const rule = proficiencyRule(p, p.parameters)!;
    expect(rule).toEqual({ maxTimeSec: 48, maxErrors: { 'drop-out-of-view': 0 }, consecutive: 2, additional: 10, maxAttempts: 80 });
    const ok = { timeSec: 40, errors: [], finished: true };
    expect(proficiencyStatus([ok, ok], rule)).toMatchObject({ runAchieved: true, achieved: false, remaining: 10 });
  });
});
