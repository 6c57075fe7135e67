/** Anything indexable to write numbers into (number[], Float32Array, Float64Array). */
export type Writable = { [index: number]: number };

/** Rotates v by unit quaternion q (x y z w) into out[o..o+2]. Allocation-free. */
export function rotate(q: ArrayLike<number>, vx: number, vy: number, vz: number, out: Writable, o = 0): void {
  const qx = q[0]!,
    qy = q[1]!,
    qz = q[2]!,
    qw = q[3]!;
  // t = 2 q × v; v' = v + w t + q × t
  const tx = 2 * (qy * vz - qz * vy),
    ty = 2 * (qz * vx - qx * vz),
    tz = 2 * (qx * vy - qy * vx);
  out[o] = vx + qw * tx + (qy * tz - qz * ty);
  out[o + 1] = vy + qw * ty + (qz * tx - qx * tz);
  out[o + 2] = vz + qw * tz + (qx * ty - qy * tx);
}

/** out = origin + q·local. */
export function toWorld(origin: ArrayLike<number>, q: ArrayLike<number>, lx: number, ly: number, lz: number, out: Writable, o = 0): void {
  const qx = q[0]!,
    qy = q[1]!,
    qz = q[2]!,
    qw = q[3]!;
  const tx = 2 * (qy * lz - qz * ly),
    ty = 2 * (qz * lx - qx * lz),
    tz = 2 * (qx * ly - qy * lx);
  out[o] = origin[0]! + lx + qw * tx + (qy * tz - qz * ty);
  out[o + 1] = origin[1]! + ly + qw * ty + (qz * tx - qx * tz);
  out[o + 2] = origin[2]! + lz + qw * tz + (qx * ty - qy * tx);
}

export function distance3(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number {
  const x = a[ao]! - b[bo]!,
    y = a[ao + 1]! - b[bo + 1]!,
    z = a[ao + 2]! - b[bo + 2]!;
  return Math.sqrt(x * x + y * y + z * z);
}

/** out = a ⊗ b (quaternions x y z w). out may alias neither a nor b. */
export function mulQuat(a: ArrayLike<number>, b: ArrayLike<number>, out: Writable, o = 0): void {
  const ax = a[0]!,
    ay = a[1]!,
    az = a[2]!,
    aw = a[3]!;
  const bx = b[0]!,
    by = b[1]!,
    bz = b[2]!,
    bw = b[3]!;
  out[o] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[o + 3] = aw * bw - ax * bx - ay * by - az * bz;
}
