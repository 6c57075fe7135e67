/**
 * Recovering an interrupted attempt (a crash, a closed tab) from its journal (storage/journal.ts): a new
 * Attempt with the same protocol, seed, variant and mode re-simulates the journaled inputs — the core is
 * deterministic, so it stands exactly where the journal stops — and then either carries on as the running
 * attempt (paused, so the learner can look before going on) or is kept as it is, as an incomplete attempt.
 */
import { LiveSession } from './live-session.ts';
import { LiveJournal } from './live-journal.ts';
import { findProcedure } from './protocol-catalog.ts';
import { journal, learnerStore, refreshInterrupted } from './learner.ts';
import { appStore, sessionCallbacks, showSession } from './app-store.ts';
import type { PendingAttempt } from './storage/journal.ts';
import type { ToolInput } from '../core/kernel/index.ts';
import type { Protocol } from '../core/procedure/index.ts';

/** Ticks re-simulated between yields to the page, so that it can show progress. */
const REPLAY_SLICE = 1200;

async function rebuild(pending: PendingAttempt, onProgress?: (fraction: number) => void): Promise<{ session: LiveSession; inputs: ToolInput[] }> {
  const protocol: Protocol | undefined = findProcedure(pending.protocolId);
  if (!protocol) throw new Error(`the procedure ${pending.protocolId} is no longer installed`);
  const inputs = await journal.read(pending.attemptId);
  const session = new LiveSession({
    protocol,
    mode: pending.mode,
    seed: pending.seed,
    id: pending.attemptId,
    ...(pending.variant !== null ? { variant: pending.variant } : {}),
    ...sessionCallbacks,
  });
  session.profileId = pending.profileId;
  for (let from = 0; from < inputs.length; from += REPLAY_SLICE) {
    session.replay(inputs, from, Math.min(inputs.length, from + REPLAY_SLICE));
    onProgress?.(Math.min(1, (from + REPLAY_SLICE) / inputs.length));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { session, inputs };
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
  appStore.setState({
    screen: 'debrief',
    session: null,
    finished: {
      protocol: session.attempt.protocol,
      report: session.attempt.report(),
      attempt: session.attempt,
      id: pending.attemptId,
      seed: pending.seed,
      inputLog: inputs,
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
