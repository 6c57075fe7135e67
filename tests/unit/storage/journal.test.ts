// An IndexedDB for Node, installed before Dexie loads.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TICK_HZ, type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { ATTEMPTS_SCHEMA_V1, AttemptStore, type StoredAttempt } from '../../../src/app/storage/attempts.ts';
import { ScrubTape } from '../../../src/app/scrub-tape.ts';
import { type AttemptJournal, DexieAttemptJournal, type JournalHeader, isQuotaError } from '../../../src/app/storage/journal.ts';
import { LiveJournal } from '../../../src/app/live-journal.ts';
import { LiveSession } from '../../../src/app/live-session.ts';
import { expertScript, protocol } from '../../support/experts.ts';

function header(attemptId: string, startedAtMs = 1000): JournalHeader {
  return {
    formatVersion: 2,
    attemptId,
    protocolId: 'fls-peg-transfer',
    protocolVersion: '1.0.0',
    protocolTitle: 'FLS peg transfer',
    seed: 1,
    variant: null,
    mode: 'practice',
    profileId: 'p1',
    profileName: 'Ada',
    startedAtMs,
    inputKind: 'desktop',
  };
}

/** Input that changes every other tick, as a mouse at 60 fps does; awkward doubles on purpose. */
function inputAt(i: number): ToolInput {
  const input = idleInput();
  const k = Math.floor(i / 2);
  input.hands.right.pose.position = [0.1 + k * 1e-3 + Math.PI * 1e-9, 0.9 + Math.sin(k) / 3, -0.3];
  input.hands.right.jaw = k % 5 === 0 ? 1 : 0;
  input.hands.right.instrument = k % 7 === 0 ? 'grasper-b' : 'grasper';
  return input;
}

let dbCount = 0;
const freshStore = (): AttemptStore => new AttemptStore(`scrub-test-journal-${++dbCount}`);

/**
 * Frames at 60 fps of a fake clock: each frame records two ticks and pumps the journal, then lets the
 * writes under way settle (fake-indexeddb answers on the next macrotask). Returns the worst lag seen, in
 * ticks, between the recorder and the journal at any frame after the first second.
 */
async function runFrames(live: LiveJournal, session: LiveSession, frames: number, clock: { now: number }): Promise<number> {
  let worst = 0;
  const tape = session.tape!;
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k < 2; k++) {
      const input = inputAt(session.world.ticks);
      for (const hand of ['left', 'right'] as const) Object.assign(session.input.hands[hand], input.hands[hand]);
      session.stepTicks(1);
    }
    clock.now += 1000 / 60;
    live.pump(tape, clock.now);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (clock.now > 1000) worst = Math.max(worst, tape.ticks - live.journaled);
  }
  return worst;
}

const INFO = { app: { name: 'scrub', version: 'test' }, learner: 'Ada', handedness: null, inputKind: 'mouse' as const, startedAt: null };

/** A running FLS attempt recording its .scrub, as the app's own attempts do. */
function recordingSession(id: string): LiveSession {
  const session = new LiveSession({ protocol: protocol('fls-peg-transfer'), mode: 'practice', seed: 1, id });
  session.tape = new ScrubTape(session.attempt, INFO, 1);
  return session;
}

/** A .scrub header and chunks of `ticks` made-up ticks: [header bytes, chunk bytes of 0…100, 100…250]. */
function parts(): { header: Uint8Array; chunks: Uint8Array[]; tape: ScrubTape } {
  const session = recordingSession('parts');
  const tape = session.tape!;
  for (let t = 0; t < 250; t++) {
    const input = inputAt(t);
    for (const hand of ['left', 'right'] as const) Object.assign(session.input.hands[hand], input.hands[hand]);
    session.stepTicks(1);
    if (t === 99) tape.cut();
  }
  tape.cut();
  return { header: tape.parts[0]!, chunks: tape.parts.slice(1), tape };
}

describe('attempt journal (IndexedDB)', () => {
  it('appends chunks and reads back exactly the journaled inputs; lists what never ended; end and clear remove it', async () => {
    const store = freshStore();
    const journal = new DexieAttemptJournal(store.db);
    const { header: scrubHeader, chunks, tape } = parts();
    expect(chunks.length).toBe(3); // 0…99 cut, 100…219 full (120 ticks), 220…249 cut
    await journal.start(header('a1', 5), scrubHeader);
    await journal.start(header('a2', 1), scrubHeader);
    await journal.append('a1', 0, 100, chunks[0]!, 10);
    const rest = new Uint8Array([...chunks[1]!, ...chunks[2]!]);
    await journal.append('a1', 100, 250, rest, 20);
    await journal.append('a1', 100, 250, rest, 30); // an append already there: nothing changes
    await expect(journal.append('a1', 300, 310, chunks[0]!, 40)).rejects.toThrow(/gap/);
    expect(await journal.read('a1')).toEqual(tape.bytes());
    const read = readScrub(await journal.read('a1'), { allowUnfinished: true });
    expect(read.ticks).toBe(250);
    expect(read.trailer).toBeNull();
    expect(read.header.learner).toBe('Ada');

    const pending = await journal.pending();
    expect(pending.map((p) => [p.attemptId, p.ticks, p.chunks])).toEqual([
      ['a2', 0, 0],
      ['a1', 250, 2],
    ]);
    expect(pending[1]!.lastWriteMs).toBe(20);
    expect(pending[1]).toMatchObject({ protocolId: 'fls-peg-transfer', seed: 1, mode: 'practice', profileName: 'Ada' });

    await journal.end('a1');
    await journal.clear('a2');
    expect(await journal.pending()).toEqual([]);
    await expect(journal.read('a1')).rejects.toThrow(/no journal/);
    store.close();
  });

  it('is written at most every half second from the frame path, and is never more than a second behind', async () => {
    const store = freshStore();
    const journal = new DexieAttemptJournal(store.db);
    const writes: number[] = [];
    const counting: AttemptJournal = {
      ...journal,
      start: (h, b) => journal.start(h, b),
      append: (id, from, to, bytes, at) => {
        writes.push(clock.now);
        return journal.append(id, from, to, bytes, at);
      },
      end: (id) => journal.end(id),
      pending: () => journal.pending(),
      read: (id) => journal.read(id),
      clear: (id) => journal.clear(id),
    };
    const clock = { now: 0 };
    const session = recordingSession('cadence');
    const live = new LiveJournal({ journal: counting, header: async () => header('cadence') });
    const worst = await runFrames(live, session, 5 * 60, clock);
    // 5 s of frames: one write at the first frame, then one per half second.
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.length).toBeLessThanOrEqual(11);
    // (The first write also writes the header, so the second may start a little late: intervals from there.)
    for (let i = 2; i < writes.length; i++) expect(writes[i]! - writes[i - 1]!).toBeGreaterThanOrEqual(500);
    expect(worst).toBeLessThanOrEqual(TICK_HZ * 0.55);
    await live.flush(session.tape!, clock.now);
    expect(await journal.read('cadence')).toEqual(session.tape!.bytes());
    expect(readScrub(await journal.read('cadence'), { allowUnfinished: true }).ticks).toBe(session.world.ticks);
    store.close();
  });

  it('on a full disk keeps the ticks it could not write, says so, and writes them all once it can again', async () => {
    const store = freshStore();
    const journal = new DexieAttemptJournal(store.db);
    let full = false;
    const disk: AttemptJournal = {
      start: (h, b) => journal.start(h, b),
      append: (id, from, to, bytes, at) =>
        full ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) : journal.append(id, from, to, bytes, at),
      end: (id) => journal.end(id),
      pending: () => journal.pending(),
      read: (id) => journal.read(id),
      clear: (id) => journal.clear(id),
    };
    const problems: (string | null)[] = [];
    const clock = { now: 0 };
    const session = recordingSession('full');
    const recorder = session.tape!;
    const live = new LiveJournal({ journal: disk, header: async () => header('full'), onProblem: (p) => problems.push(p?.kind ?? null) });
    await runFrames(live, session, 60, clock);
    const before = live.journaled;
    expect(before).toBeGreaterThan(0);

    full = true;
    await runFrames(live, session, 60, clock);
    expect(problems).toEqual(['quota']);
    expect(live.problem?.kind).toBe('quota');
    expect(live.journaled).toBe(before);
    // While it is full it tries again only every 5 s, not every half second.
    const attemptsWhileFull = problems.length;
    await runFrames(live, session, 60, clock);
    expect(problems.length).toBe(attemptsWhileFull);

    full = false; // space freed: Try again
    live.retry();
    await runFrames(live, session, 2, clock);
    // The retried write is under way; flushing waits for it (under load it can outlast two frames).
    await live.flush(recorder, clock.now);
    expect(problems).toEqual(['quota', null]);
    expect(live.journaled).toBe(recorder.ticks);
    expect(await journal.read('full')).toEqual(recorder.bytes());
    expect(readScrub(await journal.read('full'), { allowUnfinished: true }).ticks).toBe(session.world.ticks);
    store.close();
  });

  it('recognises a quota error however it is wrapped', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('recovering an interrupted attempt', () => {
  it('re-simulates the journaled inputs to the same state, tick for tick', async () => {
    const store = freshStore();
    const journal = new DexieAttemptJournal(store.db);
    const script = expertScript('fls-peg-transfer');
    const fls = protocol(script.procedure);
    const player = new KeyframePlayer(script);
    const options = { protocol: fls, mode: 'practice' as const, seed: script.seed, ...(script.variant !== undefined ? { variant: script.variant } : {}) };
    const running = new LiveSession({ ...options, id: 'crashed' });
    running.tape = new ScrubTape(running.attempt, INFO, script.seed);
    running.journal = new LiveJournal({ journal, header: async () => ({ ...header('crashed'), seed: script.seed, variant: script.variant ?? null }) });
    let now = 0;
    // 4 s of the expert's input, two ticks a frame; the page "dies" 0.2 s after the last write.
    while (running.world.ticks < 4 * TICK_HZ) {
      player.inputAt(running.world.ticks, running.input);
      running.stepTicks(2);
      now += 1000 / 60;
      running.journal.pump(running.tape, now);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const [pending] = await journal.pending();
    expect(pending!.ticks).toBe(running.journal.journaled);
    expect(running.world.ticks - pending!.ticks).toBeLessThanOrEqual(TICK_HZ / 2 + 2);

    // What the crashed page had at the tick the journal stops: replayed from its own input log.
    const reference = new LiveSession({ ...options });
    reference.replay(running.inputLog, 0, pending!.ticks);

    const recovered = new LiveSession({ ...options, id: 'crashed' });
    const recording = readScrub(await journal.read('crashed'), { allowUnfinished: true });
    const inputs = Array.from({ length: recording.ticks }, (_, t) => recording.inputAt(t));
    recovered.replay(inputs);
    expect(recovered.world.ticks).toBe(pending!.ticks);
    expect(recovered.attempt.stateHash()).toBe(reference.attempt.stateHash());
    expect(recovered.input.hands.right.instrument).toBe(inputs.at(-1)!.hands.right.instrument);
    expect(recovered.inputLog).toEqual(inputs);
    store.close();
    // Three re-simulations of 4 s of the expert: over vitest's 5 s on a loaded 2-core machine.
  }, 30_000);
});

describe('the scrub database schema', () => {
  it('upgrades a version 1 database: stored attempts get their format version, the journal tables appear', async () => {
    const name = 'scrub-test-upgrade';
    const v1 = new Dexie(name);
    v1.version(1).stores(ATTEMPTS_SCHEMA_V1);
    const { formatVersion: _, ...old } = {
      formatVersion: 1,
      id: 'old',
      profileId: 'p1',
      procedure: 'fls-peg-transfer',
      version: '1.0.0',
      variant: 'standard',
      mode: 'practice',
      seed: 3,
      startedAtMs: 1,
      endedAtMs: 2,
      report: { procedure: 'fls-peg-transfer' },
      speeds: {},
      paths: {},
    };
    await v1.table('profiles').add({ id: 'p1', name: 'Ada', createdAtMs: 1 });
    await v1.table('attempts').add(old);
    await v1
      .table('inputLogs')
      .add({ attemptId: 'old', log: { format: 'scrub-input-log/1', ticks: 0, instruments: [], records: new Float64Array(0), runs: new Uint32Array(0) } });
    expect((await v1.table('attempts').get('old')).formatVersion).toBeUndefined();
    v1.close();

    const store = new AttemptStore(name);
    const [upgraded] = (await store.attemptsOf('p1')) as StoredAttempt[];
    expect(store.db.verno).toBe(4);
    expect(upgraded).toMatchObject({ id: 'old', formatVersion: 1, seed: 3 });
    expect((await store.profiles()).map((p) => p.name)).toEqual(['Ada']);
    expect(await store.inputLog('old')).not.toBeNull();
    const journal = new DexieAttemptJournal(store.db);
    await journal.start(header('new'), parts().header);
    expect((await journal.pending()).map((p) => p.attemptId)).toEqual(['new']);
    store.close();
  });
});
