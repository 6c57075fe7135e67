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
      await session.journal!.flush(session.recorder, 0);
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
    expect(stored).toMatchObject({ id: session.id, formatVersion: 1, procedure: 'fls-peg-transfer' });
    expect(stored!.report.outcome).toBe('completed');
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
    await again.journal!.flush(again.recorder, 0);
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
