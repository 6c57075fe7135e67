/** Motion is motion: tool changes, empty hands and jumps are gaps, left out of path, speed, smoothness and idle time. */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { TICK_HZ, type ToolInput, WORKSITE, idleInput } from '../../../src/core/kernel/index.ts';
import { MotionAccumulator, type Track, motionMetrics } from '../../../src/core/metrics/index.ts';
import { estimateRatings, estimateInput, objectiveMetrics } from '../../../src/core/scoring/index.ts';
import { play, protocol } from '../../support/experts.ts';

/** 4 s at 120 Hz along x at 5 cm/s, pausing in the middle second; `jumpAt` moves the tip 30 cm in one tick there. */
function sweep(jumpAt: number | null): Track & { gap: boolean[] } {
  const t: number[] = [];
  const x: number[] = [];
  const gap: boolean[] = [];
  let px = 0;
  for (let i = 0; i <= 4 * TICK_HZ; i++) {
    const s = i / TICK_HZ;
    if (i > 0 && !(s > 1.5 && s <= 2.5)) px += 0.05 / TICK_HZ;
    if (i === jumpAt) px += 0.3;
    t.push(s);
    x.push(px);
    gap.push(i === jumpAt);
  }
  return { t, x, y: t.map(() => 0.95), z: t.map(() => -0.45), gap };
}

describe('a teleport is no motion', () => {
  const smooth = motionMetrics(sweep(null));

  it('a gap flagged at a tool change (while the tip rests): path, peak speed and movements as without the jump', () => {
    const jumped = motionMetrics(sweep(300));
    expect(jumped.pathLength).toBeCloseTo(smooth.pathLength, 12);
    expect(jumped.peakSpeed).toBeCloseTo(0.05, 9);
    // The tick of the switch is neither motion nor idle.
    expect(jumped.idleTime).toBeCloseTo(smooth.idleTime - 1 / TICK_HZ, 12);
    expect(jumped.movements).toBe(smooth.movements);
    expect(jumped.ldlj).not.toBeNull();
  });

  it('an unflagged jump faster than any hand (30 cm in a tick, 36 m/s) is found and left out too', () => {
    const { gap: _, ...unflagged } = sweep(360);
    const jumped = motionMetrics(unflagged);
    expect(jumped.peakSpeed).toBeCloseTo(0.05, 9);
    // Mid-sweep: the tick of the jump is lost, and the movement is cut in two.
    expect(jumped.pathLength).toBeCloseTo(smooth.pathLength - 0.05 / TICK_HZ, 12);
    expect(jumped.movements).toBe(smooth.movements + 1);
    expect(motionMetrics(unflagged, { jumpSpeed: 100 }).peakSpeed).toBeCloseTo(0.3 * TICK_HZ + 0.05, 6);
  });

  it('the streaming accumulator, told of the gap, equals the batch definition', () => {
    const track = sweep(360);
    const acc = new MotionAccumulator({ trocar: [0, 1.2, -0.3] });
    for (let i = 0; i < track.t.length; i++) {
      if (track.gap[i]) acc.gap();
      acc.push(track.t[i]!, track.x[i]!, track.y[i]!, track.z[i]!);
    }
    expect(acc.result()).toEqual(motionMetrics(track, { trocar: [0, 1.2, -0.3] }));
    expect(Number.isNaN(acc.speeds[359]!)).toBe(true);
    const resumed = new MotionAccumulator();
    resumed.load(JSON.parse(JSON.stringify(acc.save())));
    expect(Number.isNaN(resumed.speeds[359]!)).toBe(true);
  });
});

describe('an attempt switching instruments', () => {
  /** The right hand sweeps across the worksite at 5 cm/s; at tick 240 it takes the scissors, the tip 30 cm away. */
  function run(switchInstrument: boolean): Attempt {
    const attempt = new Attempt({ protocol: protocol('interrupted-suture'), mode: 'practice', seed: 1 });
    const input: ToolInput = idleInput();
    for (let tick = 0; tick < 480; tick++) {
      const right = input.hands.right;
      right.instrument = switchInstrument && tick >= 240 ? 'suture-scissors' : 'needle-driver';
      const x = WORKSITE[0] - 0.05 + (0.05 * tick) / TICK_HZ + (switchInstrument && tick >= 240 ? 0.3 : 0);
      right.pose.position = [x, WORKSITE[1] + 0.05, WORKSITE[2]];
      attempt.tick(input);
    }
    return attempt;
  }

  it('path length and peak speed are unaffected by the switch', () => {
    const same = run(false).motionMetrics().hands.right;
    const switched = run(true).motionMetrics().hands.right;
    // To the input's grid (2^-17 m, kernel/quantise.ts): a tick's travel is within a grid step of 0.05 / 120 m.
    expect(switched.peakSpeed).toBeCloseTo(0.05, 3);
    // One tick of travel fewer: the interval of the switch is a gap.
    expect(switched.pathLength).toBeCloseTo(same.pathLength - 0.05 / TICK_HZ, 5);
    expect(switched.idleRatio).toBe(same.idleRatio);
  });

  it('an empty hand moves no instrument: no path, no idle time', () => {
    const left = run(false).motionMetrics().hands.left;
    expect([left.pathLength, left.idleTime, left.movements, left.peakSpeed]).toEqual([0, 0, 0, 0]);
  });
});

describe('what is not measured is not shown nor rated', () => {
  // An open procedure: no laparoscope to leave the view of, no trocar to measure travel along the shaft.
  const report = play('interrupted-suture').report();

  it('the open attempt measures no view or depth travel: the report leaves them out; force it measures', () => {
    for (const hand of ['left', 'right'] as const) {
      const keys = Object.keys(report.metrics.motion!.hands[hand]!);
      for (const unmeasured of ['depth_perception_m', 'out_of_view_time_s', 'out_of_view_episodes']) expect(keys).not.toContain(unmeasured);
      for (const measured of ['force_events', 'force_over_time_s', 'peak_force_n']) expect(keys).toContain(measured);
    }
    expect(objectiveMetrics(report, 'right')).toMatchObject({ depthPerception: null });
  });

  it('and no rating reads them', () => {
    for (const scale of ['OSATS', 'GOALS'] as const) {
      const estimate = estimateRatings(estimateInput(report, 'right', report), scale);
      const basis = estimate.domains.flatMap((d) => d.basis);
      expect(basis).not.toContain('depthPerception');
      expect(basis).not.toContain('outOfViewTime');
      expect(basis).toContain(scale === 'OSATS' ? 'tissueEvents' : 'time');
    }
    expect(estimateRatings(estimateInput(report, 'right', report), 'GOALS').domains.map((d) => d.domain)).not.toContain('depth perception');
  });

  it('a laparoscopic attempt measures them: the laparoscope\'s picture for "in view", travel along the shaft through the port, force on tissue', () => {
    const lap = play('lap-chole-cvs').report();
    for (const hand of ['left', 'right'] as const) {
      const m = lap.metrics.motion!.hands[hand]!;
      expect(m.depth_perception_m).toBeGreaterThan(0);
      expect(m.out_of_view_time_s).toBe(0);
      expect(m.peak_force_n).toBeGreaterThan(0);
    }
    const goals = estimateRatings(estimateInput(lap, 'right', lap), 'GOALS');
    expect(goals.domains.find((d) => d.domain === 'depth perception')?.basis).toContain('depthPerception');
  }, 60_000); // the whole lap-chole expert is simulated: seconds, more on a loaded machine

  it('a measured force is in the basis', () => {
    const input = estimateInput(report, 'right', report);
    const osats = estimateRatings({ ...input, metrics: { ...input.metrics, forceEvents: 2 } }, 'OSATS');
    expect(osats.domains.find((d) => d.domain === 'respect for tissue')).toEqual({
      domain: 'respect for tissue',
      rating: 3,
      basis: ['tissueEvents', 'forceEvents'],
    });
  });

  it('a file with in-view and force columns reports them', () => {
    const m = motionMetrics({ t: [0, 1], x: [0, 0], y: [0, 0], z: [0, 0], inView: [true, false], force: [0, 6] });
    expect(m.measured).toEqual({ view: true, force: true });
  });
});
