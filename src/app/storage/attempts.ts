/**
 * Learner profiles and their attempts, in IndexedDB (database `scrub`): the format is docs/recordings.md.
 * The input log, the bulk of an attempt, lives in its own table so that lists and the dashboard read only
 * reports. Settings (the LRS and its credentials) are in another database (settings.ts), never in here.
 */
import Dexie, { type Table } from 'dexie';
import { type AttemptReview, type Report, effectiveReport } from '../../core/scoring/index.ts';
import type { SentAttempt } from '../../core/xapi/index.ts';
import type { AttemptRecord } from '../../core/progress/index.ts';
import type { Mode } from '../../core/procedure/index.ts';
import type { Hand } from '../../core/kernel/input.ts';
import type { PackedInputLog } from './input-log.ts';
import type { JournalChunkRow, JournalHeaderRow } from './journal.ts';

export const ATTEMPTS_DB_NAME = 'scrub';
/**
 * The format of a stored attempt row (`StoredAttempt.formatVersion`, docs/recordings.md): 2 keeps the attempt's
 * `.scrub` recording (table `recordings`); 1 kept a packed input log (table `inputLogs`), and rows written so
 * are left as they were by the upgrade to schema version 3: they still load and replay from their input log.
 */
export const ATTEMPT_FORMAT_VERSION = 2;
/** The row format whose input is a packed input log (`inputLogs`) rather than a `.scrub` recording. */
export const ATTEMPT_FORMAT_INPUT_LOG = 1;
/**
 * The schema version that adds the `recordings` table. Another branch may add a version for another table: on
 * a merge, the later of the two takes the next number; neither upgrade depends on the other.
 */
export const SCHEMA_VERSION_RECORDINGS = 3;
/** Schema version 4 adds the instructors' reviews (docs/instructor.md). */
export const SCHEMA_VERSION_REVIEWS = 4;

export interface Profile {
  id: string;
  name: string;
  createdAtMs: number;
}

/** Speed over time for a chart: the peak of each bucket (src/core/metrics speedProfile), float32. */
export interface SpeedSeries {
  t: Float32Array;
  v: Float32Array;
}

export interface StoredAttempt {
  /** ATTEMPT_FORMAT_VERSION when it was written (rows from schema version 1 are upgraded to 1). */
  formatVersion: number;
  id: string;
  profileId: string;
  procedure: string;
  version: string;
  variant: string;
  mode: Mode;
  /** With the input log, replays the attempt exactly. */
  seed: number;
  /** Wall clock, ms since the epoch. */
  startedAtMs: number;
  endedAtMs: number;
  /** docs/report.md, with metrics.motion. */
  report: Report;
  speeds: Record<Hand, SpeedSeries>;
  /** Each hand's tip path, xyz float32 triples, thinned (the full path is in the input log). */
  paths: Record<Hand, Float32Array>;
  /**
   * Set when the attempt was performed mirrored (a left-handed learner, docs/accessibility.md): its report, speeds
   * and paths are canonical, and a screen that names a hand names the other one. Absent: performed standard (or
   * stored before it was kept; the `.scrub` header's `handedness` with the protocol says).
   */
  mirrored?: true;
  /**
   * Set when the attempt was interrupted (the tab closed or crashed) and recovered from its journal: the tick
   * it had reached. `incomplete` when the learner kept it as it was rather than finishing it.
   */
  interrupted?: { atTick: number; incomplete: boolean };
  /**
   * Set when the attempt came from a `.scrub` file (src/app/attempt-files.ts): the learner named in the file,
   * when it was imported, and the file's name. Its report is the re-simulation's.
   */
  imported?: { learner: string | null; atMs: number; file: string };
  /**
   * What was queued for the LRS (its registration and statement ids), so that a review can amend or void
   * those statements. Absent on attempts stored before it was kept, and on imported ones.
   */
  xapi?: SentAttempt;
}

/** A stored attempt's `.scrub` recording (format 2 rows). */
export interface RecordingRow {
  attemptId: string;
  bytes: Uint8Array;
}

interface InputLogRow {
  attemptId: string;
  log: PackedInputLog;
}

export type AttemptsDb = Dexie & {
  profiles: Table<Profile, string>;
  attempts: Table<StoredAttempt, string>;
  inputLogs: Table<InputLogRow, string>;
  recordings: Table<RecordingRow, string>;
  journal: Table<JournalHeaderRow, string>;
  journalChunks: Table<JournalChunkRow, [string, number]>;
  reviews: Table<AttemptReview, string>;
};

/** The schema of version 1 (kept so that the upgrade can be tested from a database that has it). */
export const ATTEMPTS_SCHEMA_V1 = { profiles: 'id, name', attempts: 'id, profileId, [profileId+procedure], endedAtMs', inputLogs: 'attemptId' };
/** What version 2 added (kept so that the upgrade to 3 can be tested from a database that has it). */
export const ATTEMPTS_SCHEMA_V2 = { journal: 'attemptId', journalChunks: '[attemptId+seq], attemptId' };

/** Opens a database at schema version 2 exactly (tests of the upgrade). */
export function openAttemptsDbV2(name = ATTEMPTS_DB_NAME): AttemptsDb {
  const db = new Dexie(name) as AttemptsDb;
  db.version(1).stores(ATTEMPTS_SCHEMA_V1);
  db.version(2).stores(ATTEMPTS_SCHEMA_V2);
  return db;
}

/**
 * The `scrub` database and its schema history. Version 2 adds the journal of the running attempt (its
 * header, and its input appended as it runs) and stamps every stored attempt with its `formatVersion`.
 * Version 3 (`SCHEMA_VERSION_RECORDINGS`) adds `recordings` (each new attempt's `.scrub` bytes): old attempts keep their packed input logs; the journal now holds `.scrub` chunks, so
 * journals of the packed kind (an attempt interrupted before the update) are dropped.
 * Version 4 (`SCHEMA_VERSION_REVIEWS`) adds the instructors' reviews (src/core/scoring/review.ts), one row per
 * reviewed attempt, kept beside the attempt so that its automatic report is never rewritten.
 */
export function openAttemptsDb(name = ATTEMPTS_DB_NAME): AttemptsDb {
  const db = new Dexie(name) as AttemptsDb;
  db.version(1).stores(ATTEMPTS_SCHEMA_V1);
  db.version(2)
    .stores(ATTEMPTS_SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table<StoredAttempt, string>('attempts')
        .toCollection()
        .modify((a) => {
          a.formatVersion ??= 1;
        }),
    );
  db.version(SCHEMA_VERSION_RECORDINGS)
    .stores({ recordings: 'attemptId' })
    .upgrade(async (tx) => {
      const old = await tx
        .table<{ attemptId: string; formatVersion?: number }, string>('journal')
        .filter((j) => j.formatVersion !== 2)
        .primaryKeys();
      await tx.table('journal').bulkDelete(old);
      await tx.table('journalChunks').where('attemptId').anyOf(old).delete();
    });
  db.version(SCHEMA_VERSION_REVIEWS).stores({ reviews: 'attemptId' });
  return db;
}

export class AttemptStore {
  readonly db: AttemptsDb;

  constructor(name = ATTEMPTS_DB_NAME) {
    this.db = openAttemptsDb(name);
  }

  async createProfile(name: string, id: string, createdAtMs: number): Promise<Profile> {
    const profile = { id, name: name.trim(), createdAtMs };
    if (!profile.name) throw new Error('a profile needs a name');
    await this.db.profiles.add(profile);
    return profile;
  }

  async profile(id: string): Promise<Profile | null> {
    return (await this.db.profiles.get(id)) ?? null;
  }

  profiles(): Promise<Profile[]> {
    return this.db.profiles.orderBy('name').toArray();
  }

  /**
   * Saves the attempt and its `.scrub` recording (and, for an imported file that carries one, its review)
   * together, in one transaction; saving the same id again replaces it (idempotent).
   */
  save(attempt: StoredAttempt, recording: Uint8Array, review?: AttemptReview): Promise<void> {
    return this.db.transaction('rw', this.db.attempts, this.db.recordings, this.db.reviews, async () => {
      await this.db.attempts.put(attempt);
      await this.db.recordings.put({ attemptId: attempt.id, bytes: recording });
      if (review) await this.db.reviews.put(review);
    });
  }

  /** Saves a format-1 row with its packed input log (tests of older data). */
  saveWithInputLog(attempt: StoredAttempt, log: PackedInputLog): Promise<void> {
    return this.db.transaction('rw', this.db.attempts, this.db.inputLogs, async () => {
      await this.db.attempts.put(attempt);
      await this.db.inputLogs.put({ attemptId: attempt.id, log });
    });
  }

  /** A stored attempt's `.scrub` recording (format 2 rows), or null. */
  async recording(attemptId: string): Promise<Uint8Array | null> {
    return (await this.db.recordings.get(attemptId))?.bytes ?? null;
  }

  async attempt(id: string): Promise<StoredAttempt | null> {
    return (await this.db.attempts.get(id)) ?? null;
  }

  /** Every stored attempt on the device (a class), oldest first. */
  async allAttempts(): Promise<StoredAttempt[]> {
    return (await this.db.attempts.toArray()).sort((a, b) => a.endedAtMs - b.endedAtMs);
  }

  /** A profile's attempts, oldest first; of one procedure when given. */
  async attemptsOf(profileId: string, procedure?: string): Promise<StoredAttempt[]> {
    const rows =
      procedure === undefined
        ? await this.db.attempts.where('profileId').equals(profileId).toArray()
        : await this.db.attempts.where('[profileId+procedure]').equals([profileId, procedure]).toArray();
    return rows.sort((a, b) => a.endedAtMs - b.endedAtMs);
  }

  async review(attemptId: string): Promise<AttemptReview | null> {
    return (await this.db.reviews.get(attemptId)) ?? null;
  }

  /** The reviews of these attempts (all on the device when not given), by attempt id. */
  async reviews(attemptIds?: readonly string[]): Promise<Map<string, AttemptReview>> {
    const rows = attemptIds ? (await this.db.reviews.bulkGet([...attemptIds])).filter((r) => r !== undefined) : await this.db.reviews.toArray();
    return new Map(rows.map((r) => [r.attemptId, r]));
  }

  /** Saves a review (replacing the attempt's earlier row: the row holds every verdict, oldest first). */
  async saveReview(review: AttemptReview): Promise<void> {
    await this.db.reviews.put(review);
  }

  async inputLog(attemptId: string): Promise<PackedInputLog | null> {
    return (await this.db.inputLogs.get(attemptId))?.log ?? null;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * What src/core/progress reads of a stored attempt: its report as the instructor's review left it
 * (`effectiveReport`); null when the review declared it invalid, so that it counts for nothing.
 */
export function progressRecord(a: StoredAttempt, review?: AttemptReview | null): AttemptRecord | null {
  const report = effectiveReport(a.report, review);
  if (!report) return null;
  return {
    procedure: a.procedure,
    mode: a.mode,
    variant: a.variant,
    endedAtMs: a.endedAtMs,
    timeSec: a.report.metrics.timerSec ?? a.report.metrics.durationSec,
    report,
  };
}
