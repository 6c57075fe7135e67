/** A tracked tip as columns: times in seconds (strictly increasing), positions in metres. */
export interface Track {
  t: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z: ArrayLike<number>;
  /** Per sample: was the tip inside the camera's view (default: always). */
  inView?: ArrayLike<boolean>;
  /** Per sample: contact force on the tip, N (default: 0). */
  force?: ArrayLike<number>;
  /**
   * Per sample: true where it does not follow from the sample before (a tool change, an empty hand, tracking
   * regained, recentring): the interval that ends at it is a gap, not motion (default: none).
   */
  gap?: ArrayLike<boolean>;
}

/** Throws, naming the first sample, if the columns differ in length, hold a non-finite value or time goes back. */
export function assertValidTrack(track: Track): void {
  const n = track.t.length;
  for (const [name, column] of [
    ['x', track.x],
    ['y', track.y],
    ['z', track.z],
    ['inView', track.inView],
    ['force', track.force],
    ['gap', track.gap],
  ] as const) {
    if (column && column.length !== n) throw new Error(`track column ${name} has ${column.length} samples, t has ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (![track.t[i], track.x[i], track.y[i], track.z[i]].every(Number.isFinite)) {
      throw new Error(`track sample ${i} has a non-finite value`);
    }
    if (i > 0 && !(track.t[i]! > track.t[i - 1]!)) throw new Error(`track sample ${i}: time does not increase`);
  }
}

/** The samples with start ≤ t ≤ end (a step, or the protocol's timed window). */
export function sliceTrack(track: Track, start: number, end: number): Track {
  const keep: number[] = [];
  for (let i = 0; i < track.t.length; i++) if (track.t[i]! >= start && track.t[i]! <= end) keep.push(i);
  const pick = <T>(col: ArrayLike<T>): T[] => keep.map((i) => col[i]!);
  const sliced: Track = { t: pick(track.t), x: pick(track.x), y: pick(track.y), z: pick(track.z) };
  if (track.inView) sliced.inView = pick(track.inView);
  if (track.force) sliced.force = pick(track.force);
  if (track.gap) sliced.gap = pick(track.gap);
  return sliced;
}

/** Samples per second from the time column: (N − 1) / (t_last − t_first). Null below 2 samples. */
export function sampleRate(t: ArrayLike<number>): number | null {
  const n = t.length;
  if (n < 2) return null;
  return (n - 1) / (t[n - 1]! - t[0]!);
}

/** Speed per interval, the forward difference ‖p[i+1] − p[i]‖ / (t[i+1] − t[i]): N − 1 values. */
export function speeds(track: Track): Float64Array {
  const n = Math.max(0, track.t.length - 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = stepLength(track, i) / (track.t[i + 1]! - track.t[i]!);
  return v;
}

/**
 * Speed of the tip's motion per interval: the forward difference, NaN where the interval is a gap (the track's
 * `gap` flag, or faster than `jumpSpeed`: a jump, not motion). N − 1 values.
 */
export function motionSpeeds(track: Track, jumpSpeed: number): Float64Array {
  const v = speeds(track);
  for (let i = 0; i < v.length; i++) if (track.gap?.[i + 1] || isJump(v[i]!, jumpSpeed)) v[i] = Number.NaN;
  return v;
}

/** A sample-to-sample speed that no hand moves at: the tip jumped. */
export function isJump(speed: number, jumpSpeed: number): boolean {
  return speed > jumpSpeed;
}

/** The speeds of motion only (gaps, NaN, left out), one segment after another: the profile smoothness is measured on. */
export function motionOnly(v: Float64Array): Float64Array {
  return v.some(Number.isNaN) ? v.filter((s) => !Number.isNaN(s)) : v;
}

/** ‖p[i+1] − p[i]‖. */
export function stepLength(track: Track, i: number): number {
  return Math.hypot(track.x[i + 1]! - track.x[i]!, track.y[i + 1]! - track.y[i]!, track.z[i + 1]! - track.z[i]!);
}

/** PL = Σ ‖p[i+1] − p[i]‖ over the intervals that are not gaps. */
export function pathLength(track: Track): number {
  let sum = 0;
  for (let i = 0; i + 1 < track.t.length; i++) if (!track.gap?.[i + 1]) sum += stepLength(track, i);
  return sum;
}
