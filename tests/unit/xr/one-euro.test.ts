import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/kernel/rng.ts';
import { OneEuroFilter3 } from '../../../src/xr/one-euro.ts';

/** A headset's frame rate; the filter runs once per XR frame. */
const HZ = 72;
const DT = 1 / HZ;

function filtered(signal: (t: number) => number, seconds: number): { t: number; raw: number; out: number }[] {
  const filter = new OneEuroFilter3();
  const out: { t: number; raw: number; out: number }[] = [];
  for (let k = 0; k < seconds * HZ; k++) {
    const t = k * DT;
    const p: [number, number, number] = [signal(t), 0, 0];
    filter.filter(p, DT);
    out.push({ t, raw: signal(t), out: p[0] });
  }
  return out;
}

/** Amplitude of the component at `hz` (least squares on sine and cosine), after the first second. */
function amplitudeAt(samples: { t: number; out: number }[], hz: number): number {
  let s = 0,
    c = 0,
    n = 0;
  for (const { t, out } of samples) {
    if (t < 1) continue;
    s += out * Math.sin(2 * Math.PI * hz * t);
    c += out * Math.cos(2 * Math.PI * hz * t);
    n++;
  }
  return (2 / n) * Math.hypot(s, c);
}

describe('the 1€ filter on VR tracking', () => {
  it.each([8, 10, 12])('keeps a %i Hz tremor (≥ 75 % of its amplitude)', (hz) => {
    const samples = filtered((t) => 0.001 * Math.sin(2 * Math.PI * hz * t), 5);
    expect(amplitudeAt(samples, hz) / 0.001).toBeGreaterThan(0.75);
  });

  it('takes out at least a quarter of white tracking jitter', () => {
    const rng = new Rng(3);
    const noise = Array.from({ length: 5 * HZ }, () => rng.range(-0.0005, 0.0005));
    const samples = filtered((t) => noise[Math.round(t * HZ)]!, 5);
    const rms = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);
    expect(rms(samples.map((s) => s.out))).toBeLessThan(0.75 * rms(samples.map((s) => s.raw)));
  });

  it('lags a fast hand (0.5 m/s) by under 10 ms', () => {
    const samples = filtered((t) => 0.5 * t, 1);
    const last = samples[samples.length - 1]!;
    expect((last.raw - last.out) / 0.5).toBeLessThan(0.01);
  });

  it('starts where the hand is, and again after a reset', () => {
    const filter = new OneEuroFilter3();
    const p: [number, number, number] = [1, 2, 3];
    filter.filter(p, DT);
    expect(p).toEqual([1, 2, 3]);
    filter.reset();
    const q: [number, number, number] = [-1, 0, 5];
    filter.filter(q, DT);
    expect(q).toEqual([-1, 0, 5]);
  });
});
