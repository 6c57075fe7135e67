/**
 * A small in-place radix-2 FFT (iterative Cooley–Tukey). Enough for SPARC, which needs the magnitude
 * spectrum of a zero-padded speed profile; nothing else in the core needs a transform.
 */

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Transforms `re` + i·`im` in place (forward, no scaling: X[k] = Σ x[j]·e^(−2πi·jk/n)). */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (im.length !== n || !isPowerOfTwo(n)) throw new Error(`fft size must be a power of two, got ${n}`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  const { cos, sin } = twiddles(n);
  for (let size = 2; size <= n; size <<= 1) {
    const halfSize = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < halfSize; k++) {
        const wr = cos[k * step]!;
        const wi = -sin[k * step]!;
        const a = start + k;
        const b = a + halfSize;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

/** cos/sin of 2πk/n for k < n/2, kept per size: every stage reads exact values instead of a recurrence. */
const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let table = twiddleCache.get(n);
  if (!table) {
    const half = n >> 1;
    table = { cos: new Float64Array(half), sin: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      table.cos[k] = Math.cos((2 * Math.PI * k) / n);
      table.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    twiddleCache.set(n, table);
  }
  return table;
}

/** |FFT| of a real signal zero-padded to `nfft` points, like numpy's `abs(fft(x, nfft))`: every bin. */
export function magnitudeSpectrum(signal: ArrayLike<number>, nfft: number): Float64Array {
  return lowMagnitudeSpectrum(signal, nfft, nfft).mag;
}

/**
 * The first `bins` bins of `magnitudeSpectrum(signal, nfft)`, and the largest magnitude of all `nfft` bins (the same
 * values, bit for bit): SPARC reads only the bins below its cut-off, so a long signal's spectrum is not held
 * whole (2²¹ points for ten minutes at 120 Hz, of which it reads a twelfth).
 * The padding is exploited: with the signal in the first n0 = nfft / P points, bin k = P·m + r is bin m of
 * the n0-point FFT of x[j]·e^(−2πi·jr/nfft), so P small transforms that fit in cache replace one large one
 * (about three times faster on a ten-minute attempt; the same values to rounding).
 */
export function lowMagnitudeSpectrum(signal: ArrayLike<number>, nfft: number, bins: number): { mag: Float64Array; max: number } {
  if (!isPowerOfTwo(nfft)) throw new Error(`fft size must be a power of two, got ${nfft}`);
  const kept = Math.max(0, Math.min(nfft, Math.floor(bins)));
  const n = Math.min(signal.length, nfft);
  let n0 = 1;
  while (n0 < n) n0 <<= 1;
  const parts = nfft / n0;
  const re = new Float64Array(n0);
  const im = new Float64Array(n0);
  const mag = new Float64Array(kept);
  // Squared magnitudes compared: sqrt is monotonic and correctly rounded, so the square root of the largest is the largest root.
  let maxSquared = 0;
  for (let r = 0; r < parts; r++) {
    re.fill(0);
    im.fill(0);
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * r) % nfft)) / nfft;
      re[j] = signal[j]! * Math.cos(angle);
      im[j] = signal[j]! * Math.sin(angle);
    }
    fftInPlace(re, im);
    for (let m = 0; m < n0; m++) {
      const squared = re[m]! * re[m]! + im[m]! * im[m]!;
      if (squared > maxSquared) maxSquared = squared;
      const k = m * parts + r;
      if (k < kept) mag[k] = Math.sqrt(squared);
    }
  }
  return { mag, max: Math.sqrt(maxSquared) };
}
