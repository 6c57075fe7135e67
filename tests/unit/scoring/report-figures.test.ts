import { describe, expect, it } from 'vitest';
import type { MotionMetricsJson } from '../../../src/core/metrics/index.ts';
import { type Report, compareHandMetrics, dominantHand, estimateInput, estimateRatings, objectiveMetrics } from '../../../src/core/scoring/index.ts';

const hand = (path: number, extra: MotionMetricsJson = {}): MotionMetricsJson => ({
  path_length_m: path,
  movements: 10,
  idle_ratio: 0.2,
  ldlj: -8,
  sparc: -2,
  depth_perception_m: 0.3,
  force_events: 1,
  ...extra,
});

function report(left: number, right: number, more: Partial<Report['metrics']> = {}): Report {
  return {
    procedure: 'p',
    version: '1',
    variant: 'v',
    mode: 'practice',
    outcome: 'completed',
    passed: true,
    score: 100,
    steps: [
      { id: 'a', status: 'completed', start: 0, end: 1 },
      { id: 'b#1', status: 'completed', start: 1, end: 2 },
      { id: 'b#2', status: 'pending', start: null, end: null },
    ],
    errors: [{ code: 'tissue-tear', severity: 'major', t: 1.5, step: 'b#1', message: 'tore' }],
    metrics: {
      durationSec: 40,
      timerSec: 30,
      stepDurationsSec: {},
      errorCounts: { minor: 0, major: 1, critical: 0 },
      actions: 5,
      proficient: false,
      motion: { hands: { left: hand(left), right: hand(right) }, bimanual: { both_active_fraction: 0.4 } },
      ...more,
    },
  };
}

describe('the hand that speaks for an attempt', () => {
  it('is the one that travelled further; right on a tie or without motion', () => {
    expect(dominantHand(report(2, 1))).toBe('left');
    expect(dominantHand(report(1, 2))).toBe('right');
    expect(dominantHand(report(1, 1))).toBe('right');
    const { motion: _, ...unsimulated } = report(2, 1).metrics;
    expect(dominantHand({ ...report(2, 1), metrics: unsimulated })).toBe('right');
  });
});

describe('a report → the rating estimates’ input', () => {
  it('reads the hand’s motion, the bimanual fraction and the task timer', () => {
    expect(objectiveMetrics(report(1, 2), 'right')).toEqual({
      timeSec: 30,
      pathLength: 2,
      movements: 10,
      idleRatio: 0.2,
      ldlj: -8,
      sparc: -2,
      depthPerception: 0.3,
      bothActiveFraction: 0.4,
      forceEvents: 1,
    });
  });

  it('falls back to the duration without a timer, and to nulls without motion', () => {
    const { motion: _, ...unsimulated } = report(1, 2).metrics;
    const m = objectiveMetrics({ ...report(1, 2), metrics: { ...unsimulated, timerSec: null } }, 'left');
    expect(m.timeSec).toBe(40);
    expect([m.pathLength, m.movements, m.ldlj, m.bothActiveFraction, m.forceEvents]).toEqual([null, null, null, null, null]);
  });

  it('counts completed steps (each repeat of a step too), passes the errors, and compares a whole attempt with the expert', () => {
    expect(estimateInput(report(1, 2), 'right', report(0.5, 1)).steps).toEqual({ completed: 2, total: 3 });
    const whole = (r: Report): Report => ({ ...r, steps: r.steps.map((s) => ({ ...s, status: 'completed', start: s.start ?? 2, end: s.end ?? 3 })) });
    const input = estimateInput(whole(report(1, 2)), 'right', report(0.5, 1));
    expect(input.steps).toEqual({ completed: 3, total: 3 });
    expect(input.errors.map((e) => e.code)).toEqual(['tissue-tear']);
    expect(input.expert.pathLength).toBe(1);
    expect(estimateInput(whole(report(1, 2)), 'right', null).expert).toEqual({});
    // Time and movements as the expert's (5), twice the expert's path (3).
    const osats = estimateRatings(input, 'OSATS');
    expect(osats.domains.find((d) => d.domain === 'time and motion')).toEqual({
      domain: 'time and motion',
      rating: 4.3,
      basis: ['time', 'pathLength', 'movements'],
    });
  });
});

describe('a hand’s metrics against the expert and earlier attempts', () => {
  it('compares the same hand throughout', () => {
    const comparisons = compareHandMetrics(report(9, 2), 'right', report(0, 1), [report(0, 3), report(0, 1.5)]);
    const path = comparisons.find((c) => c.key === 'path_length_m')!;
    expect(path).toMatchObject({ value: 2, expert: 1, previous: [3, 1.5], previousBest: 1.5, reachedExpert: false });
  });

  it('without an expert, reachedExpert is unknown', () => {
    const path = compareHandMetrics(report(1, 2), 'right', null, []).find((c) => c.key === 'path_length_m')!;
    expect(path).toMatchObject({ expert: null, previousBest: null, reachedExpert: null });
  });
});
