// An IndexedDB for Node, installed before Dexie loads.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { recordInputs } from '../../../src/core/recording/replayer.ts';
import { AttemptStore, type StoredAttempt, openAttemptsDbV2 } from '../../../src/app/storage/attempts.ts';
import { packInputLog } from '../../../src/app/storage/input-log.ts';
import { IMPORTED_PROFILE_ID, type ImportContext, importFile, makeBundle, scrubOfStored } from '../../../src/app/attempt-files.ts';
import { attemptFor, expertScript, protocol } from '../../support/experts.ts';

const INFO = { app: { name: 'scrub', version: 'test' }, handedness: null, inputKind: 'mouse' as const, startedAt: '2026-12-06T10:00:00.000Z' };

/** A real recorded attempt: the first `seconds` of the FLS expert, finished there, as `learner`. */
function recorded(learner: string | null, seconds = 3, seed?: number, handedness: 'left' | null = null): { bytes: Uint8Array; score: number } {
  const script = { ...expertScript('fls-peg-transfer'), ...(seed !== undefined ? { seed } : {}) };
  const player = new KeyframePlayer(script);
  const attempt = attemptFor(script);
  const bytes = recordInputs(
    attempt,
    script.seed,
    { ticks: seconds * 120, inputAt: (t, out) => player.inputAt(t, out) },
    {
      ...INFO,
      learner,
      handedness,
      endedAt: '2026-12-06T10:00:05.000Z',
    },
  );
  return { bytes, score: attempt.report().score };
}

let n = 0;
function context(): ImportContext & { store: AttemptStore } {
  return {
    store: new AttemptStore(`scrub-test-files-${++n}`),
    findProtocol: (id) => (id === 'fls-peg-transfer' ? protocol(id) : undefined),
    appVersion: 'test',
    nowMs: 5,
  };
}

async function nothingStored(store: AttemptStore): Promise<void> {
  expect(await store.db.attempts.count()).toBe(0);
  expect(await store.db.recordings.count()).toBe(0);
}

let ada: { bytes: Uint8Array; score: number };
beforeAll(() => {
  ada = recorded('Ada');
});

describe('exporting and importing attempts as .scrub files', () => {
  it('round-trips a recorded attempt: same bytes, re-simulated to the same score; the learner name picks a matching profile', async () => {
    const ctx = context();
    await ctx.store.createProfile('ada', 'p-ada', 1);
    const result = await importFile(ctx, 'ada.scrub', ada.bytes);
    expect(result.rejected).toEqual([]);
    const { attempt } = result.imported[0]!;
    expect(attempt).toMatchObject({ formatVersion: 2, procedure: 'fls-peg-transfer', profileId: 'p-ada', imported: { learner: 'Ada', file: 'ada.scrub' } });
    expect(attempt.report.score).toBe(ada.score);
    expect(attempt.startedAtMs).toBe(Date.parse('2026-12-06T10:00:00.000Z'));
    expect(await scrubOfStored(ctx.store, attempt, protocol, 'test')).toEqual(ada.bytes);
    // The same file again replaces it.
    await importFile(ctx, 'ada.scrub', ada.bytes);
    expect(await ctx.store.db.attempts.count()).toBe(1);
    console.log(`attempt-files: a 3 s FLS recording is ${ada.bytes.length} bytes`);
    ctx.store.close();
  }, 60_000);

  it('keeps, beside the canonical report, that a left-handed learner performed it mirrored (FLS mirrors)', async () => {
    const ctx = context();
    const lefty = recorded('Lefty', 1, undefined, 'left');
    const { attempt } = (await importFile(ctx, 'lefty.scrub', lefty.bytes)).imported[0]!;
    expect(attempt.mirrored).toBe(true);
    expect(attempt.report.score).toBe(lefty.score);
    const { attempt: standard } = (await importFile(ctx, 'ada.scrub', ada.bytes)).imported[0]!;
    expect('mirrored' in standard).toBe(false);
    ctx.store.close();
  }, 60_000);

  it('a learner with no profile of that name: imported, not anyone’s here', async () => {
    const ctx = context();
    const result = await importFile(ctx, 'x.scrub', recorded('Zed', 1).bytes);
    expect(result.imported[0]!.attempt.profileId).toBe(IMPORTED_PROFILE_ID);
    ctx.store.close();
  }, 60_000);

  it('bundles several attempts with a manifest, and imports each intact one, listing the rejected', async () => {
    const ctx = context();
    const bob = recorded('Bob', 2, 7);
    const entries = [ada, bob].map((r, i) => ({
      attempt: {
        procedure: 'fls-peg-transfer',
        version: '0.3.0',
        mode: 'practice',
        startedAtMs: 1000 * i,
        report: { score: r.score, passed: false },
      } as StoredAttempt,
      learner: i ? 'Bob' : 'Ada',
      bytes: r.bytes,
    }));
    const bundle = makeBundle(entries, { kind: 'device' }, { name: 'scrub', version: 'test' }, 0);
    const files = unzipSync(bundle);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toMatchObject({ format: 'scrub-bundle', version: 1, scope: { kind: 'device' } });
    expect(manifest.attempts.map((a: { learner: string }) => a.learner)).toEqual(['Ada', 'Bob']);
    console.log(`attempt-files: a bundle of two (3 s + 2 s) is ${bundle.length} bytes`);
    const result = await importFile(ctx, 'class.zip', bundle);
    expect(result.rejected).toEqual([]);
    expect(result.imported.map((i) => i.attempt.report.score).sort()).toEqual([ada.score, bob.score].sort());

    // One damaged recording in a bundle: the others are imported, it is listed.
    const damaged = ada.bytes.slice();
    damaged[damaged.length - 40]! ^= 0xff;
    const mixed = zipSync({ 'manifest.json': files['manifest.json']!, 'a.scrub': damaged, 'b.scrub': bob.bytes });
    const ctx2 = context();
    const r2 = await importFile(ctx2, 'mixed.zip', mixed);
    expect(r2.imported.map((i) => i.file)).toEqual(['mixed.zip: b.scrub']);
    expect(r2.rejected).toEqual([{ file: 'mixed.zip: a.scrub', message: expect.stringMatching(/damaged: its CRC-32 does not match/) }]);
    expect(await ctx2.store.db.attempts.count()).toBe(1);
    ctx.store.close();
    ctx2.store.close();
  }, 60_000);

  it.each([
    [
      'damaged',
      (b: Uint8Array) => {
        const d = b.slice();
        d[200]! ^= 0x10;
        return d;
      },
      /is damaged: its CRC-32 does not match/,
    ],
    ['truncated', (b: Uint8Array) => b.slice(0, b.length - 30), /truncated at byte|no trailer/],
    ['cut at a chunk (no trailer)', (b: Uint8Array) => b.slice(0, b.length - 9 - JSON.stringify({}).length - 100), /truncated|no trailer/],
    ['foreign', () => new TextEncoder().encode('{"format":"scrub-attempt-export/1"}'), /not a \.scrub recording/],
    [
      'newer format',
      (b: Uint8Array) => {
        const d = b.slice();
        d[8] = 9;
        return d;
      },
      /format version 9 is newer than this app reads/,
    ],
    ['not a bundle after all', () => Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 1, 2, 3), /not a readable bundle/],
  ])('rejects a %s file with a message naming the problem, storing nothing', async (_, spoil, message) => {
    const ctx = context();
    const result = await importFile(ctx, 'f.scrub', spoil(ada.bytes));
    expect(result.imported).toEqual([]);
    expect(result.rejected).toEqual([{ file: 'f.scrub', message: expect.stringMatching(message) }]);
    await nothingStored(ctx.store);
    ctx.store.close();
  });

  it('rejects a recording of a protocol this app does not have, or of different content', async () => {
    const ctx = context();
    const other = { ...ctx, findProtocol: () => undefined };
    expect((await importFile(other, 'a.scrub', ada.bytes)).rejected[0]!.message).toMatch(
      /recorded with protocol fls-peg-transfer .*which this app does not have: it cannot be re-graded here/,
    );
    const edited = { ...protocol('fls-peg-transfer'), title: 'FLS peg transfer (edited)' };
    const changed = { ...ctx, findProtocol: () => edited };
    expect((await importFile(changed, 'a.scrub', ada.bytes)).rejected[0]!.message).toMatch(
      /recorded with protocol fls-peg-transfer .* \(hash \w+\), replaying with/,
    );
    await nothingStored(ctx.store);
    ctx.store.close();
  }, 60_000);
});

describe('the scrub database, version 2 → 3', () => {
  it('adds the recordings; an attempt stored with a packed input log keeps it, loads and exports as a .scrub that replays', async () => {
    const name = 'scrub-test-upgrade-v3';
    const v2 = openAttemptsDbV2(name);
    const script = expertScript('fls-peg-transfer');
    const player = new KeyframePlayer(script);
    const inputs = Array.from({ length: 240 }, (_, t) => player.inputAt(t));
    const attempt = attemptFor(script);
    for (const i of inputs) attempt.tick(i);
    attempt.finish();
    const report = attempt.report();
    await v2.profiles.add({ id: 'p1', name: 'Ada', createdAtMs: 1 });
    const old = {
      formatVersion: 1,
      id: 'old',
      profileId: 'p1',
      procedure: 'fls-peg-transfer',
      version: report.version,
      variant: report.variant,
      mode: report.mode,
      seed: script.seed,
      startedAtMs: 1,
      endedAtMs: 2,
      report,
      speeds: {},
      paths: {},
    };
    await v2.attempts.add(old as unknown as StoredAttempt);
    await v2.inputLogs.add({ attemptId: 'old', log: packInputLog(inputs) });
    await v2.journal.add({ attemptId: 'packed-journal', formatVersion: 1 } as never);
    v2.close();

    const store = new AttemptStore(name);
    expect(await store.attempt('old')).toMatchObject({ formatVersion: 1, seed: script.seed });
    expect(store.db.verno).toBe(4);
    expect(await store.inputLog('old')).not.toBeNull();
    expect(await store.recording('old')).toBeNull();
    expect(await store.db.journal.count()).toBe(0); // the packed journal is dropped
    const bytes = await scrubOfStored(store, (await store.attempt('old'))!, protocol, 'test');
    const ctx = { store: new AttemptStore('scrub-test-upgrade-v3-import'), findProtocol: protocol, appVersion: 'test', nowMs: 0 };
    const imported = await importFile(ctx, 'old.scrub', bytes);
    expect(imported.rejected).toEqual([]);
    expect(imported.imported[0]!.attempt.report.score).toBe(report.score);
    expect(imported.imported[0]!.attempt.profileId).toBe(IMPORTED_PROFILE_ID);
    store.close();
    ctx.store.close();
    await Dexie.delete(name);
  }, 60_000);
});

describe('reviews and annotations travel inside exports', () => {
  const verdict = { reviewer: 'Dr Okafor', atMs: 10, decision: 'overridden' as const, score: 250, findings: [], reason: 'Timer started late.' };
  const note = { id: 'n1', t: 1.5, text: 'Transfer mid-air, not on the board.', author: 'Dr Okafor', atMs: 11, pin: [0, 0.9, 0] as [number, number, number] };

  /** Ada's attempt imported on one device and reviewed there. */
  async function reviewedOnDevice(): Promise<{ ctx: ImportContext & { store: AttemptStore }; attempt: StoredAttempt }> {
    const ctx = context();
    const { attempt } = (await importFile(ctx, 'ada.scrub', ada.bytes)).imported[0]!;
    await ctx.store.saveReview({ formatVersion: 1, attemptId: attempt.id, verdicts: [verdict], annotations: [note] });
    return { ctx, attempt };
  }

  it('a single export carries the review; importing it elsewhere restores it under the imported attempt', async () => {
    const { ctx, attempt } = await reviewedOnDevice();
    const file = await scrubOfStored(ctx.store, attempt, protocol, 'test');
    expect(file.length).toBeGreaterThan(ada.bytes.length);
    expect(file.subarray(0, ada.bytes.length)).toEqual(ada.bytes);

    const elsewhere = context();
    const result = await importFile(elsewhere, 'ada-reviewed.scrub', file);
    expect(result.rejected).toEqual([]);
    const imported = result.imported[0]!.attempt;
    // The same recording with or without its review is the same attempt.
    expect(imported.id).toBe(attempt.id);
    expect(await elsewhere.store.recording(imported.id)).toEqual(ada.bytes);
    expect(await elsewhere.store.review(imported.id)).toEqual({ formatVersion: 1, attemptId: imported.id, verdicts: [verdict], annotations: [note] });
    // Exported again from there: the same file.
    expect(await scrubOfStored(elsewhere.store, imported, protocol, 'test')).toEqual(file);
    ctx.store.close();
    elsewhere.store.close();
  }, 60_000);

  it('a bundle carries each attempt’s review (the manifest counts them); an old file without one imports without one', async () => {
    const { ctx, attempt } = await reviewedOnDevice();
    const bob = recorded('Bob', 2, 7);
    const entries = [
      { attempt, learner: 'Ada', bytes: await scrubOfStored(ctx.store, attempt, protocol, 'test') },
      { attempt: { ...attempt, startedAtMs: 5000 }, learner: 'Bob', bytes: bob.bytes },
    ];
    const bundle = makeBundle(entries, { kind: 'device' }, { name: 'scrub', version: 'test' }, 0);
    const manifest = JSON.parse(strFromU8(unzipSync(bundle)['manifest.json']!));
    expect(manifest.attempts.map((a: { review: unknown }) => a.review)).toEqual([
      { verdicts: 1, annotations: 1 },
      { verdicts: 0, annotations: 0 },
    ]);
    const elsewhere = context();
    const result = await importFile(elsewhere, 'class.zip', bundle);
    expect(result.rejected).toEqual([]);
    const reviews = await elsewhere.store.reviews();
    expect(reviews.size).toBe(1);
    expect([...reviews.values()][0]).toMatchObject({ verdicts: [verdict], annotations: [note] });
    ctx.store.close();
    elsewhere.store.close();
  }, 60_000);

  it('rejects a file whose review names a finding the attempt does not have, storing nothing', async () => {
    const { ctx, attempt } = await reviewedOnDevice();
    await ctx.store.saveReview({
      formatVersion: 1,
      attemptId: attempt.id,
      verdicts: [{ ...verdict, findings: [{ index: 0, code: 'drop-out-of-view', t: 1, verdict: 'dismissed', reason: 'no' }] }],
      annotations: [],
    });
    const file = await scrubOfStored(ctx.store, attempt, protocol, 'test');
    const elsewhere = context();
    const result = await importFile(elsewhere, 'odd.scrub', file);
    expect(result.rejected).toEqual([
      { file: 'odd.scrub', message: "its review does not fit the attempt: Dr Okafor's verdict on finding 1 (drop-out-of-view at 1 s) names no finding of it" },
    ]);
    await nothingStored(elsewhere.store);
    expect(await elsewhere.store.db.reviews.count()).toBe(0);
    ctx.store.close();
    elsewhere.store.close();
  }, 60_000);
});
