import type { Hand } from '../core/kernel/index.ts';
import type { World } from '../core/world/world.ts';
import type { ReportStep } from '../core/scoring/index.ts';
import { TICK_HZ } from '../core/kernel/index.ts';

const HANDS = ['left', 'right'] as const;
/** Per hand per entry: tip x y z, orientation x y z w, jaw. */
const PER_HAND = 8;

/** One hand's instrument as drawn: written into by `PoseTrack.pose`. */
export interface TrackPose {
  instrument: string | null;
  position: number[];
  orientation: number[];
  jaw: number;
}

export function emptyTrackPose(): TrackPose {
  return { instrument: null, position: [0, 0, 0], orientation: [0, 0, 0, 1], jaw: 0 };
}

/**
 * Both instruments' poses after every tick of a re-simulated attempt (entry i: after i ticks; entry 0: before
 * the first), with each hand's tip path so far. Kept while verifying, so the replay viewer reads the metrics
 * at any playhead, and the expert ghost its instruments and trails, without simulating again.
 */
export class PoseTrack {
  readonly data: Float32Array;
  readonly held: Int16Array;
  /** Metres of tip travel with an instrument held, up to each entry, per hand. */
  readonly path: Record<Hand, Float64Array>;
  /** Entries written so far. */
  written = 0;

  constructor(
    /** Entries: ticks + 1. */
    readonly length: number,
    readonly instruments: readonly string[],
  ) {
    this.data = new Float32Array(length * 2 * PER_HAND);
    this.held = new Int16Array(length * 2).fill(-1);
    this.path = { left: new Float64Array(length), right: new Float64Array(length) };
  }

  /** Writes the world's instruments as entry `i` (i = the world's ticks). */
  write(i: number, world: World): void {
    if (i < 0 || i >= this.length) return;
    HANDS.forEach((hand, h) => {
      const s = world.hands[hand];
      const o = (i * 2 + h) * PER_HAND;
      const d = this.data;
      d[o] = s.tip[0];
      d[o + 1] = s.tip[1];
      d[o + 2] = s.tip[2];
      d[o + 3] = s.orientation[0];
      d[o + 4] = s.orientation[1];
      d[o + 5] = s.orientation[2];
      d[o + 6] = s.orientation[3];
      d[o + 7] = s.jaw;
      this.held[i * 2 + h] = s.instrument === null ? -1 : this.instruments.indexOf(s.instrument);
      const path = this.path[hand];
      if (i === 0) path[0] = 0;
      else {
        const p = o - 2 * PER_HAND;
        const moved = s.instrument === null ? 0 : Math.hypot(d[o]! - d[p]!, d[o + 1]! - d[p + 1]!, d[o + 2]! - d[p + 2]!);
        path[i] = path[i - 1]! + moved;
      }
    });
    this.written = Math.max(this.written, i + 1);
  }

  /** Entry `i` (clamped) of a hand, into `out`. */
  pose(i: number, hand: Hand, out: TrackPose): TrackPose {
    const e = Math.max(0, Math.min(this.written - 1, Math.round(i)));
    const h = hand === 'left' ? 0 : 1;
    const o = (e * 2 + h) * PER_HAND;
    const d = this.data;
    out.position[0] = d[o]!;
    out.position[1] = d[o + 1]!;
    out.position[2] = d[o + 2]!;
    out.orientation[0] = d[o + 3]!;
    out.orientation[1] = d[o + 4]!;
    out.orientation[2] = d[o + 5]!;
    out.orientation[3] = d[o + 6]!;
    out.jaw = d[o + 7]!;
    const k = this.held[e * 2 + h]!;
    out.instrument = k < 0 ? null : (this.instruments[k] ?? null);
    return out;
  }

  /** The tip's position at entry `i` (clamped), into `out` from `at`. */
  tip(i: number, hand: Hand, out: Float32Array, at: number): void {
    const e = Math.max(0, Math.min(this.written - 1, i));
    const o = (e * 2 + (hand === 'left' ? 0 : 1)) * PER_HAND;
    out[at] = this.data[o]!;
    out[at + 1] = this.data[o + 1]!;
    out[at + 2] = this.data[o + 2]!;
  }

  /** Metres of tip travel up to entry `i`. */
  pathTo(i: number, hand: Hand): number {
    return this.path[hand][Math.max(0, Math.min(this.written - 1, i))]!;
  }

  /** Tip speed at entry `i`, m/s, over the quarter second before it. */
  speedAt(i: number, hand: Hand): number {
    const window = TICK_HZ / 4;
    const to = Math.max(0, Math.min(this.written - 1, i));
    const from = Math.max(0, to - window);
    return to === from ? 0 : ((this.pathTo(to, hand) - this.pathTo(from, hand)) * TICK_HZ) / (to - from);
  }
}

/**
 * The expert's time (s) to show beside the trainee's time `t` (s), aligned step by step: the expert's step k
 * starts when the trainee's step k starts; within a step both run at their own pace, the expert waiting at the
 * end of its step (the start of its next) if it is done sooner. Steps are matched by id, in order of start (a
 * repeated step: its n-th start with the other's n-th). Before the first matched step, and where the trainee
 * has a step the expert lacks, the expert keeps to the last matched step's clock.
 */
export function alignedExpertTime(trainee: readonly ReportStep[], expert: readonly ReportStep[], t: number, expertEnd: number): number {
  const byStart = (steps: readonly ReportStep[]): ReportStep[] => steps.filter((s) => s.start !== null).sort((a, b) => a.start! - b.start!);
  const mine = byStart(trainee);
  const theirs = byStart(expert);
  const used = new Set<ReportStep>();
  let anchor: { mine: number; theirs: number; next: number } | null = null;
  for (const s of mine) {
    if (s.start! > t) break;
    const match = theirs.find((e) => e.id === s.id && !used.has(e));
    if (!match) continue;
    used.add(match);
    const after = theirs.find((e) => e.start! > match.start!);
    anchor = { mine: s.start!, theirs: match.start!, next: after?.start ?? match.end ?? expertEnd };
  }
  if (!anchor) {
    const first = theirs[0]?.start ?? expertEnd;
    return Math.max(0, Math.min(t, first, expertEnd));
  }
  return Math.max(0, Math.min(anchor.theirs + (t - anchor.mine), Math.max(anchor.next, anchor.theirs), expertEnd));
}
