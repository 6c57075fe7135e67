import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { recordInputs } from '../../../src/core/recording/replayer.ts';
import { SCRUB_FORMAT_VERSION, type ScrubReview, readScrub, scrubBlock as block, withReview } from '../../../src/core/recording/scrub-file.ts';
import { attemptFor, expertScript } from '../../support/experts.ts';
import { expectScrubError } from '../../support/scrub-errors.ts';

const V1 = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/recordings/v1-lap-chole-cvs.cut-unclipped.scrub')));

function recorded(): Uint8Array {
  const script = expertScript('fls-peg-transfer');
  const player = new KeyframePlayer(script);
  return recordInputs(
    attemptFor(script),
    script.seed,
    { ticks: 120, inputAt: (t, out) => player.inputAt(t, out) },
    { app: { name: 'scrub', version: 'test' }, learner: 'Ada', handedness: null, inputKind: 'mouse', startedAt: null, endedAt: null },
  );
}

const REVIEW: ScrubReview = {
  verdicts: [
    {
      reviewer: 'Dr Okafor',
      atMs: 1_700_000_000_000,
      decision: 'overridden',
      score: 88,
      findings: [{ index: 0, code: 'drop-in-view', t: 0.5, verdict: 'dismissed', reason: 'The ring was set down, not dropped.' }],
      reason: 'Set down on purpose.',
    },
  ],
  annotations: [{ id: 'n1', t: 0.5, text: 'Lift higher here.', author: 'Dr Okafor', atMs: 1_700_000_000_001, pin: [0.01, 0.92, -0.02] }],
};

describe('the review block of an exported .scrub', () => {
  const bytes = recorded();

  it('is appended after the trailer: the recording reads the same, with its review', () => {
    const plain = readScrub(bytes);
    expect(plain.formatVersion).toBe(SCRUB_FORMAT_VERSION);
    expect(plain.review).toBeNull();
    expect(plain.recordingBytes).toBe(bytes.length);

    const file = withReview(bytes, REVIEW);
    expect(file.subarray(0, bytes.length)).toEqual(bytes);
    const rec = readScrub(file);
    expect(rec.review).toEqual(REVIEW);
    expect(rec.recordingBytes).toBe(bytes.length);
    expect(rec.ticks).toBe(plain.ticks);
    expect(rec.trailer).toEqual(plain.trailer);
    expect(rec.events).toEqual(plain.events);
  });

  it('replaces an earlier review, and an empty review leaves the recording alone', () => {
    const once = withReview(bytes, REVIEW);
    const changed = { ...REVIEW, annotations: [] };
    expect(readScrub(withReview(once, changed)).review).toEqual(changed);
    expect(withReview(once, { verdicts: [], annotations: [] })).toEqual(bytes);
    expect(withReview(once, null)).toEqual(bytes);
  });

  it('turns a version-1 file into version 2, its chunks and trailer byte for byte', () => {
    const file = withReview(V1, REVIEW);
    const before = readScrub(V1);
    const after = readScrub(file);
    expect(after.formatVersion).toBe(2);
    expect(after.header).toEqual({ ...before.header, formatVersion: 2 });
    expect(after.input).toEqual(before.input);
    expect(after.events).toEqual(before.events);
    expect(after.trailer).toEqual(before.trailer);
    expect(after.review).toEqual(REVIEW);
    const rest = V1.subarray(headerEnd(V1));
    expect(file.subarray(headerEnd(file), headerEnd(file) + rest.length)).toEqual(rest);
  });

  it('is refused where it does not belong, damaged or not a review', () => {
    const file = withReview(bytes, REVIEW);
    const reviewAt = bytes.length;
    const damaged = file.slice();
    damaged[reviewAt + 20]! ^= 0x01;
    expectScrubError(() => readScrub(damaged), 'checksum', /the review \(byte \d+\) is damaged/);

    // In a version-1 file there is no such block.
    const v1 = file.slice();
    v1[8] = 1;
    expectScrubError(() => readScrub(v1), 'malformed', /header says format version 4|unknown block kind 82/);

    // Twice, or before the trailer.
    const reviewBlock = file.subarray(reviewAt);
    const twice = new Uint8Array([...file, ...reviewBlock]);
    expectScrubError(() => readScrub(twice), 'malformed', /the review \(byte \d+\) comes twice/);
    const trailerLength = readScrubTrailerLength(bytes);
    const early = new Uint8Array([...bytes.subarray(0, bytes.length - trailerLength), ...reviewBlock, ...bytes.subarray(bytes.length - trailerLength)]);
    expectScrubError(() => readScrub(early), 'malformed', /the review \(byte \d+\) comes before the trailer/);
  });

  it('refuses a review block whose content is not a review', () => {
    const bad = { ...REVIEW, verdicts: [{ ...REVIEW.verdicts[0]!, decision: 'maybe' }] };
    expectScrubError(
      () => readScrub(new Uint8Array([...bytes, ...block(0x52, new TextEncoder().encode(JSON.stringify(bad)))])),
      'malformed',
      /the review is not valid: verdicts\.0\.decision/,
    );
    expectScrubError(() => readScrub(new Uint8Array([...bytes, ...block(0x52, new TextEncoder().encode('{'))])), 'malformed', /the review is not valid JSON/);
  });
});

function headerEnd(bytes: Uint8Array): number {
  return 12 + 9 + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(13, true);
}

/** The trailer is the last block of a recording without a review: its length from the block's own length field. */
function readScrubTrailerLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = 12; o < bytes.length; ) {
    const length = view.getUint32(o + 1, true);
    if (bytes[o] === 0x54) return bytes.length - o;
    o += 9 + length;
  }
  throw new Error('no trailer');
}
