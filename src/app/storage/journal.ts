/**
 * The journal of the running attempt: its header when it starts, then its input appended in chunks while it
 * runs (at most every half second, src/app/live-journal.ts), so that a crash or a closed tab loses at most
 * about a second. The next start offers to recover an attempt whose journal is still there: the core is
 * deterministic, so the header (protocol, seed, variant, mode) and the inputs rebuild it tick for tick.
 *
 * `AttemptJournal` is the seam: today the chunks are packed input logs (input-log.ts) in the `scrub` database's
 * `journal` and `journalChunks` tables; the `.scrub` recording's checksummed chunks can take their place
 * behind the same five calls.
 */
import type { ToolInput } from '../../core/kernel/input.ts';
import type { Mode } from '../../core/procedure/index.ts';
import type { Dexie, Table } from 'dexie';
import { type PackedInputLog, packInputLog, unpackInputLog } from './input-log.ts';

export const JOURNAL_FORMAT_VERSION = 1;

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
  log: PackedInputLog;
}

export interface AttemptJournal {
  /** Writes the header of a new attempt (again: no change). */
  start(header: JournalHeader): Promise<void>;
  /**
   * Appends the inputs of ticks `fromTick …` (the ticks after those already journaled) and when it was
   * written. All or nothing: a failed append leaves the journal as it was, to be tried again.
   */
  append(attemptId: string, fromTick: number, ticks: readonly ToolInput[], atMs: number): Promise<void>;
  /** The attempt ended and is stored with the other attempts: its journal is no longer needed. */
  end(attemptId: string): Promise<void>;
  /** Attempts that were started and never ended (nor discarded), oldest first. */
  pending(): Promise<PendingAttempt[]>;
  /** Every journaled input, in order. */
  read(attemptId: string): Promise<ToolInput[]>;
  /** The learner discarded the attempt. */
  clear(attemptId: string): Promise<void>;
}

/** The journal's tables (in the `scrub` database: attempts.ts, schema version 2). */
export type JournalDb = Dexie & { journal: Table<JournalHeaderRow, string>; journalChunks: Table<JournalChunkRow, [string, number]> };

export class DexieAttemptJournal implements AttemptJournal {
  constructor(private readonly db: JournalDb) {}

  async start(header: JournalHeader): Promise<void> {
    await this.db.transaction('rw', this.db.journal, async () => {
      if (await this.db.journal.get(header.attemptId)) return;
      await this.db.journal.put({ ...header, ticks: 0, chunks: 0, lastWriteMs: header.startedAtMs });
    });
  }

  append(attemptId: string, fromTick: number, ticks: readonly ToolInput[], atMs: number): Promise<void> {
    const log = packInputLog(ticks);
    return this.db.transaction('rw', this.db.journal, this.db.journalChunks, async () => {
      const head = await this.db.journal.get(attemptId);
      if (!head) throw new Error(`no journal for attempt ${attemptId}`);
      // Already there (an append whose answer was lost): nothing to do.
      if (head.ticks >= fromTick + ticks.length) return;
      if (head.ticks !== fromTick) throw new Error(`journal of ${attemptId} holds ${head.ticks} ticks; an append from tick ${fromTick} would leave a gap`);
      const seq = head.chunks + 1;
      await this.db.journalChunks.put({ attemptId, seq, fromTick, log });
      await this.db.journal.put({ ...head, ticks: fromTick + ticks.length, chunks: seq, lastWriteMs: atMs });
    });
  }

  end(attemptId: string): Promise<void> {
    return this.remove(attemptId);
  }

  async pending(): Promise<PendingAttempt[]> {
    return (await this.db.journal.toArray()).sort((a, b) => a.startedAtMs - b.startedAtMs);
  }

  async read(attemptId: string): Promise<ToolInput[]> {
    const chunks = await this.db.journalChunks.where('attemptId').equals(attemptId).sortBy('seq');
    const inputs: ToolInput[] = [];
    for (const c of chunks) {
      if (c.fromTick !== inputs.length) throw new Error(`journal of ${attemptId}: chunk ${c.seq} starts at tick ${c.fromTick}, after ${inputs.length}`);
      for (const input of unpackInputLog(c.log)) inputs.push(input);
    }
    return inputs;
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
