import { describe, expect, it } from 'vitest';
import {
  MotionAccumulator,
  type Track,
  TrialMotionAccumulator,
  bimanualMetrics,
  countMovements,
  motionMetrics,
  pearson,
  sliceTrack,
  speeds,
} from '../../../src/core/metrics/index.ts';

/** A square of side 0.1 m walked at 0.05 m/s, sampled at 10 Hz, with a 1 s pause at each corner. */
function squareWithPauses(): Track {
  const corners: [number, number][] = [
    [0, 0],
    [0.1, 0],
    [0.1, 0.1],
    [0, 0.1],
    [0, 0],
  ];
  const t: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  let time = 0;
  const add = (px: number, py: number): void => {
    t.push(time);
    x.push(px);
    y.push(py);
    time = Math.round((time + 0.1) * 10) / 10;
  };
  add(0, 0);
  for (let c = 1; c < corners.length; c++) {
    const [ax, ay] = corners[c - 1]!;
    const [bx, by] = corners[c]!;
    for (let i = 1; i <= 20; i++) add(ax + ((bx - ax) * i) / 20, ay + ((by - ay) * i) / 20);
    for (let i = 0; i < 10; i++) add(bx, by);
  }
  return { t, x, y, z: t.map(() => 1) };
}

describe('motion metrics on hand-checkable paths', () => {
  const track = squareWithPauses();
  const m = motionMetrics(track, { expertPathLength: 0.2 });

  it('path length is the perimeter', () => expect(m.pathLength).toBeCloseTo(0.4, 12));
  it('duration and sample rate come from the t column', () => {
    expect(m.samples).toBe(121);
    expect(m.duration).toBeCloseTo(12, 12);
    expect(m.sampleRate).toBeCloseTo(10, 9);
  });
  it('mean and peak speed follow the forward difference', () => {
    expect(m.peakSpeed).toBeCloseTo(0.05, 12);
    expect(m.meanSpeed).toBeCloseTo(0.4 / 12, 12);
  });
  it('idle time counts the pauses (40 intervals at 10 Hz)', () => {
    expect(m.idleTime).toBeCloseTo(4, 9);
    expect(m.idleRatio).toBeCloseTo(40 / 120, 12);
  });
  it('counts one movement per side', () => expect(m.movements).toBe(4));
  it('economy is the ratio to the expert path', () => expect(m.economyRatio).toBeCloseTo(2, 12));
  it('has no depth perception without a trocar, and no view or force events by default', () => {
    expect(m.depthPerception).toBeNull();
    expect([m.outOfViewTime, m.outOfViewEpisodes, m.forceEvents, m.peakForce]).toEqual([0, 0, 0, 0]);
  });
  it('idle threshold is configurable', () => {
    expect(motionMetrics(track, { idleSpeed: 0.06 }).idleRatio).toBe(1);
  });
  it('ignores a tremor too small to start a movement', () => {
    const v = Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.005 : 0));
    const t = Array.from({ length: 101 }, (_, i) => i / 100);
    expect(countMovements(v, t, { filterHz: 5, startSpeed: 0.02, stopSpeed: 0.01, minDuration: 0.1 })).toBe(0);
  });
});

describe('depth perception, view and force', () => {
  it('measures travel along the shaft only', () => {
    // In and out along the shaft by 5 cm, then a sideways arc at constant depth 0.1 m.
    const t = [0, 1, 2, 3, 4];
    const track: Track = {
      t,
      x: [0, 0, 0, 0.1 * Math.sin(0.3), 0.1 * Math.sin(0.6)],
      y: [-0.1, -0.15, -0.1, -0.1 * Math.cos(0.3), -0.1 * Math.cos(0.6)],
      z: [0, 0, 0, 0, 0],
    };
    expect(motionMetrics(track, { trocar: [0, 0, 0] }).depthPerception).toBeCloseTo(0.1, 12);
  });
  it('counts out-of-view episodes and time, and excessive-force events', () => {
    const t = [0, 1, 2, 3, 4, 5];
    const z = t.map(() => 0);
    const track: Track = { t, x: t, y: z, z, inView: [true, false, false, true, false, true], force: [0, 6, 7, 1, 9, 0] };
    const m = motionMetrics(track);
    expect([m.outOfViewEpisodes, m.outOfViewTime]).toEqual([2, 3]);
    expect([m.forceEvents, m.forceOverTime, m.peakForce]).toEqual([2, 3, 9]);
  });
  it('rejects time that goes back, naming the sample', () => {
    expect(() => motionMetrics({ t: [0, 1, 1], x: [0, 0, 0], y: [0, 0, 0], z: [0, 0, 0] })).toThrow(/sample 2/);
  });
});

describe('bimanual', () => {
  it('pearson of proportional series is 1, of opposite ones −1, of a constant null', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it('both-active fraction and path-length ratio', () => {
    const b = bimanualMetrics([0, 0.1, 0.1, 0.2], [0.1, 0.1, 0, 0.2], [2, 1], 0.001);
    expect(b.bothActiveFraction).toBe(0.5);
    expect(b.pathLengthRatio).toBe(2);
  });
});

/** A wandering tip at 120 Hz, deterministic, with pauses, view exits, force spikes and a trocar. */
function wander(seconds: number, phase: number): Track & { inView: boolean[]; force: number[] } {
  const n = seconds * 120 + 1;
  const t = Array.from({ length: n }, (_, i) => i / 120);
  const pause = (s: number): number => (Math.floor(s * 0.7 + phase) % 3 === 0 ? 0 : 1);
  return {
    t,
    x: t.map((s) => 0.05 * Math.sin(s * 1.3 + phase) * pause(s)),
    y: t.map((s) => 0.9 + 0.03 * Math.sin(s * 2.9) * pause(s)),
    z: t.map((s) => -0.4 + 0.02 * Math.cos(s * 0.7 + phase)),
    inView: t.map((s) => Math.sin(s * 0.5 + phase) > -0.8),
    force: t.map((s) => 6 * Math.max(0, Math.sin(s * 0.9 + phase))),
  };
}

describe('streaming accumulator', () => {
  const options = { trocar: [0, 1.2, -0.4] as [number, number, number], expertPathLength: 0.5 };

  it('gives the batch results, tick by tick', () => {
    const track = wander(20, 0.3);
    const acc = new MotionAccumulator(options);
    for (let i = 0; i < track.t.length; i++) {
      acc.push(track.t[i]!, track.x[i]!, track.y[i]!, track.z[i]!, track.inView[i]!, track.force[i]!);
    }
    const streamed = acc.result();
    const batch = motionMetrics(track, options);
    expect(streamed).toEqual(batch);
    expect(batch.movements).toBeGreaterThan(3);
    expect(batch.forceEvents).toBeGreaterThan(1);
  });

  it('grows its buffer past ten minutes and resumes from a saved state', () => {
    const n = 70_000;
    const acc = new MotionAccumulator();
    const resumed = new MotionAccumulator();
    for (let i = 0; i < n; i++) {
      if (i === 40_000) resumed.load(JSON.parse(JSON.stringify(acc.save())));
      const s = i / 120;
      const p = [Math.sin(s), Math.cos(s * 0.3), 0] as const;
      acc.push(s, ...p);
      if (i >= 40_000) resumed.push(s, ...p);
    }
    expect(acc.samples).toBe(n);
    expect(resumed.result()).toEqual(acc.result());
  });

  it('trial accumulator: both hands plus bimanual equal the batch functions', () => {
    const left = wander(5, 0);
    const right = wander(5, 1.1);
    const trial = new TrialMotionAccumulator();
    for (let i = 0; i < left.t.length; i++) {
      trial.push(left.t[i]!, [left.x[i]!, left.y[i]!, left.z[i]!], [right.x[i]!, right.y[i]!, right.z[i]!]);
    }
    const r = trial.result();
    const l = motionMetrics({ t: left.t, x: left.x, y: left.y, z: left.z });
    const rr = motionMetrics({ t: right.t, x: right.x, y: right.y, z: right.z });
    expect(r.hands.left).toEqual(l);
    expect(r.hands.right).toEqual(rr);
    expect(r.bimanual).toEqual(bimanualMetrics(speeds(left), speeds(right), [l.pathLength, rr.pathLength], 0.001));
    expect(trial.pathLength).toBeCloseTo(l.pathLength + rr.pathLength, 12);
  });

  it('slices a track to a window', () => {
    const track = wander(2, 0);
    expect(sliceTrack(track, 0.5, 1).t.length).toBe(61);
  });
});
