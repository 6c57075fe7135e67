/**
 * The per-tick input log, packed for storage: every number kept as a float64 (so the attempt replays bit
 * for bit), identical consecutive ticks stored once with a repeat count, instrument ids as indices into a
 * small table. A mouse-driven attempt changes its input once per rendered frame, not per tick, so runs are
 * common; an idle stretch costs one record.
 */
import { HANDS, type ToolInput } from '../../core/kernel/input.ts';

export const INPUT_LOG_FORMAT = 'scrub-input-log/1';
/** Numbers per hand: position xyz, orientation xyzw, jaw, buttons, instrument index (−1: none). */
const PER_HAND = 10;
const PER_TICK = PER_HAND * HANDS.length;

export interface PackedInputLog {
  format: typeof INPUT_LOG_FORMAT;
  ticks: number;
  /** Instrument ids the records refer to by index. */
  instruments: string[];
  /** Distinct consecutive records, PER_TICK numbers each, hands in HANDS order. */
  records: Float64Array;
  /** How many ticks each record lasts. */
  runs: Uint32Array;
}

export function packInputLog(log: readonly ToolInput[]): PackedInputLog {
  const instruments: string[] = [];
  const indexOf = (id: string | null): number => {
    if (id === null) return -1;
    let i = instruments.indexOf(id);
    if (i < 0) i = instruments.push(id) - 1;
    return i;
  };
  const records: number[] = [];
  const runs: number[] = [];
  const row = new Float64Array(PER_TICK);
  for (const input of log) {
    HANDS.forEach((hand, h) => {
      const { pose, jaw, buttons, instrument } = input.hands[hand];
      row.set([...pose.position, ...pose.orientation, jaw, buttons, indexOf(instrument)], h * PER_HAND);
    });
    const last = records.length - PER_TICK;
    if (last >= 0 && sameRow(records, last, row)) runs[runs.length - 1]!++;
    else {
      for (const v of row) records.push(v);
      runs.push(1);
    }
  }
  return { format: INPUT_LOG_FORMAT, ticks: log.length, instruments, records: Float64Array.from(records), runs: Uint32Array.from(runs) };
}

export function unpackInputLog(packed: PackedInputLog): ToolInput[] {
  if (packed.format !== INPUT_LOG_FORMAT) throw new Error(`unknown input log format ${String(packed.format)}`);
  const log: ToolInput[] = [];
  packed.runs.forEach((run, r) => {
    for (let k = 0; k < run; k++) log.push(inputAt(packed, r * PER_TICK));
  });
  return log;
}

/** The positions of one hand's tip, xyz per tick, thinned to at most `maxPoints` (for the path view). */
export function tipPath(packed: PackedInputLog, hand: (typeof HANDS)[number], maxPoints: number): Float32Array {
  const h = HANDS.indexOf(hand) * PER_HAND;
  const points: number[] = [];
  const stride = Math.max(1, Math.ceil(packed.ticks / maxPoints));
  let tick = 0;
  packed.runs.forEach((run, r) => {
    for (let k = 0; k < run; k++, tick++) {
      if (tick % stride === 0) points.push(packed.records[r * PER_TICK + h]!, packed.records[r * PER_TICK + h + 1]!, packed.records[r * PER_TICK + h + 2]!);
    }
  });
  return Float32Array.from(points);
}

function sameRow(records: readonly number[], at: number, row: Float64Array): boolean {
  for (let i = 0; i < PER_TICK; i++) if (!Object.is(records[at + i], row[i])) return false;
  return true;
}

function inputAt(packed: PackedInputLog, at: number): ToolInput {
  const v = (i: number): number => packed.records[at + i]!;
  const hand = (h: number) => {
    const o = h * PER_HAND;
    const instrument = v(o + 9);
    return {
      pose: {
        position: [v(o), v(o + 1), v(o + 2)] as [number, number, number],
        orientation: [v(o + 3), v(o + 4), v(o + 5), v(o + 6)] as [number, number, number, number],
      },
      jaw: v(o + 7),
      buttons: v(o + 8),
      instrument: instrument < 0 ? null : (packed.instruments[instrument] ?? null),
    };
  };
  return { hands: { left: hand(0), right: hand(1) } };
}
