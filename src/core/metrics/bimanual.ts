/**
 * Bimanual dexterity proxies (GOALS "bimanual dexterity" has no single objective formula): correlation
 * of the two hands' speeds, the fraction of time both move, and the ratio of their path lengths.
 * Both speed series must be sampled at the same times.
 */
export interface BimanualMetrics {
  /** Pearson correlation of the two speed series; null if either is constant. */
  speedCorrelation: number | null;
  /** Intervals where both speeds exceed the idle speed / all intervals. */
  bothActiveFraction: number;
  /** First hand's path length / second's; null if the second did not move. */
  pathLengthRatio: number | null;
}

export function bimanualMetrics(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  pathLengths: readonly [number, number],
  idleSpeed: number,
): BimanualMetrics {
  if (first.length !== second.length) {
    throw new Error(`bimanual metrics need both hands at the same times (${first.length} vs ${second.length} intervals)`);
  }
  let both = 0;
  for (let i = 0; i < first.length; i++) if (first[i]! > idleSpeed && second[i]! > idleSpeed) both++;
  return {
    speedCorrelation: pearson(first, second),
    bothActiveFraction: first.length ? both / first.length : 0,
    pathLengthRatio: pathLengths[1] > 0 ? pathLengths[0] / pathLengths[1] : null,
  };
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2 || b.length !== n) return null;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}
