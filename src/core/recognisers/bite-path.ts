/**
 * A bite measured over the needle point's whole path through the skin, not from single samples, so a
 * hand's tremor (8–12 Hz, ±0.5–1 mm) does not decide it:
 *
 * - the entry is the mean of the point's positions over its first `FIT_TICKS` in the skin, the exit the
 *   mean over its last `FIT_TICKS` before it came out: one tremor period (0.1 s at 120 Hz) averages a
 *   tremor cycle away, and a point going straight in or out stays over where it went in or came out;
 * - the depth is the upper quartile of the point's depth over the path: the depth the bite held for a
 *   quarter of its length, which one deep (or shallow) sample does not move; the same on each side of
 *   the wound gives the depth of each half of the bite;
 * - the point coming back out within `WITHDRAW_DISTANCE` of the hole it went in by, on the same side of
 *   the wound, has backed out of its own hole, not crossed the wound: the bite waits for it to go back in
 *   there (a wobble at the surface is not a new bite).
 *
 * Plain data (the recognisers' state is JSON).
 */
import { woundCoordinates, type Point } from './geometry.ts';

/** Ticks the entry and the exit are averaged over (0.1 s: one period of 10 Hz tremor). */
export const FIT_TICKS = 12;
/**
 * The point back out this near its own hole (m), on its side of the wound, has withdrawn. A puncture is
 * placed at the skin particle nearest the point (2.5–3 mm apart on the pad), so two punctures through one
 * hole can be a particle apart, and a trembling hand moves the point ±1–2 mm as well; a real bite's far
 * side is across the wound, which the side check keeps apart whatever the distance.
 */
export const WITHDRAW_DISTANCE = 0.004;
/** The bite's depth: this quantile of the point's depth along the path. */
const DEPTH_QUANTILE = 0.75;

export interface BitePath {
  /** Where the point pierced the skin (x y z, m). */
  hole: number[];
  /** Sum of the point's positions over its first ticks in the skin (x y z), and how many ticks. */
  entrySum: number[];
  entryTicks: number;
  /** The point's last `FIT_TICKS` positions in the skin, oldest overwritten first (x y z each). */
  recent: number[];
  /** Ticks sampled in the skin so far. */
  ticks: number;
  /** The point's depth below the surface at each tick in the skin (m). */
  depths: number[];
  /** At each tick, which side of the wound the point was on: 1 the entry's side, −1 the far side, 0 no wound. */
  sides: number[];
  /** Backed out through its own hole; the bite goes on if it goes back in there. */
  withdrawn: boolean;
}

export function startBite(hole: readonly number[]): BitePath {
  return { hole: [hole[0]!, hole[1]!, hole[2]!], entrySum: [0, 0, 0], entryTicks: 0, recent: [], ticks: 0, depths: [], sides: [], withdrawn: false };
}

/** One tick of the point in the skin, `depth` below its surface, on `side` of the wound (1 the entry's, −1 the far one, 0 no wound). */
export function sampleBite(bite: BitePath, point: readonly number[], depth: number, side: number): void {
  if (bite.withdrawn) return;
  if (bite.entryTicks < FIT_TICKS) {
    for (let k = 0; k < 3; k++) bite.entrySum[k]! += point[k]!;
    bite.entryTicks++;
  }
  const slot = 3 * (bite.ticks % FIT_TICKS);
  for (let k = 0; k < 3; k++) bite.recent[slot + k] = point[k]!;
  bite.ticks++;
  bite.depths.push(depth);
  bite.sides.push(side);
}

/** Whether the entry has been sampled long enough to be fitted. */
export function entryFitted(bite: BitePath): boolean {
  return bite.entryTicks >= FIT_TICKS;
}

/** The fitted entry (the hole itself before any tick in the skin was sampled). */
export function biteEntry(bite: BitePath): Point {
  const n = bite.entryTicks;
  if (n === 0) return [bite.hole[0]!, bite.hole[1]!, bite.hole[2]!];
  return [bite.entrySum[0]! / n, bite.entrySum[1]! / n, bite.entrySum[2]! / n];
}

/** The fitted exit: the mean of the last positions in the skin (`fallback` before any). */
export function biteExit(bite: BitePath, fallback: readonly number[]): Point {
  const n = Math.min(bite.ticks, FIT_TICKS);
  if (n === 0) return [fallback[0]!, fallback[1]!, fallback[2]!];
  const sum = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) sum[k]! += bite.recent[3 * i + k]!;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** The bite's depth (m): the upper quartile of the point's depth along its path. */
export function biteDepth(bite: BitePath): number {
  if (bite.depths.length === 0) return 0;
  return upperQuartile(bite.depths);
}

/**
 * The bite's depth on one side of the wound (1 the entry's, −1 the far side; m), as `biteDepth` over that
 * side's part of the path; null where the point spent under `FIT_TICKS` there (too few to judge by).
 */
export function biteDepthOnSide(bite: BitePath, side: 1 | -1): number | null {
  const depths = bite.depths.filter((_, i) => bite.sides[i] === side);
  return depths.length < FIT_TICKS ? null : upperQuartile(depths);
}

function upperQuartile(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(DEPTH_QUANTILE * sorted.length))]!;
}

/** Whether the point, out of (or back into) the skin at `point`, is at the bite's own hole: near it, on its side of the wound. */
export function atHole(bite: BitePath, point: readonly number[], wound: { start: Point; end: Point } | undefined): boolean {
  if (Math.hypot(point[0]! - bite.hole[0]!, point[2]! - bite.hole[2]!) > WITHDRAW_DISTANCE) return false;
  if (!wound) return true;
  return woundCoordinates(wound, point).across * woundCoordinates(wound, bite.hole).across >= 0;
}
