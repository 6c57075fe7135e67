/**
 * The running attempt's `.scrub` recording (docs/recordings.md, "Stored attempts"): an `AttemptRecorder` fed
 * after every tick, keeping the parts it produces (header, chunks) in order. The journal (live-journal.ts)
 * appends the parts it has not written yet; the stored attempt keeps the whole file. A chunk comes every
 * `chunkTicks` ticks (one second), or when the journal cuts one early (`cut()`, at most every half second), so
 * the per-tick cost is the recorder's own: the grid integers into its column buffers, no allocation.
 */
import type { Attempt } from '../core/attempt/attempt.ts';
import type { Pose, ToolInput } from '../core/kernel/input.ts';
import { AttemptRecorder, type RecordingInfo } from '../core/recording/replayer.ts';
import { assembleScrub, readScrub } from '../core/recording/scrub-file.ts';

export class ScrubTape {
  readonly recorder: AttemptRecorder;
  /** The parts produced so far, in order (the header first, unless resuming; then chunks; the trailer last). */
  readonly parts: Uint8Array[] = [];
  /** Bytes of the recording already stored before this tape (a recovered attempt's journal), or null. */
  readonly prefix: Uint8Array | null;
  /** Ticks in `parts` (and the prefix): the ticks a journal holding every part has. */
  ticksInParts: number;
  private done = false;

  constructor(attempt: Attempt, info: RecordingInfo, seed: number, resume?: { bytes: Uint8Array; chunks: number; ticks: number }) {
    this.recorder = new AttemptRecorder(attempt, info, seed, resume ? { chunks: resume.chunks, ticks: resume.ticks } : undefined);
    this.prefix = resume?.bytes ?? null;
    this.ticksInParts = resume?.ticks ?? 0;
    if (!resume) this.parts.push(this.recorder.headerBytes);
  }

  /** Ticks recorded (in parts or in the chunk being filled). */
  get ticks(): number {
    return this.recorder.writer.ticks;
  }

  get finished(): boolean {
    return this.done;
  }

  /** After each `attempt.tick(input)`. Nothing once the recording is finished (an ended attempt stays on screen). */
  afterTick(input: ToolInput, head?: Pose): void {
    if (this.done) return;
    const chunk = this.recorder.afterTick(input, head);
    if (chunk) {
      this.parts.push(chunk);
      this.ticksInParts = this.recorder.writer.ticks;
    }
  }

  /** Cuts the ticks since the last chunk into a chunk now (for the journal). */
  cut(): void {
    if (this.done) return;
    const chunk = this.recorder.flush();
    if (chunk) {
      this.parts.push(chunk);
      this.ticksInParts = this.recorder.writer.ticks;
    }
  }

  /** The attempt is over (finished by the trainee, or by itself): the last chunk and the trailer. Once. */
  finish(endedAtMs: number): void {
    if (this.done) return;
    this.parts.push(...this.recorder.afterFinish(new Date(endedAtMs).toISOString()));
    this.ticksInParts = this.recorder.writer.ticks;
    this.done = true;
  }

  /**
   * Every tick's input recorded so far, read back from the file (on the recording's input grid, as the attempt
   * used it): the ticks not yet in a chunk are cut into one first. For storage and exports, not per tick.
   */
  inputs(): ToolInput[] {
    this.cut();
    return recordedInputs(this.bytes());
  }

  /** The recording so far as one file (unfinished, without a trailer, until `finish`). */
  bytes(): Uint8Array {
    return assembleScrub(this.prefix ? [this.prefix, ...this.parts] : this.parts);
  }
}

/** Every tick's input of a `.scrub` recording (finished or not), as objects: for storage, not per tick. */
export function recordedInputs(bytes: Uint8Array): ToolInput[] {
  const recording = readScrub(bytes, { allowUnfinished: true });
  return Array.from({ length: recording.ticks }, (_, t) => recording.inputAt(t));
}
