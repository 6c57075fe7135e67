import { describe, expect, it } from 'vitest';
import { TrialMotionAccumulator, compareMetrics, speedProfile, trialMotionJson } from '../../../src/core/metrics/index.ts';

describe('metrics against the expert and previous attempts', () => {
  it('knows which way is better, the best previous value and whether the expert was reached', () => {
    const rows = compareMetrics({ path_length_m: 2, ldlj: -7, mean_speed_mps: 0.1, sparc: null }, { path_length_m: 1.5, ldlj: -7.5, sparc: -2 }, [
      { path_length_m: 3, ldlj: -9 },
      { path_length_m: 2.5, ldlj: null },
    ]);
    expect(rows).toEqual([
      { key: 'path_length_m', better: 'lower', value: 2, expert: 1.5, previous: [3, 2.5], previousBest: 2.5, reachedExpert: false },
      { key: 'ldlj', better: 'higher', value: -7, expert: -7.5, previous: [-9, null], previousBest: -9, reachedExpert: true },
      { key: 'sparc', better: 'higher', value: null, expert: -2, previous: [null, null], previousBest: null, reachedExpert: null },
    ]);
  });
});

describe('speed profile for charts', () => {
  it('keeps the peak of each bucket at the bucket middle', () => {
    const { t, v } = speedProfile([0, 1, 0, 0, 3, 0, 0, 0], 10, 2, 4);
    expect(Array.from(v)).toEqual([1, 0, 3, 0]);
    expect(Array.from(t)).toEqual([10.5, 11.5, 12.5, 13.5]);
    expect(speedProfile([1, 2], 0, 1, 100).v.length).toBe(2);
  });
});

describe('report JSON of a trial', () => {
  it('has both hands and the bimanual figures', () => {
    const trial = new TrialMotionAccumulator();
    for (let i = 0; i < 10; i++) trial.push(i / 10, [i * 0.01, 0, 0], [0, i * 0.02, 0]);
    const json = trialMotionJson(trial.result());
    expect(json.hands.left!.path_length_m).toBeCloseTo(0.09, 12);
    expect(json.hands.right!.path_length_m).toBeCloseTo(0.18, 12);
    expect(json.bimanual!.path_length_ratio).toBeCloseTo(0.5, 12);
    expect(trial.hands.left.startTime).toBe(0);
  });
});
