/**
 * Motion metrics of one tip over a whole track (batch). The streaming {@link MotionAccumulator} gives
 * the same numbers tick by tick; this version is the readable definition and serves files and tests.
 */
import { type MotionOptions, type MotionOptionsInput, type MovementOptions, motionOptions } from './options.ts';
import { logDimensionlessJerk, spectralArcLength } from './smoothness.ts';
import { type Track, assertValidTrack, motionOnly, motionSpeeds, sampleRate, stepLength } from './track.ts';

export interface MotionMetrics {
  samples: number;
  /** t_last − t_first, s. */
  duration: number;
  /** From the time column, Hz; null below 2 samples. */
  sampleRate: number | null;
  pathLength: number;
  movements: number;
  /** Idle intervals / sample rate, s (speed ≤ idleSpeed). */
  idleTime: number;
  /** Idle intervals / all intervals. */
  idleRatio: number;
  meanSpeed: number;
  peakSpeed: number;
  ldlj: number | null;
  sparc: number | null;
  /** Path length / the expert's: 1 = as economical as the expert, 2 = twice the travel. */
  economyRatio: number | null;
  /** Travel along the instrument shaft, Σ |Δ‖p − trocar‖|, m; null without a trocar. */
  depthPerception: number | null;
  outOfViewTime: number;
  /** Runs of consecutive out-of-view samples. */
  outOfViewEpisodes: number;
  /** Runs of consecutive samples with force above the threshold. */
  forceEvents: number;
  forceOverTime: number;
  peakForce: number;
  /** Whether the view and force figures were measured (fed per sample), or are only their defaults. */
  measured: { view: boolean; force: boolean };
}

export function motionMetrics(track: Track, input: MotionOptionsInput | MotionOptions = {}): MotionMetrics {
  assertValidTrack(track);
  const options = motionOptions(input);
  const n = track.t.length;
  const fs = sampleRate(track.t);
  // Gaps (tool changes, empty hands, jumps) are NaN: no path, no speed, no idle time.
  const v = motionSpeeds(track, options.jumpSpeed);
  let idle = 0;
  let sum = 0;
  let peak = 0;
  let moving = 0;
  let pl = 0;
  for (let i = 0; i < v.length; i++) {
    const s = v[i]!;
    if (Number.isNaN(s)) continue;
    moving++;
    pl += stepLength(track, i);
    if (s <= options.idleSpeed) idle++;
    sum += s;
    peak = Math.max(peak, s);
  }
  const smooth = motionOnly(v);
  const view = outOfView(track);
  const force = forceEpisodes(track, options.forceThreshold);
  return {
    samples: n,
    duration: n > 0 ? track.t[n - 1]! - track.t[0]! : 0,
    sampleRate: fs,
    pathLength: pl,
    movements: countMovements(v, track.t, options.movement),
    idleTime: fs ? idle / fs : 0,
    idleRatio: moving ? idle / moving : 0,
    meanSpeed: moving ? sum / moving : 0,
    peakSpeed: peak,
    ldlj: fs ? logDimensionlessJerk(smooth, fs) : null,
    sparc: fs ? spectralArcLength(smooth, fs, options.sparc) : null,
    economyRatio: options.expertPathLength ? pl / options.expertPathLength : null,
    depthPerception: options.trocar ? depthTravel(track, options.trocar, v) : null,
    outOfViewTime: view.time,
    outOfViewEpisodes: view.episodes,
    forceEvents: force.episodes,
    forceOverTime: force.time,
    peakForce: force.peak,
    measured: { view: track.inView !== undefined, force: track.force !== undefined },
  };
}

/**
 * Number of movements (ICSAD-like): the speed through a causal one-pole low-pass; a movement starts when
 * it rises above startSpeed and ends when it falls below stopSpeed; it counts if it lasted minDuration.
 * Interval i (speed v[i]) spans t[i] → t[i+1]. A gap (NaN) ends the movement in progress; the filter
 * starts afresh after it.
 */
export function countMovements(v: ArrayLike<number>, t: ArrayLike<number>, options: MovementOptions): number {
  const rc = 1 / (2 * Math.PI * options.filterHz);
  let filtered = 0;
  let moving = false;
  let movingTime = 0;
  let count = 0;
  let fresh = true;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) {
      if (moving && movingTime >= options.minDuration) count++;
      moving = false;
      fresh = true;
      continue;
    }
    const dt = t[i + 1]! - t[i]!;
    filtered = fresh ? v[i]! : filtered + (dt / (rc + dt)) * (v[i]! - filtered);
    fresh = false;
    if (!moving && filtered > options.startSpeed) {
      moving = true;
      movingTime = 0;
    }
    if (moving) {
      movingTime += dt;
      if (filtered < options.stopSpeed) {
        moving = false;
        if (movingTime >= options.minDuration) count++;
      }
    }
  }
  if (moving && movingTime >= options.minDuration) count++;
  return count;
}

/** TrEndo-style depth perception: total travel of the insertion depth ‖p − trocar‖, gaps (NaN in `v`) left out. */
export function depthTravel(track: Track, trocar: readonly [number, number, number], v?: ArrayLike<number>): number {
  let sum = 0;
  let previous = 0;
  for (let i = 0; i < track.t.length; i++) {
    const d = Math.hypot(track.x[i]! - trocar[0], track.y[i]! - trocar[1], track.z[i]! - trocar[2]);
    if (i > 0 && !Number.isNaN(v?.[i - 1] ?? 0)) sum += Math.abs(d - previous);
    previous = d;
  }
  return sum;
}

/** Time (intervals starting out of view) and episodes (runs of out-of-view samples). */
export function outOfView(track: Track): { time: number; episodes: number } {
  const flags = track.inView;
  let time = 0;
  let episodes = 0;
  if (!flags) return { time, episodes };
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]) continue;
    if (i === 0 || flags[i - 1]) episodes++;
    if (i + 1 < flags.length) time += track.t[i + 1]! - track.t[i]!;
  }
  return { time, episodes };
}

/** Runs of samples with force above the threshold, the time they span (by interval start) and the peak force. */
export function forceEpisodes(track: Track, threshold: number): { episodes: number; time: number; peak: number } {
  const f = track.force;
  let episodes = 0;
  let time = 0;
  let peak = 0;
  if (!f) return { episodes, time, peak };
  for (let i = 0; i < f.length; i++) {
    peak = Math.max(peak, f[i]!);
    if (!(f[i]! > threshold)) continue;
    if (i === 0 || !(f[i - 1]! > threshold)) episodes++;
    if (i + 1 < f.length) time += track.t[i + 1]! - track.t[i]!;
  }
  return { episodes, time, peak };
}
