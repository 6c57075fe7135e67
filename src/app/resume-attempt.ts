/**
 * An interrupted attempt rebuilt from its journal's bytes (the `.scrub` recording so far; `recovery.ts` reads
 * them from the device): a new session with the recorded protocol (checked by version and content hash), seed,
 * variant and mode re-simulates the recorded input, so it stands exactly where the journal stops, and its tape
 * records on after the journaled chunks with the same header. No storage here, so it runs in Node.
 */
import type { ToolInput } from '../core/kernel/index.ts';
import type { Protocol } from '../core/procedure/index.ts';
import { protocolHash } from '../core/recording/replayer.ts';
import { type ScrubRecording, readScrub } from '../core/recording/scrub-file.ts';
import { LiveSession, type LiveSessionOptions } from './live-session.ts';
import { ScrubTape } from './scrub-tape.ts';
import type { PendingAttempt } from './storage/journal.ts';

/** Ticks re-simulated between yields to the page, so that it can show progress. */
const REPLAY_SLICE = 1200;

export interface ResumedAttempt {
  session: LiveSession;
  inputs: ToolInput[];
  recording: ScrubRecording;
}

export async function resumeAttempt(
  protocol: Protocol,
  pending: Pick<PendingAttempt, 'attemptId' | 'protocolId' | 'mode' | 'seed' | 'variant'>,
  bytes: Uint8Array,
  callbacks: Pick<LiveSessionOptions, 'onFindings' | 'onDanger'> = {},
  onProgress?: (fraction: number) => void,
): Promise<ResumedAttempt> {
  const recording = readScrub(bytes, { allowUnfinished: true });
  const want = recording.header.protocol;
  if (want.version !== protocol.version || want.hash !== protocolHash(protocol)) {
    throw new Error(`the procedure ${pending.protocolId} has changed since the attempt started (${want.version} then, ${protocol.version} now)`);
  }
  const inputs: ToolInput[] = Array.from({ length: recording.ticks }, (_, t) => recording.inputAt(t));
  // A journal from before the laparoscope's steering was recorded (format version 2 and older) has no `scope`:
  // the session records on without it, and so the assistant keeps the scope (LiveSession.steerable).
  const { app, learner, handedness, oneHanded = false, inputKind, startedAt, chunkTicks, head, scope = false, source } = recording.header;
  const info = { app, learner, handedness, oneHanded, inputKind, startedAt, chunkTicks, head, scope, ...(source !== undefined ? { source } : {}) };
  const session = new LiveSession({
    recording: info,
    protocol,
    mode: pending.mode,
    seed: pending.seed,
    id: pending.attemptId,
    // Performed as it was begun: mirrored for a left-handed learner where the protocol allows it.
    handedness: recording.header.handedness,
    // And one-handed if it was: the assistant goes on from the tick the journal stops at.
    oneHanded,
    ...(pending.variant !== null ? { variant: pending.variant } : {}),
    ...callbacks,
  });
  for (let from = 0; from < inputs.length; from += REPLAY_SLICE) {
    session.replay(inputs, from, Math.min(inputs.length, from + REPLAY_SLICE), (t) => recording.headAt(t));
    onProgress?.(Math.min(1, (from + REPLAY_SLICE) / inputs.length));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // The recording goes on after the journaled chunks, with the same header. (A journal that already holds the
  // trailer: the attempt was over; the session's own tape has recorded its input again through the ticks above.)
  if (!recording.trailer) {
    session.tape = new ScrubTape(session.attempt, info, pending.seed, {
      bytes: bytes.subarray(0, recording.bytes),
      chunks: recording.chunkBytes.length,
      ticks: recording.ticks,
    });
  }
  return { session, inputs, recording };
}
