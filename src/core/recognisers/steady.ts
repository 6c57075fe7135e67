/**
 * A tip's path without the hand's physiological tremor (8–12 Hz): two first-order low-passes in series,
 * each of time constant `tremorFilterTicks`. With 6 ticks (50 ms) tremor is cut to ≤ 12 % (8 Hz) and
 * ≤ 6 % (12 Hz) of its size, while the hand's slow aim (≤ 1 Hz, ≥ 90 % kept) and a deliberate stroke
 * pass, 0.1 s late. Judging where a pen or blade went by this path is judging it by the line's centre, as
 * an eye does, not by the single farthest wobble. Plain data, so it can live in a recogniser's state.
 */
export interface SteadyTip {
  /** False until the first sample (the filter starts where the tip is). */
  primed: boolean;
  /** The first stage's output, and the second's: the steadied tip (x y z, m). */
  first: [number, number, number];
  tip: [number, number, number];
}

export const steadyTip = (): SteadyTip => ({ primed: false, first: [0, 0, 0], tip: [0, 0, 0] });

/** Feeds this tick's tip into the filter; returns the steadied tip (the filter's own array). */
export function steady(filter: SteadyTip, tip: readonly number[], timeConstantTicks: number): readonly number[] {
  const { first, tip: out } = filter;
  if (!filter.primed) {
    for (let axis = 0; axis < 3; axis++) first[axis] = out[axis] = tip[axis]!;
    filter.primed = true;
    return out;
  }
  const k = 1 / (1 + timeConstantTicks);
  for (let axis = 0; axis < 3; axis++) {
    first[axis] = first[axis]! + k * (tip[axis]! - first[axis]!);
    out[axis] = out[axis]! + k * (first[axis]! - out[axis]!);
  }
  return out;
}
