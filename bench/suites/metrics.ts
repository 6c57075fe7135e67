import type { Suite } from '../harness.ts';
import { TICK_HZ } from '../../src/core/kernel/clock.ts';
import { TrialMotionAccumulator } from '../../src/core/metrics/index.ts';

/** A tip wandering over the worksite, as the simulation would feed it. */
function tip(i: number, phase: number, out: [number, number, number]): [number, number, number] {
  const s = i / TICK_HZ;
  out[0] = 0.05 * Math.sin(s * 1.3 + phase);
  out[1] = 0.92 + 0.02 * Math.sin(s * 2.9 + phase);
  out[2] = -0.45 + 0.03 * Math.cos(s * 0.7);
  return out;
}

/** One tick of both hands' accumulators: the per-tick cost the simulation pays. */
function pushTick(): () => void {
  const trial = new TrialMotionAccumulator();
  const left: [number, number, number] = [0, 0, 0];
  const right: [number, number, number] = [0, 0, 0];
  let i = 0;
  return () => {
    trial.push(i / TICK_HZ, tip(i, 0, left), tip(i, 1, right));
    i++;
  };
}

/** The end-of-attempt figures (LDLJ, SPARC with its zero-padded FFT, bimanual) of an attempt of `minutes`. */
function finish(minutes: number): () => () => void {
  return () => {
    const trial = new TrialMotionAccumulator();
    const left: [number, number, number] = [0, 0, 0];
    const right: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < minutes * 60 * TICK_HZ; i++) trial.push(i / TICK_HZ, tip(i, 0, left), tip(i, 1, right));
    return () => void trial.result();
  };
}

export const suite: Suite = {
  benchmarks: [
    { name: 'metrics.push-tick', unit: 'both hands, one tick', setup: pushTick, runsPerSample: 1000, samples: 200, warmup: 20 },
    { name: 'metrics.result-1min', setup: finish(1), samples: 10, warmup: 2 },
    { name: 'metrics.result-10min', setup: finish(10), samples: 5, warmup: 1 },
  ],
};
