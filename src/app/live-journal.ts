/**
 * Appends the running attempt's `.scrub` recording to its journal (storage/journal.ts) while it runs. `pump()`
 * is called from the session's per-frame path: almost always it compares two numbers and returns; every
 * `intervalMs` (half a second, so that with the write itself and a frame the journal stays within a second of
 * the simulation) it cuts the ticks not yet in a chunk into one (`ScrubTape.cut`) and writes every chunk not
 * yet written, one write at a time. A failed write (a full disk) keeps those chunks and reports the problem;
 * the next try, after `retryMs` or on `retry()`, sends everything not yet written, so nothing is skipped.
 */
import { assembleScrub } from '../core/recording/scrub-file.ts';
import type { ScrubTape } from './scrub-tape.ts';
import { type AttemptJournal, type JournalHeader, isQuotaError } from './storage/journal.ts';

export interface JournalProblem {
  kind: 'quota' | 'error';
  message: string;
}

export interface LiveJournalOptions {
  journal: AttemptJournal;
  /** The header, resolved at the first write (the learner profile may need creating first). */
  header: () => Promise<JournalHeader>;
  /** Told of a failed write, and (with null) when writes succeed again. */
  onProblem?: (problem: JournalProblem | null) => void;
  /** Ticks already in the journal (a recovered attempt's), with its header written; the tape then resumes after them. */
  journaled?: number;
  intervalMs?: number;
  retryMs?: number;
}

export const JOURNAL_INTERVAL_MS = 500;

export class LiveJournal {
  /** Ticks known to be in the journal. */
  journaled: number;
  problem: JournalProblem | null = null;
  private headerWritten: boolean;
  private lastWriteMs = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> | null = null;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly retryMs: number;
  private attemptId: string | null = null;
  /** Parts of the tape already in the journal (the header counts as one). */
  private partsWritten = 0;

  constructor(private readonly options: LiveJournalOptions) {
    this.journaled = options.journaled ?? 0;
    this.headerWritten = options.journaled !== undefined;
    this.intervalMs = options.intervalMs ?? JOURNAL_INTERVAL_MS;
    this.retryMs = options.retryMs ?? 5000;
  }

  /** Per frame: writes the new ticks when the interval has passed and no write is under way. */
  pump(tape: ScrubTape, nowMs: number): void {
    if (this.writing !== null || this.stopped || tape.ticks === this.journaled) return;
    if (nowMs - this.lastWriteMs < (this.problem ? this.retryMs : this.intervalMs)) return;
    this.write(tape, nowMs);
  }

  /** Writes what is not yet written now (pausing, the tab hidden), after any write under way. */
  async flush(tape: ScrubTape, nowMs: number): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.stopped && tape.ticks > this.journaled) await this.write(tape, nowMs);
  }

  /** Tries again at the next frame (the learner freed space). */
  retry(): void {
    this.lastWriteMs = Number.NEGATIVE_INFINITY;
  }

  /** No more writes: the attempt ended (and is stored) or was left. Waits for a write under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.writing) await this.writing;
  }

  /** The attempt's id once the header is known (null before the first write). */
  get id(): string | null {
    return this.attemptId;
  }

  private write(tape: ScrubTape, nowMs: number): Promise<void> {
    this.lastWriteMs = nowMs;
    tape.cut();
    const from = this.journaled;
    const to = tape.ticksInParts;
    // The header part (a fresh tape's first) goes with start(); the chunks after it with append().
    const headerPart = tape.prefix === null ? tape.parts[0]! : null;
    const firstChunk = Math.max(this.partsWritten, headerPart ? 1 : 0);
    const partsTo = tape.parts.length;
    const bytes = assembleScrub(tape.parts.slice(firstChunk, partsTo));
    const { journal } = this.options;
    const run = async (): Promise<void> => {
      try {
        const header = await this.options.header();
        this.attemptId = header.attemptId;
        if (!this.headerWritten) {
          if (!headerPart) throw new Error('a resumed recording needs its journal');
          await journal.start(header, headerPart);
          this.headerWritten = true;
        }
        if (to > from) await journal.append(header.attemptId, from, to, bytes, Date.now());
        this.journaled = to;
        this.partsWritten = partsTo;
        if (this.problem) {
          this.problem = null;
          this.options.onProblem?.(null);
        }
      } catch (error) {
        this.problem = isQuotaError(error)
          ? { kind: 'quota', message: 'This device’s storage is full.' }
          : { kind: 'error', message: error instanceof Error ? error.message : String(error) };
        this.options.onProblem?.(this.problem);
      } finally {
        this.writing = null;
      }
    };
    this.writing = run();
    return this.writing;
  }
}
