/**
 * Angle (radians, from +x towards +z) of the principal axis of n 2-D points about their centre (cx, cz):
 * the major axis of their 2×2 covariance. Points are x,z pairs in `xz`.
 */
export function principalAxisAngle(xz: ArrayLike<number>, n: number, cx: number, cz: number): number {
  let xx = 0,
    xzSum = 0,
    zz = 0;
  for (let i = 0; i < n; i++) {
    const dx = xz[2 * i]! - cx,
      dz = xz[2 * i + 1]! - cz;
    xx += dx * dx;
    xzSum += dx * dz;
    zz += dz * dz;
  }
  return 0.5 * Math.atan2(2 * xzSum, xx - zz);
}
