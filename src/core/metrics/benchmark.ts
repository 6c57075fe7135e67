/**
 * The debrief's "against the expert and your last attempts": each motion metric beside the expert's value
 * and the learner's previous ones, with the direction that is better. And a speed profile thinned for charts.
 */
import type { MotionMetricsJson } from './json.ts';

export type Better = 'lower' | 'higher';

/** Metrics with a better direction (speeds are neither: fast is not better, nor slow). */
export const BETTER: Readonly<Record<string, Better>> = {
  duration_s: 'lower',
  path_length_m: 'lower',
  movements: 'lower',
  idle_time_s: 'lower',
  idle_ratio: 'lower',
  ldlj: 'higher',
  sparc: 'higher',
  economy_ratio: 'lower',
  depth_perception_m: 'lower',
  out_of_view_time_s: 'lower',
  out_of_view_episodes: 'lower',
  force_events: 'lower',
  force_over_time_s: 'lower',
  peak_force_n: 'lower',
};

export interface MetricComparison {
  key: string;
  better: Better;
  value: number | null;
  expert: number | null;
  /** Oldest first. */
  previous: (number | null)[];
  /** The best of the previous attempts in the better direction. */
  previousBest: number | null;
  /** As good as the expert or better; null without both values. */
  reachedExpert: boolean | null;
}

export function compareMetrics(current: MotionMetricsJson, expert: MotionMetricsJson | null, previous: readonly MotionMetricsJson[]): MetricComparison[] {
  return Object.entries(BETTER)
    .filter(([key]) => key in current)
    .map(([key, better]) => {
      const value = current[key] ?? null;
      const reference = expert?.[key] ?? null;
      const history = previous.map((p) => p[key] ?? null);
      const known = history.filter((v): v is number => v !== null);
      const previousBest = known.length ? (better === 'lower' ? Math.min(...known) : Math.max(...known)) : null;
      const reachedExpert = value === null || reference === null ? null : better === 'lower' ? value <= reference : value >= reference;
      return { key, better, value, expert: reference, previous: history, previousBest, reachedExpert };
    });
}

/**
 * Speeds thinned to at most `maxPoints` for a chart: the peak of each bucket (so spikes stay visible),
 * at the bucket's middle time; NaN where the bucket holds only gaps (no instrument motion). Speed i spans
 * t0 + i/fs → t0 + (i+1)/fs.
 */
export function speedProfile(speeds: ArrayLike<number | null>, t0: number, fs: number, maxPoints: number): { t: Float64Array; v: Float64Array } {
  const n = speeds.length;
  const points = Math.max(0, Math.min(n, Math.floor(maxPoints)));
  const t = new Float64Array(points);
  const v = new Float64Array(points);
  for (let b = 0; b < points; b++) {
    const from = Math.floor((b * n) / points);
    const to = Math.floor(((b + 1) * n) / points);
    let peak = Number.NaN;
    for (let i = from; i < to; i++) {
      const s = speeds[i] ?? Number.NaN;
      if (Number.isNaN(peak) || s > peak) peak = s;
    }
    v[b] = peak;
    t[b] = t0 + (from + to) / 2 / fs;
  }
  return { t, v };
}
