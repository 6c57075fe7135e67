import { strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { resumeAttempt } from '../../../src/app/resume-attempt.ts';
import { idleInput } from '../../../src/core/kernel/input.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { AttemptRecorder, Replayer } from '../../../src/core/recording/replayer.ts';
import { assembleScrub, readScrub, scrubBlock } from '../../../src/core/recording/scrub-file.ts';
import { attemptFor, expertScript, protocol } from '../../support/experts.ts';
import { TEST_INFO } from '../../support/recordings.ts';

const JOURNALED = 480;
const STEER = { pan: 1, tilt: 0.5, zoom: 0, roll: 0 };

/**
 * The journal of a lap-chole attempt interrupted after `JOURNALED` ticks of its expert: as this app writes it, or
 * (`preScope`) as one written before the laparoscope's steering was recorded: format version 2, a header without
 * `scope`, chunks without its columns.
 */
function journalOf(preScope: boolean) {
  const script = expertScript('lap-chole-cvs');
  const attempt = attemptFor(script);
  const recorder = new AttemptRecorder(attempt, { ...TEST_INFO, ...(preScope ? { scope: false } : {}) }, script.seed);
  const parts = [preScope ? versionTwo(recorder.headerBytes) : recorder.headerBytes];
  const player = new KeyframePlayer(script);
  const input = idleInput();
  for (let tick = 0; tick < JOURNALED; tick++) {
    player.inputAt(tick, input);
    attempt.tick(input);
    const chunk = recorder.afterTick(input);
    if (chunk) parts.push(chunk);
  }
  const last = recorder.flush();
  if (last) parts.push(last);
  const pending = { attemptId: 'interrupted', protocolId: script.procedure, mode: attempt.mode, seed: script.seed, variant: attempt.variant?.id ?? null };
  return { bytes: assembleScrub(parts), pending, stateHash: attempt.stateHash() };
}

/** This version's first bytes as version 2 wrote them: the version in the prefix, no `scope` or `oneHanded` in the header. */
function versionTwo(headerBytes: Uint8Array): Uint8Array {
  const prefix = headerBytes.slice(0, 12);
  new DataView(prefix.buffer).setUint16(8, 2, true);
  const { scope, oneHanded, ...header } = JSON.parse(strFromU8(headerBytes.subarray(12 + 5, headerBytes.length - 4)));
  expect(scope).toBe(false);
  expect(oneHanded).toBe(false);
  return assembleScrub([prefix, scrubBlock(0x48, strToU8(JSON.stringify({ ...header, formatVersion: 2 })))]);
}

describe('a recovered lap-chole attempt whose journal predates the laparoscope channel', () => {
  it('carries on where it stopped; steering it leaves the scope with the assistant and the recording valid', async () => {
    const { bytes, pending, stateHash } = journalOf(true);
    expect(readScrub(bytes, { allowUnfinished: true }).header).toMatchObject({ formatVersion: 2 });
    expect(readScrub(bytes, { allowUnfinished: true }).header.scope).toBeUndefined();
    const { session } = await resumeAttempt(protocol('lap-chole-cvs'), pending, bytes);
    expect(session.attempt.stateHash()).toBe(stateHash);
    expect(session.world.laparoscope).not.toBeNull();
    expect(session.steerable).toBe(false);

    // An input source (a key, a thumbstick, the test hook) steers anyway: the tick neither throws nor moves it.
    session.input.scope = { ...STEER };
    expect(() => session.stepTicks(240)).not.toThrow();
    expect(session.world.laparoscope!.learnerHolds).toBe(false);

    session.attempt.finish();
    session.tape.finish(0);
    const recording = session.tape.bytes();
    const replayer = Replayer.load(recording, session.attempt.protocol);
    expect(replayer.recording.formatVersion).toBe(2);
    expect(replayer.verify({ snapshotEvery: 0 })).toMatchObject({ ok: true, ticks: JOURNALED + 240, stateHash: session.attempt.stateHash() });
  }, 120_000);

  it('while one written since records the steering: the learner takes the scope, and the recording replays it', async () => {
    const { bytes, pending } = journalOf(false);
    const { session } = await resumeAttempt(protocol('lap-chole-cvs'), pending, bytes);
    expect(session.steerable).toBe(true);
    session.input.scope = { ...STEER };
    session.stepTicks(240);
    expect(session.world.laparoscope!.learnerHolds).toBe(true);
    session.attempt.finish();
    session.tape.finish(0);
    expect(Replayer.load(session.tape.bytes(), session.attempt.protocol).verify({ snapshotEvery: 0 })).toMatchObject({ ok: true, ticks: JOURNALED + 240 });
  }, 120_000);
});
