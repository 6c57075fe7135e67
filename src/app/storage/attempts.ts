/**
 * Learner profiles and their attempts, in IndexedDB (database `scrub`): the format is docs/recordings.md.
 * The input log, the bulk of an attempt, lives in its own table so that lists and the dashboard read only
 * reports. Settings (the LRS and its credentials) are in another database (settings.ts), never in here.
 */
import Dexie, { type Table } from 'dexie';
import type { Report } from '../../core/scoring/index.ts';
import type { AttemptRecord } from '../../core/progress/index.ts';
import type { Mode } from '../../core/procedure/index.ts';
import type { Hand } from '../../core/kernel/input.ts';
import type { PackedInputLog } from './input-log.ts';

export const ATTEMPTS_DB_NAME = 'scrub';

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
}

interface InputLogRow {
  attemptId: string;
  log: PackedInputLog;
}

type AttemptsDb = Dexie & { profiles: Table<Profile, string>; attempts: Table<StoredAttempt, string>; inputLogs: Table<InputLogRow, string> };

export class AttemptStore {
  private readonly db: AttemptsDb;

  constructor(name = ATTEMPTS_DB_NAME) {
    this.db = new Dexie(name) as AttemptsDb;
    this.db.version(1).stores({ profiles: 'id, name', attempts: 'id, profileId, [profileId+procedure], endedAtMs', inputLogs: 'attemptId' });
  }

  async createProfile(name: string, id: string, createdAtMs: number): Promise<Profile> {
    const profile = { id, name: name.trim(), createdAtMs };
    if (!profile.name) throw new Error('a profile needs a name');
    await this.db.profiles.add(profile);
    return profile;
  }

  profiles(): Promise<Profile[]> {
    return this.db.profiles.orderBy('name').toArray();
  }

  /** Saves the attempt and its input log together; saving the same id again replaces it (idempotent). */
  save(attempt: StoredAttempt, log: PackedInputLog): Promise<void> {
    return this.db.transaction('rw', this.db.attempts, this.db.inputLogs, async () => {
      await this.db.attempts.put(attempt);
      await this.db.inputLogs.put({ attemptId: attempt.id, log });
    });
  }

  /** A profile's attempts, oldest first; of one procedure when given. */
  async attemptsOf(profileId: string, procedure?: string): Promise<StoredAttempt[]> {
    const rows =
      procedure === undefined
        ? await this.db.attempts.where('profileId').equals(profileId).toArray()
        : await this.db.attempts.where('[profileId+procedure]').equals([profileId, procedure]).toArray();
    return rows.sort((a, b) => a.endedAtMs - b.endedAtMs);
  }

  async inputLog(attemptId: string): Promise<PackedInputLog | null> {
    return (await this.db.inputLogs.get(attemptId))?.log ?? null;
  }

  close(): void {
    this.db.close();
  }
}

/** What src/core/progress reads of a stored attempt. */
export function progressRecord(a: StoredAttempt): AttemptRecord {
  return {
    procedure: a.procedure,
    mode: a.mode,
    variant: a.variant,
    endedAtMs: a.endedAtMs,
    timeSec: a.report.metrics.timerSec ?? a.report.metrics.durationSec,
    report: a.report,
  };
}
