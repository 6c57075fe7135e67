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
  /** Figures measured after the timings by asynchronous work (e.g. worker threads); run when any benchmark of the suite runs. */
  derivedAsync?: { name: string; compute: (results: Record<string, Figures>) => Promise<Figures> }[];
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

/**
 * Runs a suite's benchmarks with their samples interleaved (A, B, A, B, …), so that a ratio between two
 * of them is not skewed by whatever else the machine was doing while one of them ran.
 */
export function runInterleaved(benchmarks: Benchmark[]): Record<string, Figures> {
  const fns = benchmarks.map((b) => b.setup());
  benchmarks.forEach((b, i) => {
    const runs = b.runsPerSample ?? 1;
    for (let k = 0; k < (b.warmup ?? 50) * runs; k++) fns[i]!();
  });
  const samples: number[][] = benchmarks.map(() => []);
  const rounds = Math.max(...benchmarks.map((b) => b.samples ?? 300));
  for (let round = 0; round < rounds; round++) {
    benchmarks.forEach((b, i) => {
      if (round >= (b.samples ?? 300)) return;
      const runs = b.runsPerSample ?? 1;
      const fn = fns[i]!;
      const t0 = performance.now();
      for (let r = 0; r < runs; r++) fn();
      samples[i]!.push((performance.now() - t0) / runs);
    });
  }
  return Object.fromEntries(
    benchmarks.map((b, i) => {
      const xs = samples[i]!;
      return [b.name, { median_ms: round(median(xs)), p95_ms: round(percentile(xs, 95)), samples: xs.length }];
    }),
  );
}

export function round(x: number, digits = 5): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
