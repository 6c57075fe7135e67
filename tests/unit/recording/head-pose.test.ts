import { describe, expect, it } from 'vitest';
import { TICK_HZ } from '../../../src/core/kernel/index.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { HEAD_EVERY_TICKS, LiveSession } from '../../../src/app/live-session.ts';
import { ScrubTape } from '../../../src/app/scrub-tape.ts';
import { expertScript, protocol } from '../../support/experts.ts';
import { standingHeadAt } from '../../support/head-track.ts';

const SECONDS = 30;
const INFO = { app: { name: 'scrub', version: 'test' }, learner: 'Ada', handedness: null, inputKind: 'controllers' as const, startedAt: null };

/** The first `SECONDS` of the FLS expert as a live VR attempt, with or without a tracked head. */
function run(withHead: boolean): { session: LiveSession; bytes: Uint8Array } {
  const script = expertScript('fls-peg-transfer');
  const player = new KeyframePlayer(script);
  const session = new LiveSession({ protocol: protocol('fls-peg-transfer'), mode: 'practice', seed: script.seed });
  session.tape = new ScrubTape(session.attempt, { ...INFO, head: withHead }, script.seed);
  for (let tick = 0; tick < SECONDS * TICK_HZ; tick++) {
    player.inputAt(tick, session.input);
    session.headTracked = withHead;
    if (withHead) standingHeadAt(tick, session.head);
    session.stepTicks(1);
  }
  session.attempt.finish();
  session.tape.finish(0);
  return { session, bytes: session.tape.bytes() };
}

describe('the head pose of a VR attempt', () => {
  const plain = run(false);
  const vr = run(true);

  it('is recorded, at 30 Hz (each pose held for 4 ticks), on the grid', () => {
    const rec = readScrub(vr.bytes);
    expect(rec.header.head).toBe(true);
    expect(readScrub(plain.bytes).head).toBeNull();
    const expected = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
    for (const tick of [0, 1, 3, 4, 5, 401, 2400, SECONDS * TICK_HZ - 1]) {
      standingHeadAt(tick - (tick % HEAD_EVERY_TICKS), expected);
      const pose = rec.headAt(tick)!;
      for (let k = 0; k < 3; k++) expect(pose.position[k]).toBeCloseTo(expected.position[k]!, 5);
      for (let k = 0; k < 4; k++) expect(pose.orientation[k]).toBeCloseTo(expected.orientation[k]!, 5);
    }
    expect(rec.headAt(5)).toEqual(rec.headAt(4));
    expect(rec.headAt(8)).not.toEqual(rec.headAt(7));
  });

  it('does not touch the simulation: the same state, actions and findings as without it', () => {
    expect(vr.session.attempt.stateHash()).toBe(plain.session.attempt.stateHash());
    expect(readScrub(vr.bytes).events).toEqual(readScrub(plain.bytes).events);
  });

  it('keeps the recording within 100 KB a minute', () => {
    const perMinute = (bytes: Uint8Array) => bytes.length / 1024 / (SECONDS / 60);
    console.log(`head pose: ${perMinute(plain.bytes).toFixed(1)} KB/min without, ${perMinute(vr.bytes).toFixed(1)} KB/min with (FLS expert, ${SECONDS} s)`);
    expect(perMinute(vr.bytes)).toBeLessThanOrEqual(100);
  });
});
