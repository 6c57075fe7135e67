/**
 * The journal of the running attempt: its `.scrub` recording as it is made — the header when it starts, then
 * its checksummed chunks appended while it runs (at most every half second, src/app/live-journal.ts), so that a
 * crash or a closed tab loses at most about a second. The next start offers to recover an attempt whose journal
 * is still there: `read` gives the recording so far (no trailer), which `readScrub(…, { allowUnfinished: true })`
 * reads and the core re-simulates tick for tick (src/app/recovery.ts).
 *
 * `AttemptJournal` is the seam, five calls (and `read`), in the `scrub` database's `journal` and
 * `journalChunks` tables.
 */
import type { Mode } from '../../core/procedure/index.ts';
import type { Dexie, Table } from 'dexie';

/** 2: the chunks are `.scrub` blocks (schema version 3); 1 was packed input logs (dropped by the upgrade). */
export const JOURNAL_FORMAT_VERSION = 2;

/** What the attempt is: enough to start it again exactly, and to name it in the recovery offer. */
export interface JournalHeader {
  formatVersion: typeof JOURNAL_FORMAT_VERSION;
  attemptId: string;
  protocolId: string;
  protocolVersion: string;
  /** For the offer ("FLS peg transfer"); the protocol file is what counts. */
  protocolTitle: string;
  seed: number;
  /** The patient variant the attempt runs on (null: the protocol has none). */
  variant: string | null;
  mode: Mode;
  profileId: string;
  profileName: string;
  /** Wall clock, ms since the epoch. */
  startedAtMs: number;
  /** Where the input came from when it started. */
  inputKind: 'desktop' | 'vr';
}

/** A journal on the device: its header, how many ticks it holds and when it was last written. */
export interface PendingAttempt extends JournalHeader {
  /** The `.scrub` recording's first bytes (signature, version, header block). */
  scrubHeader: Uint8Array;
  ticks: number;
  chunks: number;
  /** Wall clock of the latest append (or of the start). */
  lastWriteMs: number;
}

export type JournalHeaderRow = PendingAttempt;

export interface JournalChunkRow {
  attemptId: string;
  /** 1, 2, …: the order of the chunks. */
  seq: number;
  fromTick: number;
  /** One or more whole `.scrub` chunk blocks, in order. */
  bytes: Uint8Array;
}

export interface AttemptJournal {
  /** Writes the header of a new attempt and its recording's header bytes (again: no change). */
  start(header: JournalHeader, scrubHeader: Uint8Array): Promise<void>;
  /**
   * Appends the recording's chunks (`bytes`: whole blocks) holding ticks `fromTick … toTick − 1` (the ticks after
   * those already journaled) and when it was written. All or nothing: a failed append leaves the journal as it
   * was, to be tried again.
   */
  append(attemptId: string, fromTick: number, toTick: number, bytes: Uint8Array, atMs: number): Promise<void>;
  /** The attempt ended and is stored with the other attempts: its journal is no longer needed. */
  end(attemptId: string): Promise<void>;
  /** Attempts that were started and never ended (nor discarded), oldest first. */
  pending(): Promise<PendingAttempt[]>;
  /** The recording so far: header and every journaled chunk, in order (a `.scrub` file without its trailer). */
  read(attemptId: string): Promise<Uint8Array>;
  /** The learner discarded the attempt. */
  clear(attemptId: string): Promise<void>;
}

/** The journal's tables (in the `scrub` database: attempts.ts, since schema version 2; `.scrub` chunks since 3). */
export type JournalDb = Dexie & { journal: Table<JournalHeaderRow, string>; journalChunks: Table<JournalChunkRow, [string, number]> };

export class DexieAttemptJournal implements AttemptJournal {
  constructor(private readonly db: JournalDb) {}

  async start(header: JournalHeader, scrubHeader: Uint8Array): Promise<void> {
    await this.db.transaction('rw', this.db.journal, async () => {
      if (await this.db.journal.get(header.attemptId)) return;
      await this.db.journal.put({ ...header, scrubHeader, ticks: 0, chunks: 0, lastWriteMs: header.startedAtMs });
    });
  }

  append(attemptId: string, fromTick: number, toTick: number, bytes: Uint8Array, atMs: number): Promise<void> {
    return this.db.transaction('rw', this.db.journal, this.db.journalChunks, async () => {
      const head = await this.db.journal.get(attemptId);
      if (!head) throw new Error(`no journal for attempt ${attemptId}`);
      // Already there (an append whose answer was lost): nothing to do.
      if (head.ticks >= toTick) return;
      if (head.ticks !== fromTick) throw new Error(`journal of ${attemptId} holds ${head.ticks} ticks; an append from tick ${fromTick} would leave a gap`);
      const seq = head.chunks + 1;
      await this.db.journalChunks.put({ attemptId, seq, fromTick, bytes });
      await this.db.journal.put({ ...head, ticks: toTick, chunks: seq, lastWriteMs: atMs });
    });
  }

  end(attemptId: string): Promise<void> {
    return this.remove(attemptId);
  }

  async pending(): Promise<PendingAttempt[]> {
    return (await this.db.journal.toArray()).sort((a, b) => a.startedAtMs - b.startedAtMs);
  }

  async read(attemptId: string): Promise<Uint8Array> {
    return this.db.transaction('r', this.db.journal, this.db.journalChunks, async () => {
      const head = await this.db.journal.get(attemptId);
      if (!head) throw new Error(`no journal for attempt ${attemptId}`);
      const chunks = await this.db.journalChunks.where('attemptId').equals(attemptId).sortBy('seq');
      const out = new Uint8Array(head.scrubHeader.length + chunks.reduce((n, c) => n + c.bytes.length, 0));
      out.set(head.scrubHeader, 0);
      let o = head.scrubHeader.length;
      for (const c of chunks) {
        out.set(c.bytes, o);
        o += c.bytes.length;
      }
      return out;
    });
  }

  clear(attemptId: string): Promise<void> {
    return this.remove(attemptId);
  }

  private remove(attemptId: string): Promise<void> {
    return this.db.transaction('rw', this.db.journal, this.db.journalChunks, async () => {
      await this.db.journalChunks.where('attemptId').equals(attemptId).delete();
      await this.db.journal.delete(attemptId);
    });
  }
}

/** Whether an error (Dexie's, the browser's, or one wrapped in either) says the device's storage is full. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner ?? cause;
  }
  return false;
}
