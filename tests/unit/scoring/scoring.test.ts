import { describe, expect, it } from 'vitest';
import {
  FLS_PEG_TRANSFER,
  type TimedAttempt,
  checklistScore,
  estimateRatings,
  isProficient,
  normalizedScore,
  passes,
  penaltyTotal,
  proficiencyStatus,
  timePenaltyScore,
} from '../../../src/core/scoring/index.ts';

describe('scores', () => {
  it('FLS peg transfer test vector: 61.4 s, no drops → 238.6, not proficient', () => {
    expect(timePenaltyScore({ cutoffSec: 300, timeSec: 61.4, penalty: 0 })).toBeCloseTo(238.6, 10);
    expect(isProficient({ timeSec: 61.4, errors: [], finished: true }, FLS_PEG_TRANSFER)).toBe(false);
  });
  it('time-penalty score is 0 past the cutoff, on an auto-zero event, and never negative', () => {
    expect(timePenaltyScore({ cutoffSec: 300, timeSec: 301, penalty: 0 })).toBe(0);
    expect(timePenaltyScore({ cutoffSec: 420, timeSec: 100, penalty: 0, zero: true })).toBe(0);
    expect(timePenaltyScore({ cutoffSec: 300, timeSec: 250, penalty: 80 })).toBe(0);
  });
  it('penalties by code override by severity', () => {
    const errors = [
      { code: 'DROP', severity: 'minor' as const },
      { code: 'BLEED', severity: 'major' as const },
      { code: 'OTHER', severity: 'critical' as const },
    ];
    expect(penaltyTotal(errors, { bySeverity: { minor: 1, major: 5 }, byCode: { DROP: 10 } })).toBe(15);
  });
  it('checklist score weights completed steps', () => {
    const steps = [
      { id: 'a', status: 'completed' },
      { id: 'b', status: 'active' },
      { id: 'c', status: 'completed' },
    ];
    expect(checklistScore(steps, { a: 2, b: 1, c: 1 })).toBeCloseTo(75, 12);
    expect(checklistScore(steps, {}, 10)).toBeCloseTo(200 / 3 - 10, 12);
    expect(checklistScore(steps, {}, 500)).toBe(0);
  });
  it('normalises by a configurable constant', () => expect(normalizedScore(238.6, 238.6)).toBe(100));
  it('fails on a critical error whatever the score', () => {
    const rule = { passScore: 50, failOn: ['critical' as const] };
    expect(passes(90, [{ severity: 'major' }], rule)).toBe(true);
    expect(passes(90, [{ severity: 'critical' }], rule)).toBe(false);
    expect(passes(40, [], rule)).toBe(false);
  });
});

describe('proficiency: 2 consecutive + 10 more', () => {
  const good: TimedAttempt = { timeSec: 45, errors: [], finished: true };
  const slow: TimedAttempt = { timeSec: 50, errors: [], finished: true };
  const dropped: TimedAttempt = { timeSec: 40, errors: [{ code: 'drop-out-of-view', severity: 'major' }], finished: true };

  it('an out-of-view drop or a slow time is not proficient', () => {
    expect(isProficient(good, FLS_PEG_TRANSFER)).toBe(true);
    expect(isProficient(slow, FLS_PEG_TRANSFER)).toBe(false);
    expect(isProficient(dropped, FLS_PEG_TRANSFER)).toBe(false);
    expect(isProficient({ ...good, finished: false }, FLS_PEG_TRANSFER)).toBe(false);
  });
  it('12 proficient attempts without two in a row are not enough', () => {
    const history = Array.from({ length: 12 }, () => [good, slow]).flat();
    const s = proficiencyStatus(history, FLS_PEG_TRANSFER);
    expect(s).toMatchObject({ proficientAttempts: 12, runAchieved: false, achieved: false, remaining: 2 });
  });
  it('two in a row then ten more, not necessarily in a row, achieve it', () => {
    const history = [slow, good, good, ...Array.from({ length: 10 }, () => [dropped, good]).flat()];
    const s = proficiencyStatus(history, FLS_PEG_TRANSFER);
    expect(s).toMatchObject({ proficientAttempts: 12, runAchieved: true, achieved: true, remaining: 0, currentRun: 1 });
    expect(proficiencyStatus(history.slice(0, -1), FLS_PEG_TRANSFER).remaining).toBe(1);
  });
  it('counts down from 12 and flags the attempt cap', () => {
    expect(proficiencyStatus([], FLS_PEG_TRANSFER).remaining).toBe(12);
    expect(proficiencyStatus(Array(80).fill(slow), FLS_PEG_TRANSFER).capReached).toBe(true);
  });
});

describe('estimated OSATS / GOALS ratings', () => {
  const expert = { timeSec: 60, pathLength: 2, movements: 40, idleRatio: 0.2, ldlj: -8, sparc: -2, depthPerception: 0.5, bothActiveFraction: 0.6 };

  it('rates an expert-level attempt 5 in every domain it can estimate, and says it is an estimate', () => {
    const r = estimateRatings({ metrics: { ...expert, forceEvents: 0 }, expert, steps: { completed: 5, total: 5 }, errors: [] }, 'GOALS');
    expect(r.estimate).toBe(true);
    expect(r.label).toMatch(/Estimated.*not a validated GOALS/);
    expect(r.domains.map((d) => [d.domain, d.rating])).toEqual([
      ['depth perception', 5],
      ['bimanual dexterity', 5],
      ['efficiency', 5],
      ['tissue handling', 5],
    ]);
  });
  it('rates 3× the expert time and path 1 (2× the movements 3), tissue errors down, and leaves out domains without proxies', () => {
    const r = estimateRatings(
      {
        metrics: { timeSec: 180, pathLength: 6, movements: 80, ldlj: -9.5 },
        expert,
        steps: { completed: 3, total: 4 },
        errors: [
          { code: 'gallbladder-perforation', severity: 'major' },
          { code: 'thermal-injury', severity: 'minor' },
        ],
      },
      'OSATS',
    );
    const byName = Object.fromEntries(r.domains.map((d) => [d.domain, d]));
    expect(byName['time and motion']).toEqual({ domain: 'time and motion', rating: 1.7, basis: ['time', 'pathLength', 'movements'] });
    expect(byName['respect for tissue']!.rating).toBe(3);
    expect(byName['instrument handling']).toEqual({ domain: 'instrument handling', rating: 3, basis: ['ldlj'] });
    expect(byName['knowledge of specific procedure']!.rating).toBe(4);
    expect(r.domains.some((d) => d.domain === 'use of assistants')).toBe(false);
  });
  it('counts force events once whether the simulation or the engine reported them', () => {
    const tissue = (forceEvents: number, codes: string[]): number =>
      estimateRatings(
        { metrics: { forceEvents }, expert, steps: { completed: 1, total: 1 }, errors: codes.map((code) => ({ code, severity: 'minor' as const })) },
        'GOALS',
      ).domains.find((d) => d.domain === 'tissue handling')!.rating;
    expect(tissue(2, ['excessive-force'])).toBe(3);
    expect(tissue(0, ['excessive-force', 'excessive-force', 'bleeding'])).toBe(2);
  });
});
