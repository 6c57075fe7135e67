/**
 * Recovering an interrupted attempt (a crash, a closed tab) from its journal (storage/journal.ts): the journal
 * is the `.scrub` recording so far, read with `readScrub(…, { allowUnfinished: true })`; a new Attempt with the
 * recorded protocol (checked by id, version and content hash), seed, variant and mode re-simulates its input —
 * the core is deterministic, so it stands exactly where the journal stops — and then either carries on as the
 * running attempt (paused, so the learner can look before going on; its recording resumes after the journaled
 * chunks) or is kept as it is, as an incomplete attempt.
 */
import { LiveSession } from './live-session.ts';
import { LiveJournal } from './live-journal.ts';
import { findProcedure } from './protocol-catalog.ts';
import { journal, learnerStore, refreshInterrupted } from './learner.ts';
import { appStore, sessionCallbacks, showSession } from './app-store.ts';
import type { PendingAttempt } from './storage/journal.ts';
import type { ToolInput } from '../core/kernel/index.ts';
import type { Protocol } from '../core/procedure/index.ts';
import { type ScrubRecording, readScrub } from '../core/recording/scrub-file.ts';
import { protocolHash } from '../core/recording/replayer.ts';
import { ScrubTape } from './scrub-tape.ts';

/** Ticks re-simulated between yields to the page, so that it can show progress. */
const REPLAY_SLICE = 1200;

async function rebuild(
  pending: PendingAttempt,
  onProgress?: (fraction: number) => void,
): Promise<{ session: LiveSession; inputs: ToolInput[]; recording: ScrubRecording; bytes: Uint8Array }> {
  const protocol: Protocol | undefined = findProcedure(pending.protocolId);
  if (!protocol) throw new Error(`the procedure ${pending.protocolId} is no longer installed`);
  const bytes = await journal.read(pending.attemptId);
  const recording = readScrub(bytes, { allowUnfinished: true });
  const want = recording.header.protocol;
  if (want.version !== protocol.version || want.hash !== protocolHash(protocol)) {
    throw new Error(`the procedure ${pending.protocolId} has changed since the attempt started (${want.version} then, ${protocol.version} now)`);
  }
  const inputs: ToolInput[] = Array.from({ length: recording.ticks }, (_, t) => recording.inputAt(t));
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
    ...sessionCallbacks,
  });
  session.profileId = pending.profileId;
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
  return { session, inputs, recording, bytes };
}

/**
 * Carries on with the interrupted attempt: re-simulated to where its journal stops, then on screen, paused.
 * Its journal goes on from there.
 */
export async function continueInterrupted(pending: PendingAttempt, onProgress?: (fraction: number) => void): Promise<LiveSession> {
  const { session, inputs } = await rebuild(pending, onProgress);
  // The findings of the re-simulated ticks are in the attempt's log: the HUD is built from it.
  session.journal = new LiveJournal({
    journal,
    header: async () => pending,
    journaled: inputs.length,
    onProblem: (problem) => {
      if (problem) appStore.setState({ storageProblem: { where: 'journal', ...problem } });
      else if (appStore.getState().storageProblem?.where === 'journal') appStore.setState({ storageProblem: null });
    },
  });
  session.setPaused(true);
  showSession(session, pending.startedAtMs, inputs.length);
  offered(pending);
  return session;
}

/** Keeps the interrupted attempt as it stands, incomplete: its debrief opens (which stores it). */
export async function keepInterrupted(pending: PendingAttempt, onProgress?: (fraction: number) => void): Promise<void> {
  const { session, inputs } = await rebuild(pending, onProgress);
  session.attempt.finish();
  session.tape.finish(pending.lastWriteMs);
  appStore.setState({
    screen: 'debrief',
    session: null,
    finished: {
      protocol: session.attempt.protocol,
      report: session.attempt.report(),
      attempt: session.attempt,
      id: pending.attemptId,
      seed: pending.seed,
      recording: session.tape.bytes(),
      startedAtMs: pending.startedAtMs,
      endedAtMs: pending.lastWriteMs,
      profileId: pending.profileId,
      interrupted: { atTick: inputs.length, incomplete: true },
    },
  });
  offered(pending);
}

/** The learner discarded it (after confirming). */
export async function discardInterrupted(pending: PendingAttempt): Promise<void> {
  await journal.clear(pending.attemptId);
  await refreshInterrupted();
}

/** No longer offered (its journal stays until the attempt is stored). */
function offered(pending: PendingAttempt): void {
  learnerStore.setState({ interrupted: learnerStore.getState().interrupted.filter((p) => p.attemptId !== pending.attemptId) });
}
