/**
 * Whether segment p→q crosses triangle (a, b, c) (Möller–Trumbore restricted to the segment).
 * Arguments are flat arrays with an offset, so the hot path passes its typed arrays without copying.
 */
export function segmentCrossesTriangle(
  p: ArrayLike<number>,
  po: number,
  q: ArrayLike<number>,
  qo: number,
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
  c: ArrayLike<number>,
  co: number,
): boolean {
  const dx = q[qo]! - p[po]!,
    dy = q[qo + 1]! - p[po + 1]!,
    dz = q[qo + 2]! - p[po + 2]!;
  const e1x = b[bo]! - a[ao]!,
    e1y = b[bo + 1]! - a[ao + 1]!,
    e1z = b[bo + 2]! - a[ao + 2]!;
  const e2x = c[co]! - a[ao]!,
    e2y = c[co + 1]! - a[ao + 1]!,
    e2z = c[co + 2]! - a[ao + 2]!;
  const hx = dy * e2z - dz * e2y,
    hy = dz * e2x - dx * e2z,
    hz = dx * e2y - dy * e2x;
  const det = e1x * hx + e1y * hy + e1z * hz;
  if (Math.abs(det) < 1e-18) return false;
  const inv = 1 / det;
  const sx = p[po]! - a[ao]!,
    sy = p[po + 1]! - a[ao + 1]!,
    sz = p[po + 2]! - a[ao + 2]!;
  const u = (sx * hx + sy * hy + sz * hz) * inv;
  if (u < 0 || u > 1) return false;
  const qx = sy * e1z - sz * e1y,
    qy = sz * e1x - sx * e1z,
    qz = sx * e1y - sy * e1x;
  const v = (dx * qx + dy * qy + dz * qz) * inv;
  if (v < 0 || u + v > 1) return false;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inv;
  return t >= 0 && t <= 1;
}

/** Closest-point parameter (0..1) on segment a→b to point p, all flat arrays with offsets. */
export function closestOnSegment(p: ArrayLike<number>, po: number, a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number {
  const ex = b[bo]! - a[ao]!,
    ey = b[bo + 1]! - a[ao + 1]!,
    ez = b[bo + 2]! - a[ao + 2]!;
  const l2 = ex * ex + ey * ey + ez * ez;
  if (l2 < 1e-20) return 0;
  const t = ((p[po]! - a[ao]!) * ex + (p[po + 1]! - a[ao + 1]!) * ey + (p[po + 2]! - a[ao + 2]!) * ez) / l2;
  return t < 0 ? 0 : Math.min(t, 1);
}
