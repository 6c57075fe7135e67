// An IndexedDB for Node, installed before Dexie loads; the app's modules read `location` when they load.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { expertScript, protocol } from '../../support/experts.ts';

(globalThis as { location?: unknown }).location ??= new URL('http://localhost:5173/');

type AppStore = typeof import('../../../src/app/app-store.ts');
type Learner = typeof import('../../../src/app/learner.ts');
let app: AppStore;
let learner: Learner;

beforeAll(async () => {
  // three and the XR store load with the app store: slow the first time.
  app = await import('../../../src/app/app-store.ts');
  learner = await import('../../../src/app/learner.ts');
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
  app.exitSession();
});

const until = async (what: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(what()).toBe(true);
};

/**
 * Plays the FLS expert through a session the trainee started, tick by tick, until the procedure ends by itself;
 * ten seconds in, its journal is on the device.
 */
async function playToTheEnd() {
  const script = expertScript('fls-peg-transfer');
  app.chooseMode('learn');
  const session = app.startSession(protocol(script.procedure), undefined, { seed: script.seed });
  const player = new KeyframePlayer(script);
  while (!session.attempt.engine.finished && session.world.ticks < player.ticks) {
    player.inputAt(session.world.ticks, session.input);
    session.stepTicks(1);
    if (session.world.ticks === 1200) {
      await session.journal!.flush(session.tape!, 0);
      const [journaled] = (await learner.journal.pending()).filter((p) => p.attemptId === session.id);
      expect(journaled?.ticks).toBe(1200);
    }
  }
  expect(session.attempt.engine.finished?.reason).toBe('all-steps-completed');
  return session;
}

describe('an attempt that ends by itself', () => {
  it('is stored at once, without the debrief, with its format version and learning records; its journal goes', async () => {
    const queuedBefore = await learner.outbox.pending();
    const session = await playToTheEnd();
    expect(app.appStore.getState().screen).toBe('session');
    await until(() => app.appStore.getState().ended?.saved === true);
    const [stored] = await learner.attemptStore.attemptsOf(session.profileId ?? (await learner.currentProfile()).id);
    expect(stored).toMatchObject({ id: session.id, formatVersion: 2, procedure: 'fls-peg-transfer' });
    expect(stored!.report.outcome).toBe('completed');
    // Its .scrub recording is stored with it, ended where the attempt ended, and replays to the same report.
    const { Replayer } = await import('../../../src/core/recording/replayer.ts');
    const replayer = Replayer.load((await learner.attemptStore.recording(session.id))!, session.attempt.protocol);
    expect(replayer.verify({ snapshotEvery: 0 })).toMatchObject({ ok: true });
    expect(replayer.report().score).toBe(stored!.report.score);
    expect(replayer.recording.header).toMatchObject({ learner: expect.any(String), inputKind: 'mouse', app: { name: 'scrub' } });
    expect(await learner.outbox.pending()).toBeGreaterThan(queuedBefore);
    expect((await learner.journal.pending()).map((p) => p.attemptId)).not.toContain(session.id);
    // Finish shows that same attempt's debrief; leaving afterwards asks nothing (it is stored).
    app.finishSession();
    expect(app.appStore.getState().finished?.id).toBe(session.id);
  }, 120_000);

  it('on a full disk says so, keeps the attempt and queues its learning records; Try again stores it', async () => {
    const save = vi.spyOn(learner.attemptStore, 'save').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const queuedBefore = await learner.outbox.pending();
    const session = await playToTheEnd();
    await until(() => app.appStore.getState().storageProblem !== null);
    expect(app.appStore.getState().storageProblem).toMatchObject({ where: 'save', kind: 'quota' });
    expect(app.appStore.getState().ended?.saved).toBe(false);
    const queued = await learner.outbox.pending();
    expect(queued).toBeGreaterThan(queuedBefore);
    expect(app.attemptForExport()?.id).toBe(session.id);

    save.mockRestore();
    app.retryStorage();
    await until(() => app.appStore.getState().ended?.saved === true);
    expect(app.appStore.getState().storageProblem).toBeNull();
    // The retry queued the same statements again: the outbox holds each once.
    expect(await learner.outbox.pending()).toBe(queued);
    expect((await learner.attemptStore.attemptsOf((await learner.currentProfile()).id)).map((a) => a.id)).toContain(session.id);
  }, 120_000);
});

describe('leaving a running attempt', () => {
  it('asks first; keeping going resumes it; leaving without saving discards it and its journal', async () => {
    app.chooseMode('practice');
    const script = expertScript('fls-peg-transfer');
    const session = app.startSession(protocol(script.procedure), undefined, { seed: 5 });
    app.requestLeave(); // before any tick: nothing to lose, it just leaves
    expect(app.appStore.getState().screen).toBe('home');

    const again = app.startSession(protocol(script.procedure), undefined, { seed: 5 });
    expect(again.id).not.toBe(session.id);
    again.stepTicks(30);
    await again.journal!.flush(again.tape!, 0);
    expect((await learner.journal.pending()).map((p) => p.attemptId)).toContain(again.id);
    app.requestLeave();
    expect(app.appStore.getState()).toMatchObject({ screen: 'session', leaving: true, paused: true });
    app.cancelLeave();
    expect(app.appStore.getState()).toMatchObject({ screen: 'session', leaving: false, paused: false });
    app.requestLeave();
    app.exitSession();
    expect(app.appStore.getState().screen).toBe('home');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await learner.journal.pending()).map((p) => p.attemptId)).not.toContain(again.id);
  }, 120_000);
});

describe('an interrupted attempt, on the next start', () => {
  /** An attempt that ran `ticks` ticks with its journal written, then the page died (nothing else ran). */
  async function interrupted(seed: number, ticks: number) {
    app.chooseMode('practice');
    const session = app.startSession(protocol('fls-peg-transfer'), undefined, { seed });
    const script = new KeyframePlayer(expertScript('fls-peg-transfer'));
    while (session.world.ticks < ticks) {
      script.inputAt(session.world.ticks, session.input);
      session.stepTicks(1);
    }
    await session.journal!.flush(session.tape!, 0);
    // The page dies: no exit, no save; the next start reads the journals.
    app.appStore.setState({ session: null, screen: 'home' });
    await learner.refreshInterrupted();
    const pending = learner.learnerStore.getState().interrupted.find((p) => p.attemptId === session.id)!;
    expect(pending).toMatchObject({ ticks, seed, mode: 'practice', protocolTitle: 'FLS peg transfer' });
    return { session, pending };
  }

  it('carries on exactly where it stopped (same state), paused, and its journal goes on', async () => {
    const { continueInterrupted } = await import('../../../src/app/recovery.ts');
    const { session: lost, pending } = await interrupted(11, 360);
    const recovered = await continueInterrupted(pending);
    expect(recovered.id).toBe(lost.id);
    expect(recovered.world.ticks).toBe(360);
    expect(recovered.attempt.stateHash()).toBe(lost.attempt.stateHash());
    expect(app.appStore.getState()).toMatchObject({ screen: 'session', paused: true, recoveredAt: 360 });
    expect(learner.learnerStore.getState().interrupted.map((p) => p.attemptId)).not.toContain(lost.id);
    recovered.setPaused(false);
    recovered.stepTicks(60);
    await recovered.journal!.flush(recovered.tape!, 0);
    const { readScrub } = await import('../../../src/core/recording/scrub-file.ts');
    expect(readScrub(await learner.journal.read(lost.id), { allowUnfinished: true }).ticks).toBe(420);
    app.finishSession();
    expect(app.appStore.getState().finished?.interrupted).toEqual({ atTick: 360, incomplete: false });
  }, 120_000);

  it('is kept as an incomplete attempt: its debrief stores it with its report, and the journal goes', async () => {
    const { keepInterrupted } = await import('../../../src/app/recovery.ts');
    const { recordAttempt } = await import('../../../src/app/record-attempt.ts');
    const { session: lost, pending } = await interrupted(12, 240);
    await keepInterrupted(pending);
    const { screen, finished } = app.appStore.getState();
    expect(screen).toBe('debrief');
    expect(finished).toMatchObject({ id: lost.id, seed: 12, interrupted: { atTick: 240, incomplete: true } });
    expect(finished!.report.outcome).toBe('incomplete');
    const stored = await recordAttempt(finished!);
    expect(stored).toMatchObject({ id: lost.id, formatVersion: 2, interrupted: { atTick: 240, incomplete: true }, profileId: pending.profileId });
    expect((await learner.journal.pending()).map((p) => p.attemptId)).not.toContain(lost.id);
  }, 120_000);

  it('is discarded, journal and all', async () => {
    const { discardInterrupted } = await import('../../../src/app/recovery.ts');
    const { session: lost, pending } = await interrupted(13, 120);
    await discardInterrupted(pending);
    expect(learner.learnerStore.getState().interrupted.map((p) => p.attemptId)).not.toContain(lost.id);
    await expect(learner.journal.read(lost.id)).rejects.toThrow(/no journal/);
  }, 120_000);
});
