/**
 * Recovering an interrupted attempt (a crash, a closed tab) from its journal (storage/journal.ts): the journal
 * is the `.scrub` recording so far, re-simulated by `resumeAttempt` (resume-attempt.ts) to exactly where the
 * journal stops; the attempt then either carries on as the running attempt (paused, so the learner can look
 * before going on; its recording resumes after the journaled chunks) or is kept as it is, as an incomplete
 * attempt.
 */
import type { LiveSession } from './live-session.ts';
import { LiveJournal } from './live-journal.ts';
import { findProcedure } from './protocol-catalog.ts';
import { journal, learnerStore, refreshInterrupted } from './learner.ts';
import { appStore, sessionCallbacks, showSession } from './app-store.ts';
import type { PendingAttempt } from './storage/journal.ts';
import type { Protocol } from '../core/procedure/index.ts';
import { type ResumedAttempt, resumeAttempt } from './resume-attempt.ts';

async function rebuild(pending: PendingAttempt, onProgress?: (fraction: number) => void): Promise<ResumedAttempt> {
  const protocol: Protocol | undefined = findProcedure(pending.protocolId);
  if (!protocol) throw new Error(`the procedure ${pending.protocolId} is no longer installed`);
  const resumed = await resumeAttempt(protocol, pending, await journal.read(pending.attemptId), sessionCallbacks, onProgress);
  resumed.session.profileId = pending.profileId;
  return resumed;
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
      mirrored: session.mirrored,
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
