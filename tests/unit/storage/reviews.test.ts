// An IndexedDB for Node, installed before Dexie loads.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  ATTEMPTS_SCHEMA_V1,
  ATTEMPTS_SCHEMA_V2,
  AttemptStore,
  SCHEMA_VERSION_RECORDINGS,
  SCHEMA_VERSION_REVIEWS,
  type StoredAttempt,
  progressRecord,
} from '../../../src/app/storage/attempts.ts';
import { type AttemptReview, emptyReview } from '../../../src/core/scoring/index.ts';
import { reviewExport, reviewExportName } from '../../../src/app/review-export.ts';

const stored = (id: string, profileId = 'p1'): StoredAttempt =>
  ({
    formatVersion: 1,
    id,
    profileId,
    procedure: 'fls-peg-transfer',
    version: '1.0.0',
    variant: 'standard',
    mode: 'practice',
    seed: 3,
    startedAtMs: 1,
    endedAtMs: 2,
    report: {
      procedure: 'fls-peg-transfer',
      version: '1.0.0',
      variant: 'standard',
      mode: 'practice',
      outcome: 'failed',
      passed: false,
      score: 0,
      steps: [],
      errors: [{ code: 'drop', severity: 'critical', t: 3, step: null, message: '' }],
      metrics: { durationSec: 40, timerSec: 38, stepDurationsSec: {}, errorCounts: { minor: 0, major: 0, critical: 1 }, actions: 1, proficient: false },
    },
    speeds: {},
    paths: {},
  }) as unknown as StoredAttempt;

const REVIEW: AttemptReview = {
  ...emptyReview('old'),
  verdicts: [
    {
      reviewer: 'Dr Okafor',
      atMs: 5,
      decision: 'overridden',
      outcome: 'completed',
      passed: true,
      score: 200,
      findings: [{ index: 0, code: 'drop', t: 3, verdict: 'dismissed', reason: 'in view' }],
      reason: 'camera',
    },
  ],
  annotations: [{ id: 'n1', t: 3, text: 'Keep the peg low', author: 'Dr Okafor', atMs: 6, pin: [0, 0.9, -0.3] }],
};

describe('reviews in the scrub database (schema version 4)', () => {
  it('upgrades a version 3 database: attempts, recordings, profiles and the journal stay, the reviews table appears', async () => {
    const name = 'scrub-test-upgrade-v3';
    const v3 = new Dexie(name);
    v3.version(1).stores(ATTEMPTS_SCHEMA_V1);
    v3.version(2).stores(ATTEMPTS_SCHEMA_V2);
    v3.version(SCHEMA_VERSION_RECORDINGS).stores({ recordings: 'attemptId' });
    await v3.table('profiles').add({ id: 'p1', name: 'Ada', createdAtMs: 1 });
    await v3.table('attempts').add(stored('old'));
    await v3.table('recordings').add({ attemptId: 'old', bytes: new Uint8Array([1, 2, 3]) });
    await v3.table('journal').add({ attemptId: 'running', formatVersion: 2, ticks: 0 });
    v3.close();

    const store = new AttemptStore(name);
    expect((await store.attemptsOf('p1')).map((a) => a.id)).toEqual(['old']);
    expect(store.db.verno).toBe(SCHEMA_VERSION_REVIEWS);
    expect(await store.recording('old')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.db.journal.count()).toBe(1);
    expect(await store.review('old')).toBeNull();
    await store.saveReview(REVIEW);
    store.close();

    // Kept across a reopen, beside the untouched automatic report.
    const reopened = new AttemptStore(name);
    expect(await reopened.review('old')).toEqual(REVIEW);
    const attempt = (await reopened.attempt('old'))!;
    expect(attempt.report.outcome).toBe('failed');
    expect(progressRecord(attempt, REVIEW)!.report).toMatchObject({ outcome: 'completed', passed: true, score: 200, errors: [] });
    expect(progressRecord(attempt)!.report.outcome).toBe('failed');
    expect([...(await reopened.reviews(['old', 'none'])).keys()]).toEqual(['old']);
    reopened.close();
  });

  it('lists every attempt on the device for the class view, oldest first', async () => {
    const store = new AttemptStore('scrub-test-class');
    const log = { format: 'scrub-input-log/1', ticks: 0, instruments: [], records: new Float64Array(0), runs: new Uint32Array(0) } as never;
    await store.saveWithInputLog({ ...stored('b', 'p2'), endedAtMs: 9 }, log);
    await store.saveWithInputLog(stored('a', 'p1'), log);
    expect((await store.allAttempts()).map((a) => a.id)).toEqual(['a', 'b']);
    store.close();
  });
});

describe('an attempt’s review as a file', () => {
  it('holds the verdicts and the notes beside the untouched report', () => {
    const out = reviewExport(stored('old'), 'Ada', REVIEW) as { review: AttemptReview; report: { outcome: string }; learner: string };
    expect(out.review.annotations[0]).toMatchObject({ t: 3, text: 'Keep the peg low', pin: [0, 0.9, -0.3] });
    expect(out.review.verdicts[0]!.decision).toBe('overridden');
    expect(out.report.outcome).toBe('failed');
    expect(out.learner).toBe('Ada');
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    expect(reviewExportName({ procedure: 'fls-peg-transfer', startedAtMs: Date.UTC(2026, 10, 2, 9, 5) }, 'Dr. Ada Ö')).toBe(
      'scrub-review-fls-peg-transfer-Dr-Ada-Ö-2026-11-02-09-05.json',
    );
  });
});
