/**
 * Movement smoothness of a speed profile, ported from the reference implementation that published
 * work uses (Balasubramanian et al., siva82kb/smoothness, python/smoothness.py), so our numbers compare:
 * - dimensionless jerk with T = (number of speed samples) · Δt and the jerk as the second difference / Δt²;
 * - SPARC with zero padding to 2^(⌈log2 N⌉ + 4), fc = 10 Hz, amplitude threshold 0.05 and the
 *   zero-frequency bin kept.
 * Both return null where the reference would give an infinity or NaN (too few samples, no motion).
 */
import { lowMagnitudeSpectrum } from './fft.ts';

export interface SparcOptions {
  /** Extra powers of two of zero padding. */
  padLevel: number;
  /** Highest frequency considered, Hz. */
  fc: number;
  /** Normalised magnitude below which the spectrum's ends are cut off. */
  ampThreshold: number;
}

export const SPARC_DEFAULTS: SparcOptions = { padLevel: 4, fc: 10, ampThreshold: 0.05 };

/** DJ = −(T³ / v_peak²) · Σ jerk² · Δt. Null with fewer than 3 samples, a peak of 0, or a result that is not finite. */
export function dimensionlessJerk(speed: ArrayLike<number>, fs: number): number | null {
  const n = speed.length;
  if (n < 3 || !(fs > 0)) return null;
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(speed[i]!));
  if (peak === 0) return null;
  const dt = 1 / fs;
  const dt2 = dt * dt;
  let sum = 0;
  for (let i = 0; i + 2 < n; i++) {
    const jerk = (speed[i + 2]! - 2 * speed[i + 1]! + speed[i]!) / dt2;
    sum += jerk * jerk;
  }
  const duration = n * dt;
  // A peak so small that its square underflows (a denormal speed) gives 0/0 or ∞: no measurable motion.
  const dj = -(duration ** 3 / (peak * peak)) * sum * dt;
  return Number.isFinite(dj) ? dj : null;
}

/** LDLJ = −ln |DJ|: higher (closer to 0) is smoother. */
export function logDimensionlessJerk(speed: ArrayLike<number>, fs: number): number | null {
  const dj = dimensionlessJerk(speed, fs);
  if (dj === null || dj === 0) return null;
  return -Math.log(Math.abs(dj));
}

/** Spectral arc length (SPARC): higher (closer to 0) is smoother. */
export function spectralArcLength(speed: ArrayLike<number>, fs: number, options: SparcOptions = SPARC_DEFAULTS): number | null {
  const n = speed.length;
  if (n < 2 || !(fs > 0)) return null;
  const nfft = 2 ** (Math.ceil(Math.log2(n)) + options.padLevel);
  const df = fs / nfft;
  // Bins with f ≤ fc (the reference's low-pass), then from the first to the last bin ≥ the threshold.
  let selected = 0;
  while (selected < nfft && selected * df <= options.fc) selected++;
  // Only the selected bins are kept; the normalisation is still by the largest bin of the whole spectrum.
  const { mag, max } = lowMagnitudeSpectrum(speed, nfft, selected);
  if (max === 0) return null;
  let first = -1;
  let last = -1;
  for (let k = 0; k < selected; k++) {
    if (mag[k]! / max >= options.ampThreshold) {
      if (first < 0) first = k;
      last = k;
    }
  }
  if (first < 0) return null;
  const span = last * df - first * df;
  let arc = 0;
  for (let k = first; k < last; k++) {
    const dfNorm = ((k + 1) * df - k * df) / span;
    const dm = mag[k + 1]! / max - mag[k]! / max;
    arc += Math.sqrt(dfNorm * dfNorm + dm * dm);
  }
  return -arc;
}
