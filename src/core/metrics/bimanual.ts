/**
 * Bimanual dexterity proxies (GOALS "bimanual dexterity" has no single objective formula): correlation
 * of the two hands' speeds, the fraction of time both move, and the ratio of their path lengths.
 * Both speed series must be sampled at the same times; a gap (NaN: no instrument motion) in either hand
 * leaves that interval out of the correlation, and counts as that hand not active.
 */
export interface BimanualMetrics {
  /** Pearson correlation of the two speed series; null if either is constant. */
  speedCorrelation: number | null;
  /** Intervals where both speeds exceed the idle speed / intervals where either hand moved an instrument. */
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
  let measured = 0;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < first.length; i++) {
    const p = first[i]!;
    const q = second[i]!;
    if (Number.isNaN(p) && Number.isNaN(q)) continue;
    measured++;
    if (p > idleSpeed && q > idleSpeed) both++;
    if (Number.isNaN(p) || Number.isNaN(q)) continue;
    a.push(p);
    b.push(q);
  }
  return {
    speedCorrelation: a.length === first.length ? pearson(first, second) : pearson(a, b),
    bothActiveFraction: measured ? both / measured : 0,
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
