/**
 * Streaming motion metrics: the simulation pushes each tip's sample every tick. `push` does a fixed amount
 * of work and allocates nothing (the speed buffer, kept for the smoothness metrics, doubles in size
 * when full: a handful of times per attempt). `result()` equals {@link motionMetrics} on the same samples.
 * `gap()` before a push says the sample does not follow from the one before (a new instrument, an empty
 * hand, tracking regained): like the track's `gap` column, the interval is no motion (its speed is NaN).
 */
import type { MotionMetrics } from './motion.ts';
import { type MotionOptions, type MotionOptionsInput, motionOptions } from './options.ts';
import { logDimensionlessJerk, spectralArcLength } from './smoothness.ts';
import { isJump, motionOnly } from './track.ts';

interface Counters {
  samples: number;
  firstT: number;
  lastT: number;
  last: [number, number, number];
  pathLength: number;
  /** The next sample starts a new segment. */
  gapNext: boolean;
  /** Intervals that were motion (not gaps). */
  moving: number;
  idle: number;
  speedSum: number;
  peakSpeed: number;
  filtered: number;
  /** The movement filter starts afresh at the next motion interval (the first, or after a gap). */
  filterFresh: boolean;
  inMovement: boolean;
  movingTime: number;
  movements: number;
  trocar: [number, number, number] | null;
  depthPrevious: number | null;
  depth: number;
  lastInView: boolean;
  outOfViewTime: number;
  outOfViewEpisodes: number;
  lastForceOver: boolean;
  forceOverTime: number;
  forceEvents: number;
  peakForce: number;
  viewMeasured: boolean;
  forceMeasured: boolean;
}

/** Plain-data state, for simulation snapshots: speeds of gaps are null (JSON has no NaN). */
export type MotionAccumulatorState = Counters & { speeds: (number | null)[] };

/** About ten minutes at 120 Hz before the first growth. */
const INITIAL_CAPACITY = 1 << 16;

export class MotionAccumulator {
  readonly options: MotionOptions;
  private speedBuffer = new Float64Array(INITIAL_CAPACITY);
  private s: Counters;

  constructor(options: MotionOptionsInput | MotionOptions = {}) {
    this.options = motionOptions(options);
    this.s = this.emptyState();
  }

  reset(): void {
    this.s = this.emptyState();
  }

  get samples(): number {
    return this.s.samples;
  }

  /** Time of the first sample, s (0 before any). */
  get startTime(): number {
    return this.s.firstT;
  }

  /** Path length so far, m: step splits subtract its value at the step's start from the value at its end. */
  get pathLength(): number {
    return this.s.pathLength;
  }

  /** Movements finished so far (step splits, like the path length). */
  get movements(): number {
    return this.s.movements;
  }

  /** Speeds so far, NaN for a gap (a view into the buffer: valid until the next push). */
  get speeds(): Float64Array {
    return this.speedBuffer.subarray(0, Math.max(0, this.s.samples - 1));
  }

  /** The trocar the instrument now pivots on (null: not laparoscopic). Depth travel restarts from the next sample. */
  setTrocar(trocar: readonly [number, number, number] | null): void {
    this.s.trocar = trocar ? [trocar[0], trocar[1], trocar[2]] : null;
    this.s.depthPrevious = null;
  }

  /** The next sample does not follow from the last: the interval up to it is a gap, not motion. */
  gap(): void {
    this.s.gapNext = true;
  }

  /** One sample; `inView` and `force` left out are not measured (reported as such), and count as in view, no force. */
  push(t: number, x: number, y: number, z: number, inView?: boolean, force?: number): void {
    const s = this.s;
    if (inView !== undefined) s.viewMeasured = true;
    if (force !== undefined) s.forceMeasured = true;
    const visible = inView ?? true;
    const pressing = force ?? 0;
    let gap = false;
    if (!(Number.isFinite(t) && Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
      throw new Error(`motion sample ${s.samples} has a non-finite value`);
    }
    if (s.samples > 0) {
      if (!(t > s.lastT)) throw new Error(`motion sample ${s.samples}: time does not increase`);
      const dt = t - s.lastT;
      const step = Math.hypot(x - s.last[0], y - s.last[1], z - s.last[2]);
      const i = s.samples - 1;
      if (i >= this.speedBuffer.length) this.grow();
      gap = s.gapNext || isJump(step / dt, this.options.jumpSpeed);
      const v = gap ? Number.NaN : step / dt;
      this.speedBuffer[i] = v;
      if (gap) this.endSegment();
      else {
        s.moving++;
        s.pathLength += step;
        if (v <= this.options.idleSpeed) s.idle++;
        s.speedSum += v;
        s.peakSpeed = Math.max(s.peakSpeed, v);
        this.countMovement(v, dt);
      }
      if (!s.lastInView) s.outOfViewTime += dt;
      if (s.lastForceOver) s.forceOverTime += dt;
    } else {
      s.firstT = t;
    }
    s.gapNext = false;
    if (!visible && (s.samples === 0 || s.lastInView)) s.outOfViewEpisodes++;
    const over = pressing > this.options.forceThreshold;
    if (over && (s.samples === 0 || !s.lastForceOver)) s.forceEvents++;
    s.peakForce = Math.max(s.peakForce, pressing);
    if (s.trocar) {
      const d = Math.hypot(x - s.trocar[0], y - s.trocar[1], z - s.trocar[2]);
      if (s.depthPrevious !== null && !gap) s.depth += Math.abs(d - s.depthPrevious);
      s.depthPrevious = d;
    }
    s.lastInView = visible;
    s.lastForceOver = over;
    s.lastT = t;
    s.last[0] = x;
    s.last[1] = y;
    s.last[2] = z;
    s.samples++;
  }

  result(): MotionMetrics {
    const s = this.s;
    const intervals = Math.max(0, s.samples - 1);
    const fs = s.samples >= 2 ? intervals / (s.lastT - s.firstT) : null;
    const v = motionOnly(this.speeds);
    const movements = s.movements + (s.inMovement && s.movingTime >= this.options.movement.minDuration ? 1 : 0);
    return {
      samples: s.samples,
      duration: s.samples > 0 ? s.lastT - s.firstT : 0,
      sampleRate: fs,
      pathLength: s.pathLength,
      movements,
      idleTime: fs ? s.idle / fs : 0,
      idleRatio: s.moving ? s.idle / s.moving : 0,
      meanSpeed: s.moving ? s.speedSum / s.moving : 0,
      peakSpeed: s.peakSpeed,
      ldlj: fs ? logDimensionlessJerk(v, fs) : null,
      sparc: fs ? spectralArcLength(v, fs, this.options.sparc) : null,
      economyRatio: this.options.expertPathLength ? s.pathLength / this.options.expertPathLength : null,
      depthPerception: s.trocar || s.depth > 0 ? s.depth : null,
      outOfViewTime: s.outOfViewTime,
      outOfViewEpisodes: s.outOfViewEpisodes,
      forceEvents: s.forceEvents,
      forceOverTime: s.forceOverTime,
      peakForce: s.peakForce,
      measured: { view: s.viewMeasured, force: s.forceMeasured },
    };
  }

  save(): MotionAccumulatorState {
    const s = this.s;
    return {
      ...s,
      speeds: Array.from(this.speeds, (v) => (Number.isNaN(v) ? null : v)),
      last: [...s.last],
      trocar: s.trocar ? [...s.trocar] : null,
    };
  }

  load(state: MotionAccumulatorState): void {
    const { speeds, ...counters } = state;
    let capacity = INITIAL_CAPACITY;
    while (capacity < speeds.length) capacity *= 2;
    this.speedBuffer = new Float64Array(capacity);
    this.speedBuffer.set(speeds.map((v) => v ?? Number.NaN));
    this.s = { ...counters, last: [...counters.last], trocar: counters.trocar ? [...counters.trocar] : null };
  }

  /** Same rule as {@link countMovements}, one motion interval at a time. */
  private countMovement(v: number, dt: number): void {
    const s = this.s;
    const m = this.options.movement;
    const rc = 1 / (2 * Math.PI * m.filterHz);
    s.filtered = s.filterFresh ? v : s.filtered + (dt / (rc + dt)) * (v - s.filtered);
    s.filterFresh = false;
    if (!s.inMovement && s.filtered > m.startSpeed) {
      s.inMovement = true;
      s.movingTime = 0;
    }
    if (s.inMovement) {
      s.movingTime += dt;
      if (s.filtered < m.stopSpeed) {
        s.inMovement = false;
        if (s.movingTime >= m.minDuration) s.movements++;
      }
    }
  }

  /** A gap: the movement in progress ends there, and the filter starts afresh after it. */
  private endSegment(): void {
    const s = this.s;
    if (s.inMovement && s.movingTime >= this.options.movement.minDuration) s.movements++;
    s.inMovement = false;
    s.filterFresh = true;
  }

  private grow(): void {
    const bigger = new Float64Array(this.speedBuffer.length * 2);
    bigger.set(this.speedBuffer);
    this.speedBuffer = bigger;
  }

  private emptyState(): Counters {
    const trocar = this.options.trocar;
    return {
      samples: 0,
      firstT: 0,
      lastT: 0,
      last: [0, 0, 0],
      pathLength: 0,
      gapNext: false,
      moving: 0,
      idle: 0,
      speedSum: 0,
      peakSpeed: 0,
      filtered: 0,
      filterFresh: true,
      inMovement: false,
      movingTime: 0,
      movements: 0,
      trocar: trocar ? [trocar[0], trocar[1], trocar[2]] : null,
      depthPrevious: null,
      depth: 0,
      lastInView: true,
      outOfViewTime: 0,
      outOfViewEpisodes: 0,
      lastForceOver: false,
      forceOverTime: 0,
      forceEvents: 0,
      peakForce: 0,
      viewMeasured: false,
      forceMeasured: false,
    };
  }
}
