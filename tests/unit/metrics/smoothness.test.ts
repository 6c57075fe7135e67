import { describe, expect, it } from 'vitest';
import {
  dimensionlessJerk,
  fftInPlace,
  logDimensionlessJerk,
  lowMagnitudeSpectrum,
  magnitudeSpectrum,
  motionMetrics,
  spectralArcLength,
} from '../../../src/core/metrics/index.ts';

/** The reference's doctest movement: exp(−5t²), t = −1 … 0.99 step 0.01 (N = 200), fs = 100 Hz. */
function bell(): number[] {
  return Array.from({ length: 200 }, (_, i) => Math.exp(-5 * (-1 + i * 0.01) ** 2));
}

describe('smoothness test vectors (assessment reference §2.2)', () => {
  it('dimensionless jerk = −335.74684', () => {
    expect(dimensionlessJerk(bell(), 100)).toBeCloseTo(-335.74684, 4);
  });
  it('LDLJ = −5.81636', () => {
    expect(Math.abs(logDimensionlessJerk(bell(), 100)! - -5.81636)).toBeLessThan(1e-4);
  });
  it('gives no jerk for motion too small to square (a denormal peak speed; found by the CSV fuzz)', () => {
    const speed = [0, 0, 0, 5e-324];
    expect(dimensionlessJerk(speed, 1000)).toBeNull();
    expect(logDimensionlessJerk(speed, 1000)).toBeNull();
  });
  it('SPARC = −1.41403', () => {
    expect(Math.abs(spectralArcLength(bell(), 100)! - -1.41403)).toBeLessThan(1e-4);
  });
  it('gives the same values from positions whose forward-difference speed is the bell', () => {
    const speed = bell();
    const t = [0];
    const x = [0];
    for (const [i, v] of speed.entries()) {
      t.push((i + 1) / 100);
      x.push(x[i]! + v / 100);
    }
    const zeros = t.map(() => 0);
    const m = motionMetrics({ t, x, y: zeros, z: zeros });
    expect(m.sampleRate).toBeCloseTo(100, 9);
    expect(Math.abs(m.ldlj! - -5.81636)).toBeLessThan(1e-4);
    expect(Math.abs(m.sparc! - -1.41403)).toBeLessThan(1e-4);
  });
  it('returns null where the reference gives no finite value', () => {
    expect(logDimensionlessJerk([1, 1], 100)).toBeNull();
    expect(logDimensionlessJerk([0, 0, 0, 0], 100)).toBeNull();
    expect(spectralArcLength([0, 0, 0], 100)).toBeNull();
  });
  it('rates a smooth bell smoother than the same bell with a tremor', () => {
    const smooth = bell();
    // A 4 Hz tremor: inside SPARC's 10 Hz band.
    const shaky = smooth.map((v, i) => v + 0.1 * Math.sin(i * 0.25));
    expect(logDimensionlessJerk(shaky, 100)!).toBeLessThan(logDimensionlessJerk(smooth, 100)!);
    expect(spectralArcLength(shaky, 100)!).toBeLessThan(spectralArcLength(smooth, 100)!);
  });
});

describe('radix-2 FFT', () => {
  it('matches a direct DFT', () => {
    const x = [1, -2, 3.5, 0, 0.25, 7, -1, 2];
    const re = Float64Array.from(x);
    const im = new Float64Array(8);
    fftInPlace(re, im);
    for (let k = 0; k < 8; k++) {
      let r = 0;
      let i = 0;
      for (let j = 0; j < 8; j++) {
        r += x[j]! * Math.cos((-2 * Math.PI * j * k) / 8);
        i += x[j]! * Math.sin((-2 * Math.PI * j * k) / 8);
      }
      expect(re[k]).toBeCloseTo(r, 12);
      expect(im[k]).toBeCloseTo(i, 12);
    }
  });
  it('zero-pads: the spectrum of a unit impulse is flat', () => {
    expect(Array.from(magnitudeSpectrum([1], 16))).toEqual(new Array(16).fill(1));
  });
  it('the padded spectrum (small transforms) equals one large FFT of the zero-padded signal', () => {
    const x = Array.from({ length: 37 }, (_, i) => Math.abs(Math.sin(i * 0.37)) + 0.1 * (i % 3));
    const re = new Float64Array(1024);
    const im = new Float64Array(1024);
    re.set(x);
    fftInPlace(re, im);
    const padded = magnitudeSpectrum(x, 1024);
    for (let k = 0; k < 1024; k++) expect(padded[k]).toBeCloseTo(Math.hypot(re[k]!, im[k]!), 10);
  });
  it('the low bins alone (what SPARC reads) are the first bins of the full spectrum, with its largest bin, bit for bit', () => {
    // A signal with negative values, so the largest bin need not be the first.
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i * 0.9) + 0.2 * Math.cos(i * 0.05));
    const full = magnitudeSpectrum(x, 8192);
    const low = lowMagnitudeSpectrum(x, 8192, 700);
    expect(low.mag).toEqual(full.subarray(0, 700));
    expect(low.max).toBe(Math.max(...full));
    expect(Math.max(...low.mag)).toBeLessThan(low.max);
  });
  it('rejects sizes that are not powers of two', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
  });
});
