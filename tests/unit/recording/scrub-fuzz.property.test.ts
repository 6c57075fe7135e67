import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToolInput } from '../../../src/core/kernel/input.ts';
import { Replayer, recordInputs } from '../../../src/core/recording/replayer.ts';
import { ScrubFileError, type ScrubRecording, assembleScrub, readScrub } from '../../../src/core/recording/scrub-file.ts';
import { attemptFor, expertScript, protocol } from '../../support/experts.ts';
import { TEST_INFO, recordScript, scriptSource } from '../../support/recordings.ts';

/**
 * Damaged recordings: bytes flipped, the file cut, byte ranges and whole blocks spliced, dropped, repeated or
 * swapped, also with blocks of another recording of the same procedure. Each must be rejected with a message
 * (by the reader, or by verification naming a divergence) or replay identically. 10,000 cases by default;
 * SCRUB_FUZZ_RUNS=n for n cases; SCRUB_FUZZ_FULL=1 (the full run of every fuzzer) for 200,000.
 */
const RUNS = Number(process.env.SCRUB_FUZZ_RUNS ?? (process.env.SCRUB_FUZZ_FULL ? 200_000 : 10_000));

const A = recordScript('fls-peg-transfer', { ticks: 150, chunkTicks: 30 }).bytes;
/** Same procedure, seed and header, the hands 1 mm to the side: its chunks fit A's numbering but not A's simulation. */
const B = (() => {
  const script = expertScript('fls-peg-transfer');
  const source = scriptSource(script, 150);
  const moved = {
    ticks: source.ticks,
    inputAt: (t: number, out?: ToolInput) => {
      const input = source.inputAt(t, out);
      input.hands.left.pose.position[0] += 0.001;
      return input;
    },
  };
  return recordInputs(attemptFor(script), script.seed, moved, { ...TEST_INFO, chunkTicks: 30, endedAt: '2026-12-01T09:05:00.000Z' });
})();
const PROTOCOL = protocol('fls-peg-transfer');
const ORIGINAL = readScrub(A);
const ORIGINAL_HASH = ORIGINAL.trailer!.stateHash;

/** Start offsets of the blocks (after the 12-byte prefix), and the end. */
function blocks(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [bytes.subarray(0, 12)];
  for (let o = 12; o < bytes.length; ) {
    const n = 9 + view.getUint32(o + 1, true);
    out.push(bytes.subarray(o, o + n));
    o += n;
  }
  return out;
}
const BLOCKS_A = blocks(A);
const BLOCKS_B = blocks(B);

function same(a: ScrubRecording, b: ScrubRecording): boolean {
  const plain = (r: ScrubRecording) => JSON.stringify([r.header, r.trailer, r.events, r.instruments, r.ticks]);
  return plain(a) === plain(b) && a.input.length === b.input.length && a.input.every((v, i) => Object.is(v, b.input[i]));
}

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'cut'; length: number }
  | { kind: 'splice'; from: number; to: number; source: 'a' | 'b'; start: number; end: number }
  | { kind: 'blocks'; op: 'drop' | 'repeat' | 'swap' | 'other'; i: number; j: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(A.length - 1), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), length: fc.nat(A.length - 1) }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.nat(A.length),
    to: fc.nat(A.length),
    source: fc.constantFrom('a' as const, 'b' as const),
    start: fc.nat(A.length),
    end: fc.nat(A.length),
  }),
  fc.record({
    kind: fc.constant('blocks' as const),
    op: fc.constantFrom('drop' as const, 'repeat' as const, 'swap' as const, 'other' as const),
    i: fc.nat(BLOCKS_A.length - 1),
    j: fc.nat(BLOCKS_A.length - 1),
  }),
);

function apply(m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'flip': {
      const b = A.slice();
      b[m.at]! ^= m.mask;
      return b;
    }
    case 'cut':
      return A.slice(0, m.length);
    case 'splice': {
      const src = m.source === 'a' ? A : B;
      const [from, to] = m.from <= m.to ? [m.from, m.to] : [m.to, m.from];
      const [s, e] = m.start <= m.end ? [m.start, m.end] : [m.end, m.start];
      return assembleScrub([A.subarray(0, from), src.subarray(s, Math.min(e, src.length)), A.subarray(to)]);
    }
    case 'blocks': {
      const bs = [...BLOCKS_A];
      if (m.op === 'drop') bs.splice(m.i, 1);
      else if (m.op === 'repeat') bs.splice(m.i, 0, bs[m.i]!);
      else if (m.op === 'swap') [bs[m.i], bs[m.j]] = [bs[m.j]!, bs[m.i]!];
      else bs[m.i] = BLOCKS_B[m.i]!;
      return assembleScrub(bs);
    }
  }
}

describe('damaged recordings', () => {
  it('the two source recordings differ, and A verifies', () => {
    expect(B).not.toEqual(A);
    expect(Replayer.of(ORIGINAL, PROTOCOL).verify({ snapshotEvery: 0 }).ok).toBe(true);
  });

  it(`are rejected with a message, or replay identically (${RUNS} cases)`, () => {
    const outcomes = { rejected: 0, identical: 0, diverged: 0, replayed: 0 };
    fc.assert(
      fc.property(mutation, (m) => {
        const bytes = apply(m);
        let rec: ScrubRecording;
        try {
          rec = readScrub(bytes);
        } catch (error) {
          if (!(error instanceof ScrubFileError)) throw error;
          expect(error.message.length).toBeGreaterThan(10);
          outcomes.rejected++;
          return;
        }
        if (same(rec, ORIGINAL)) {
          outcomes.identical++;
          return;
        }
        let result: ReturnType<Replayer['verify']>;
        try {
          result = Replayer.of(rec, PROTOCOL).verify({ snapshotEvery: 0 });
        } catch (error) {
          if (!(error instanceof ScrubFileError)) throw error;
          outcomes.rejected++;
          return;
        }
        if (result.ok) {
          expect(result.stateHash).toBe(ORIGINAL_HASH);
          outcomes.replayed++;
        } else {
          expect(result.divergence!.what.length).toBeGreaterThan(10);
          outcomes.diverged++;
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.SCRUB_FUZZ_SEED ?? 20261206) },
    );
    expect(outcomes.rejected).toBeGreaterThan(RUNS * 0.9);
    expect(outcomes.diverged).toBeGreaterThan(0);
  }, 600_000);
});
