/**
 * A small benchmark harness: each benchmark runs a warm-up, then timed samples; figures are medians
 * and 95th percentiles in milliseconds. Ratios compare two benchmarks measured in the same run.
 */
export interface Benchmark {
  name: string;
  /** What one sample measures, for the table. */
  unit?: string;
  /** Prepares state and returns the function to time. Setup time is not measured. */
  setup: () => () => void;
  /** Runs of the timed function per sample (for sub-microsecond work). */
  runsPerSample?: number;
  samples?: number;
  warmup?: number;
}

export interface Ratio {
  name: string;
  numerator: string;
  denominator: string;
}

/** A figure that is not a timing (throughput, counts), computed after the timings. */
export interface Derived {
  name: string;
  compute: (results: Record<string, Figures>) => Figures;
}

export interface Suite {
  benchmarks: Benchmark[];
  ratios?: Ratio[];
  derived?: Derived[];
}

export type Figures = Record<string, number>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function runBenchmark(b: Benchmark): Figures {
  const fn = b.setup();
  const runs = b.runsPerSample ?? 1;
  for (let i = 0; i < (b.warmup ?? 50); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < (b.samples ?? 300); i++) {
    const t0 = performance.now();
    for (let r = 0; r < runs; r++) fn();
    samples.push((performance.now() - t0) / runs);
  }
  return { median_ms: round(median(samples)), p95_ms: round(percentile(samples, 95)), samples: samples.length };
}

export function round(x: number, digits = 5): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
