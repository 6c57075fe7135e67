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
  // Twiddles from one table, cos/sin of 2πk/n, so every stage reads exact values instead of a recurrence.
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
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

/** |FFT| of a real signal zero-padded (or cut) to `nfft` points, like numpy's `abs(fft(x, nfft))`. */
export function magnitudeSpectrum(signal: ArrayLike<number>, nfft: number): Float64Array {
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  const n = Math.min(signal.length, nfft);
  for (let i = 0; i < n; i++) re[i] = signal[i]!;
  fftInPlace(re, im);
  const mag = new Float64Array(nfft);
  for (let k = 0; k < nfft; k++) mag[k] = Math.hypot(re[k]!, im[k]!);
  return mag;
}
