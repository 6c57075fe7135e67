/**
 * The recording file, `.scrub` (docs/recordings.md, "The .scrub file"): a self-describing header, then the
 * attempt tick by tick in self-contained, checksummed chunks (the per-tick input on the kernel's quantisation grid,
 * delta-encoded per channel and deflated; the head pose where there is one; the actions and findings as they
 * happened), then a trailer with the end: the wall clock, the final state hash and what the trainee's finishing
 * brought. Chunks are written while the attempt runs (`ScrubWriter`), so a browser can store each as it comes;
 * `assembleScrub` joins the parts; `readScrub` validates a whole file and names the first problem it finds.
 * Since version 2 an exported file may end with the instructor's review of the attempt (`withReview`).
 * Pure: runs alike in the browser, in Node and in the core's tests (fflate for deflate, no platform streams).
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { TICK_HZ } from '../kernel/clock.ts';
import { HANDS, type Pose, type ToolInput, idleInput, steers } from '../kernel/input.ts';
import { QUANTA } from '../kernel/quantise.ts';
import { type Action, type Finding, MODES, SEVERITIES } from '../procedure/index.ts';
import type { Annotation, Verdict } from '../scoring/index.ts';
import { crc32 } from './crc32.ts';

/** The first 8 bytes of every .scrub file (like PNG's: a high byte, the name, CR LF to catch text-mode damage). */
export const SCRUB_MAGIC = Uint8Array.of(0x89, 0x53, 0x43, 0x52, 0x55, 0x42, 0x0d, 0x0a);
/** The format version this code writes. Every version up to it still reads (docs/recordings.md, "Versions"). */
export const SCRUB_FORMAT_VERSION = 4;
/** The first version whose files may carry a review block (version 1: the same layout without it). */
const FIRST_REVIEW_VERSION = 2;
/** The first version whose chunks may carry the laparoscope's steering (versions 1–2: the same layout without it). */
const FIRST_SCOPE_VERSION = 3;
/** The first version whose header may say the attempt was one-handed (versions 1–3: two-handed, the same layout). */
const FIRST_ONE_HANDED_VERSION = 4;
/** Ticks per chunk by default: one second at 120 Hz. */
export const DEFAULT_CHUNK_TICKS = TICK_HZ;

const BLOCK_HEADER = 0x48; // 'H'
const BLOCK_CHUNK = 0x43; // 'C'
const BLOCK_TRAILER = 0x54; // 'T'
const BLOCK_REVIEW = 0x52; // 'R'
const PREFIX_BYTES = SCRUB_MAGIC.length + 4; // magic, u16 version, u16 flags
const BLOCK_OVERHEAD = 1 + 4 + 4; // kind, u32 length, …, u32 CRC
const CHUNK_FIXED = 4 + 4 + 2 + 1 + 1; // index, first tick, ticks, flags, reserved
const CHUNK_FLAG_HEAD = 1;
const CHUNK_FLAG_SCOPE = 2;
/** Per hand: position xyz, orientation xyzw, jaw, buttons, instrument (index + 1 into the chunk's table; 0: none). */
const PER_HAND = 10;
export const INPUT_CHANNELS = PER_HAND * HANDS.length;
/** Head pose: position xyz, orientation xyzw, on the position and orientation grids. */
export const HEAD_CHANNELS = 7;
/** Laparoscope steering (`ToolInput.scope`): pan, tilt, zoom, roll, on the steering grid. */
export const SCOPE_CHANNELS = 4;
/** Bounds that keep a damaged file from asking for absurd allocations. */
const MAX_CHUNK_TICKS = 65_535;
const MAX_BLOCK_BYTES = 64 * 1024 * 1024;

export const INPUT_KINDS = ['controllers', 'hands', 'mouse', 'script'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

const HeaderSchema = z.strictObject({
  format: z.literal('scrub'),
  formatVersion: z.number().int().min(1),
  app: z.strictObject({ name: z.string(), version: z.string() }),
  protocol: z.strictObject({ id: z.string().min(1), version: z.string(), hash: z.string() }),
  seed: z.number().int().min(0),
  /** The patient variant the attempt ran (resolved from the seed when none was asked for); null: the protocol has none. */
  variant: z.string().nullable(),
  mode: z.enum(MODES),
  tickHz: z.number().int().positive(),
  /** The learner as they named themselves on this device (no account id). */
  learner: z.string().nullable(),
  handedness: z.enum(['left', 'right']).nullable(),
  /**
   * Version 4 on: whether the attempt was one-handed, an assistant taking the non-dominant hand (its moves are in the
   * input like any other); absent in older files: two-handed.
   */
  oneHanded: z.boolean().optional(),
  inputKind: z.enum(INPUT_KINDS),
  /** Wall clock at the start, ISO 8601 (the core never reads a clock: the shell passes it). */
  startedAt: z.string().nullable(),
  /** Grid steps per unit of the stored integers (kernel/quantise.ts). */
  quanta: z.strictObject({
    position: z.number().positive(),
    orientation: z.number().positive(),
    jaw: z.number().positive(),
    /** Laparoscope steering rates (version 3 on). */
    steer: z.number().positive().optional(),
  }),
  chunkTicks: z.number().int().min(1).max(MAX_CHUNK_TICKS),
  /** Whether chunks carry the head pose (VR). */
  head: z.boolean(),
  /** Whether chunks carry the laparoscope's steering (version 3 on; absent: not). */
  scope: z.boolean().optional(),
  /** Free text: what made the recording (e.g. `scrub simulate --script expert`). */
  source: z.string().optional(),
});
export type ScrubHeader = z.infer<typeof HeaderSchema>;

/** What the caller says about an attempt; the writer fills in the format, grid, tick rate and chunking. */
export type ScrubHeaderInput = Omit<ScrubHeader, 'format' | 'formatVersion' | 'quanta' | 'tickHz' | 'chunkTicks' | 'head' | 'scope' | 'oneHanded'> & {
  oneHanded?: boolean;
  chunkTicks?: number;
  head?: boolean;
  scope?: boolean;
};

/** An action or a finding, at the tick whose simulation brought it (start findings: tick 0). */
export type ScrubEvent = { tick: number; action: Action } | { tick: number; finding: Finding };

const EventSchema = z.union([
  z.strictObject({ tick: z.number().int().min(0), action: z.record(z.string(), z.unknown()) }),
  z.strictObject({ tick: z.number().int().min(0), finding: z.record(z.string(), z.unknown()) }),
]);

const TrailerSchema = z.strictObject({
  ticks: z.number().int().min(0),
  chunks: z.number().int().min(0),
  /** Wall clock at the end, ISO 8601. */
  endedAt: z.string().nullable(),
  /** `Attempt.stateHash()` after the last tick and `finish()`. */
  stateHash: z.string(),
  /** Actions and findings that the trainee's finishing brought (after the last tick). */
  finish: z.array(EventSchema),
});
export type ScrubTrailer = Omit<z.infer<typeof TrailerSchema>, 'finish'> & { finish: ScrubEvent[] };

const FindingVerdictSchema = z.strictObject({
  index: z.number().int().min(0),
  code: z.string(),
  t: z.number(),
  verdict: z.enum(['upheld', 'dismissed', 'regraded']),
  severity: z.enum(SEVERITIES).optional(),
  reason: z.string(),
});

const ReviewSchema = z.strictObject({
  verdicts: z.array(
    z.strictObject({
      reviewer: z.string(),
      atMs: z.number(),
      decision: z.enum(['confirmed', 'overridden', 'invalid']),
      outcome: z.enum(['completed', 'incomplete', 'failed']).optional(),
      passed: z.boolean().optional(),
      score: z.number().optional(),
      findings: z.array(FindingVerdictSchema),
      reason: z.string(),
    }),
  ),
  annotations: z.array(
    z.strictObject({
      id: z.string(),
      t: z.number(),
      text: z.string(),
      author: z.string(),
      atMs: z.number(),
      pin: z.tuple([z.number(), z.number(), z.number()]).optional(),
    }),
  ),
});

/**
 * The instructor's review carried by an exported file (the review block): verdicts oldest first, annotations.
 * The attempt id is the device's, so it stays behind; the importing device files it under its own id.
 */
export interface ScrubReview {
  verdicts: Verdict[];
  annotations: Annotation[];
}

export type ScrubErrorCode = 'bad-magic' | 'unsupported-version' | 'truncated' | 'checksum' | 'malformed' | 'unfinished' | 'protocol-mismatch';

/** A recording that cannot be read (or does not belong to the protocol given): `code` for programs, `message` for people. */
export class ScrubFileError extends Error {
  readonly code: ScrubErrorCode;
  /** Byte offset of the problem in the file, where there is one. */
  readonly offset: number | undefined;
  constructor(code: ScrubErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'ScrubFileError';
    this.code = code;
    this.offset = offset;
  }
}

// ——— writing ———

/** A growable byte buffer with LEB128 varints (zigzag for signed) and little-endian integers. */
class Bytes {
  buf = new Uint8Array(256);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v;
  }
  u16(v: number): void {
    this.u8(v & 0xff);
    this.u8((v >>> 8) & 0xff);
  }
  u32(v: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  /** Unsigned varint of a safe integer (arithmetic, not 32-bit operators: grid values can exceed 2³¹). */
  uvar(v: number): void {
    while (v >= 0x80) {
      this.u8((v % 0x80) + 0x80);
      v = Math.floor(v / 0x80);
    }
    this.u8(v);
  }
  /** Zigzag: 0, −1, 1, −2, … → 0, 1, 2, 3, … */
  svar(v: number): void {
    this.uvar(v < 0 ? -2 * v - 1 : 2 * v);
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** One block: kind, length, payload, CRC-32 (exported for tests that craft blocks). */
export function scrubBlock(kind: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK_OVERHEAD + payload.length);
  const view = new DataView(out.buffer);
  out[0] = kind;
  view.setUint32(1, payload.length, true);
  out.set(payload, 5);
  view.setUint32(5 + payload.length, crc32(out, 0, 5 + payload.length), true);
  return out;
}

function gridInt(x: number, perUnit: number, what: string, tick: number): number {
  const q = Math.round(x * perUnit);
  if (!Number.isSafeInteger(q)) throw new Error(`tick ${tick}: ${what} is ${x}, which a recording cannot hold`);
  return q;
}

/**
 * Writes a recording as it happens: `headerBytes()` first, then `tick()` per simulated tick (its input, and the
 * actions, findings and head pose it brought), which returns a finished chunk every `chunkTicks` ticks (else
 * null), then `finish()`, which returns the last partial chunk (if any) and the trailer. Every part is a
 * self-contained, checksummed block: store them in order and `assembleScrub` gives the file.
 */
export class ScrubWriter {
  readonly header: ScrubHeader;
  private readonly cols: Float64Array[];
  private readonly headCols: Float64Array[];
  private readonly scopeCols: Float64Array[];
  private instruments: string[] = [];
  private events: [number, 'a' | 'f', unknown][] = [];
  private inChunk = 0;
  private firstTick = 0;
  private chunkIndex = 0;
  private finished = false;

  /**
   * `resume`: carry on a recording whose header and first `chunks` chunks (`ticks` ticks) are already stored
   * (an interrupted attempt recovered from its journal): the next chunk is numbered and placed after them.
   */
  constructor(header: ScrubHeaderInput, resume?: { chunks: number; ticks: number }) {
    const { chunkTicks = DEFAULT_CHUNK_TICKS, head = false, scope = false, oneHanded = false, ...rest } = header;
    this.header = HeaderSchema.parse({
      format: 'scrub',
      formatVersion: SCRUB_FORMAT_VERSION,
      ...rest,
      oneHanded,
      tickHz: TICK_HZ,
      quanta: { ...QUANTA },
      chunkTicks,
      head,
      scope,
    });
    this.cols = Array.from({ length: INPUT_CHANNELS }, () => new Float64Array(chunkTicks));
    this.headCols = head ? Array.from({ length: HEAD_CHANNELS }, () => new Float64Array(chunkTicks)) : [];
    this.scopeCols = scope ? Array.from({ length: SCOPE_CHANNELS }, () => new Float64Array(chunkTicks)) : [];
    if (resume) {
      this.chunkIndex = resume.chunks;
      this.firstTick = resume.ticks;
    }
  }

  /** Ticks written so far. */
  get ticks(): number {
    return this.firstTick + this.inChunk;
  }

  /** Chunks emitted so far. */
  get chunks(): number {
    return this.chunkIndex;
  }

  /** The magic, the format version and the header block: the first bytes of the file. */
  headerBytes(): Uint8Array {
    const prefix = new Uint8Array(PREFIX_BYTES);
    prefix.set(SCRUB_MAGIC);
    new DataView(prefix.buffer).setUint16(SCRUB_MAGIC.length, SCRUB_FORMAT_VERSION, true);
    return assembleScrub([prefix, scrubBlock(BLOCK_HEADER, strToU8(JSON.stringify(this.header)))]);
  }

  /** One simulated tick: its input (put on the grid here as the core does), and what it brought. A full chunk, or null. */
  tick(input: ToolInput, brought: { actions?: readonly Action[]; findings?: readonly Finding[]; head?: Pose } = {}): Uint8Array | null {
    if (this.finished) throw new Error('the recording is finished');
    const tick = this.ticks;
    const i = this.inChunk;
    const { position: P, orientation: O, jaw: J, steer: S = QUANTA.steer } = this.header.quanta;
    HANDS.forEach((hand, h) => {
      const { pose, jaw, buttons, instrument } = input.hands[hand];
      const c = h * PER_HAND;
      for (let k = 0; k < 3; k++) this.cols[c + k]![i] = gridInt(pose.position[k]!, P, `${hand} position`, tick);
      for (let k = 0; k < 4; k++) this.cols[c + 3 + k]![i] = gridInt(pose.orientation[k]!, O, `${hand} orientation`, tick);
      this.cols[c + 7]![i] = gridInt(jaw, J, `${hand} jaw`, tick);
      if (!Number.isSafeInteger(buttons) || buttons < 0) throw new Error(`tick ${tick}: ${hand} buttons ${buttons} is not a bitmask`);
      this.cols[c + 8]![i] = buttons;
      this.cols[c + 9]![i] = instrument === null ? 0 : this.instrumentIndex(instrument) + 1;
    });
    if (this.header.head) {
      const head = brought.head ?? { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
      for (let k = 0; k < 3; k++) this.headCols[k]![i] = gridInt(head.position[k]!, P, 'head position', tick);
      for (let k = 0; k < 4; k++) this.headCols[3 + k]![i] = gridInt(head.orientation[k]!, O, 'head orientation', tick);
    }
    if (this.header.scope) {
      const { pan = 0, tilt = 0, zoom = 0, roll = 0 } = input.scope ?? {};
      [pan, tilt, zoom, roll].forEach((v, k) => {
        this.scopeCols[k]![i] = gridInt(v, S, 'laparoscope steering', tick);
      });
    } else if (steers(input.scope)) throw new Error(`tick ${tick}: the input steers a laparoscope, the recording has none`);
    for (const a of brought.actions ?? []) this.events.push([i, 'a', a]);
    for (const f of brought.findings ?? []) this.events.push([i, 'f', f]);
    this.inChunk++;
    return this.inChunk === this.header.chunkTicks ? this.flush() : null;
  }

  /** The ticks since the last chunk as a chunk (null if none): a browser may cut one early, e.g. on pause. */
  flush(): Uint8Array | null {
    const n = this.inChunk;
    if (n === 0) return null;
    const body = new Bytes();
    body.uvar(this.instruments.length);
    for (const id of this.instruments) {
      const u = strToU8(id);
      body.uvar(u.length);
      body.bytes(u);
    }
    // Column by column, each value as the difference from the one before it (the first from 0): still hands
    // and steady motion become runs that deflate well, and the chunk needs nothing from earlier chunks.
    for (const col of [...this.cols, ...this.headCols, ...this.scopeCols]) {
      let prev = 0;
      for (let i = 0; i < n; i++) {
        body.svar(col[i]! - prev);
        prev = col[i]!;
      }
    }
    const events = strToU8(JSON.stringify(this.events));
    body.uvar(events.length);
    body.bytes(events);
    const packed = deflateSync(body.done(), { level: 9 });
    const payload = new Bytes();
    payload.u32(this.chunkIndex);
    payload.u32(this.firstTick);
    payload.u16(n);
    payload.u8((this.header.head ? CHUNK_FLAG_HEAD : 0) | (this.header.scope ? CHUNK_FLAG_SCOPE : 0));
    payload.u8(0);
    payload.bytes(packed);
    this.chunkIndex++;
    this.firstTick += n;
    this.inChunk = 0;
    this.instruments = [];
    this.events = [];
    return scrubBlock(BLOCK_CHUNK, payload.done());
  }

  /** The end: the last partial chunk (if any) and the trailer. The writer takes no more ticks. */
  finish(end: { endedAt: string | null; stateHash: string; actions?: readonly Action[]; findings?: readonly Finding[] }): Uint8Array[] {
    const last = this.flush();
    this.finished = true;
    const tick = Math.max(0, this.ticks - 1);
    const trailer = {
      ticks: this.ticks,
      chunks: this.chunkIndex,
      endedAt: end.endedAt,
      stateHash: end.stateHash,
      finish: [...(end.actions ?? []).map((action) => ({ tick, action })), ...(end.findings ?? []).map((finding) => ({ tick, finding }))],
    };
    const t = scrubBlock(BLOCK_TRAILER, strToU8(JSON.stringify(trailer)));
    return last ? [last, t] : [t];
  }

  private instrumentIndex(id: string): number {
    const i = this.instruments.indexOf(id);
    return i >= 0 ? i : this.instruments.push(id) - 1;
  }
}

/** Joins the parts of a recording (header bytes, chunks, trailer: in the order written) into one file. */
export function assembleScrub(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ——— reading ———

/** A read recording: header, trailer, every tick's input on the grid, head poses, events in order. */
export class ScrubRecording {
  readonly formatVersion: number;
  readonly header: ScrubHeader;
  readonly trailer: ScrubTrailer | null;
  readonly ticks: number;
  /** The grid integers, INPUT_CHANNELS per tick. */
  readonly input: Float64Array;
  /** HEAD_CHANNELS per tick, or null without head poses. */
  readonly head: Float64Array | null;
  /** SCOPE_CHANNELS per tick, or null without laparoscope steering. */
  readonly scope: Float64Array | null;
  /** Per tick, the index into `instruments` + 1 of each hand's instrument is in the input channels. */
  readonly instruments: readonly string[];
  /** Actions and findings of the ticks, in order (the finishing's are in `trailer.finish`). */
  readonly events: readonly ScrubEvent[];
  /** Bytes of the file, and of each chunk. */
  readonly bytes: number;
  readonly chunkBytes: readonly number[];
  /** The instructor's review the file carries (version 2 exports), or null. */
  readonly review: ScrubReview | null;
  /** Bytes of the recording itself: the file without its review block (all of it when there is none). */
  readonly recordingBytes: number;

  constructor(parts: Omit<ScrubRecording, 'inputAt' | 'headAt' | 'durationSeconds'>) {
    this.formatVersion = parts.formatVersion;
    this.header = parts.header;
    this.trailer = parts.trailer;
    this.ticks = parts.ticks;
    this.input = parts.input;
    this.head = parts.head;
    this.scope = parts.scope;
    this.instruments = parts.instruments;
    this.events = parts.events;
    this.bytes = parts.bytes;
    this.chunkBytes = parts.chunkBytes;
    this.review = parts.review;
    this.recordingBytes = parts.recordingBytes;
  }

  get durationSeconds(): number {
    return this.ticks / this.header.tickHz;
  }

  /** The input of one tick, as the simulation consumed it (grid values), written into `out` when given. */
  inputAt(tick: number, out: ToolInput = idleInput()): ToolInput {
    if (!(tick >= 0 && tick < this.ticks)) throw new RangeError(`tick ${tick} is outside the recording (0 … ${this.ticks - 1})`);
    const { position: P, orientation: O, jaw: J } = this.header.quanta;
    const d = this.input;
    let o = tick * INPUT_CHANNELS;
    for (const hand of HANDS) {
      const h = out.hands[hand];
      const p = h.pose.position;
      const q = h.pose.orientation;
      p[0] = d[o]! / P;
      p[1] = d[o + 1]! / P;
      p[2] = d[o + 2]! / P;
      q[0] = d[o + 3]! / O;
      q[1] = d[o + 4]! / O;
      q[2] = d[o + 5]! / O;
      q[3] = d[o + 6]! / O;
      h.jaw = d[o + 7]! / J;
      h.buttons = d[o + 8]!;
      const i = d[o + 9]!;
      h.instrument = i === 0 ? null : this.instruments[i - 1]!;
      o += PER_HAND;
    }
    const s = this.scope;
    if (s) {
      const S = this.header.quanta.steer ?? QUANTA.steer;
      const k = tick * SCOPE_CHANNELS;
      const scope = { pan: s[k]! / S, tilt: s[k + 1]! / S, zoom: s[k + 2]! / S, roll: s[k + 3]! / S };
      // Not steering is no steering input, as it was given (the simulation takes both alike).
      if (steers(scope)) {
        out.scope = scope;
        return out;
      }
    }
    delete out.scope;
    return out;
  }

  /** The head pose of one tick, or null for a recording without them. */
  headAt(tick: number): Pose | null {
    if (this.head === null || !(tick >= 0 && tick < this.ticks)) return null;
    const { position: P, orientation: O } = this.header.quanta;
    const d = this.head;
    const o = tick * HEAD_CHANNELS;
    return { position: [d[o]! / P, d[o + 1]! / P, d[o + 2]! / P], orientation: [d[o + 3]! / O, d[o + 4]! / O, d[o + 5]! / O, d[o + 6]! / O] };
  }
}

class Cursor {
  o = 0;
  constructor(
    readonly b: Uint8Array,
    /** Where these bytes are in the file, and what they are (for messages). */
    readonly base: number,
    readonly what: string,
  ) {}
  fail(message: string): never {
    throw new ScrubFileError('malformed', `${this.what}: ${message} (at byte ${this.base + this.o})`, this.base + this.o);
  }
  uvar(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.o >= this.b.length) this.fail('ends inside a number');
      const byte = this.b[this.o++]!;
      v += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
      if (scale > 2 ** 56) this.fail('a number is too long');
    }
    if (!Number.isSafeInteger(v)) this.fail('a number is too large');
    return v;
  }
  svar(): number {
    const u = this.uvar();
    return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
  }
  take(n: number): Uint8Array {
    if (n > this.b.length - this.o) this.fail(`ends ${n - (this.b.length - this.o)} bytes early`);
    const out = this.b.subarray(this.o, this.o + n);
    this.o += n;
    return out;
  }
}

function json(bytes: Uint8Array, what: string, offset: number): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new ScrubFileError('malformed', `${what} is not valid JSON (at byte ${offset})`, offset);
  }
}

function schemaProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export interface ReadScrubOptions {
  /** Read a recording whose trailer never came (the app closed mid-attempt): `trailer` is null. Default false. */
  allowUnfinished?: boolean;
}

/**
 * Reads and validates a whole recording. Throws `ScrubFileError` naming the first problem: not a recording
 * (`bad-magic`), a newer format (`unsupported-version`), cut short (`truncated`, with the byte), a block
 * whose CRC-32 does not match (`checksum`, naming the chunk), anything out of order or inconsistent
 * (`malformed`), no trailer (`unfinished`).
 */
export function readScrub(bytes: Uint8Array, options: ReadScrubOptions = {}): ScrubRecording {
  if (bytes.length < SCRUB_MAGIC.length || SCRUB_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ScrubFileError('bad-magic', 'not a .scrub recording (the file does not start with the .scrub signature)', 0);
  }
  if (bytes.length < PREFIX_BYTES)
    throw new ScrubFileError('truncated', `truncated at byte ${bytes.length}: the file ends inside its format version`, bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(SCRUB_MAGIC.length, true);
  if (version < 1 || version > SCRUB_FORMAT_VERSION) {
    throw new ScrubFileError(
      'unsupported-version',
      `format version ${version} is ${version > SCRUB_FORMAT_VERSION ? 'newer than this app reads' : 'not a known version'} (this app reads 1 … ${SCRUB_FORMAT_VERSION}; update Scrub to read it)`,
      SCRUB_MAGIC.length,
    );
  }
  const flags = view.getUint16(SCRUB_MAGIC.length + 2, true);
  if (flags !== 0) throw new ScrubFileError('malformed', `unknown format flags ${flags} (at byte ${SCRUB_MAGIC.length + 2})`, SCRUB_MAGIC.length + 2);

  let o = PREFIX_BYTES;
  let chunkNo = 0;
  /** The next block: kind, payload and where it starts; checked against its CRC. */
  const next = (): { kind: number; payload: Uint8Array; at: number } | null => {
    if (o === bytes.length) return null;
    const at = o;
    const name = () =>
      bytes[at] === BLOCK_CHUNK
        ? `chunk ${chunkNo}`
        : bytes[at] === BLOCK_HEADER
          ? 'the header'
          : bytes[at] === BLOCK_TRAILER
            ? 'the trailer'
            : bytes[at] === BLOCK_REVIEW
              ? 'the review'
              : 'a block';
    if (bytes.length - o < 5)
      throw new ScrubFileError('truncated', `truncated at byte ${bytes.length}: the file ends inside the start of ${name()} (byte ${at})`, bytes.length);
    const kind = bytes[o]!;
    const length = view.getUint32(o + 1, true);
    if (length > MAX_BLOCK_BYTES)
      throw new ScrubFileError('malformed', `${name()} at byte ${at} claims ${length} bytes, more than a recording block holds`, at);
    if (bytes.length - o < BLOCK_OVERHEAD + length) {
      throw new ScrubFileError(
        'truncated',
        `truncated at byte ${bytes.length}: ${name()} (byte ${at}) needs ${BLOCK_OVERHEAD + length} bytes, ${bytes.length - o} remain`,
        bytes.length,
      );
    }
    const stored = view.getUint32(o + 5 + length, true);
    if (crc32(bytes, o, o + 5 + length) !== stored) {
      throw new ScrubFileError('checksum', `${name()} (byte ${at}) is damaged: its CRC-32 does not match`, at);
    }
    if (kind !== BLOCK_HEADER && kind !== BLOCK_CHUNK && kind !== BLOCK_TRAILER && !(kind === BLOCK_REVIEW && version >= FIRST_REVIEW_VERSION)) {
      throw new ScrubFileError('malformed', `unknown block kind ${kind} at byte ${at}`, at);
    }
    o += BLOCK_OVERHEAD + length;
    return { kind, payload: bytes.subarray(at + 5, at + 5 + length), at: at + 5 };
  };

  const first = next();
  if (first === null) throw new ScrubFileError('truncated', `truncated at byte ${bytes.length}: no header`, bytes.length);
  if (first.kind !== BLOCK_HEADER) throw new ScrubFileError('malformed', `the first block (byte ${first.at - 5}) is not the header`, first.at - 5);
  const parsedHeader = HeaderSchema.safeParse(json(first.payload, 'the header', first.at));
  if (!parsedHeader.success) throw new ScrubFileError('malformed', `the header is not valid: ${schemaProblem(parsedHeader.error)}`, first.at);
  const header = parsedHeader.data;
  if (header.formatVersion !== version) {
    throw new ScrubFileError('malformed', `the header says format version ${header.formatVersion}, the file's start says ${version}`, first.at);
  }
  if (header.scope !== undefined && version < FIRST_SCOPE_VERSION) {
    throw new ScrubFileError('malformed', `the header names laparoscope steering, which format version ${version} does not have`, first.at);
  }
  if (header.oneHanded !== undefined && version < FIRST_ONE_HANDED_VERSION) {
    throw new ScrubFileError('malformed', `the header names the one-handed mode, which format version ${version} does not have`, first.at);
  }

  const inputs: Float64Array[] = [];
  const heads: Float64Array[] = [];
  const scopes: Float64Array[] = [];
  const instruments: string[] = [];
  const events: ScrubEvent[] = [];
  const chunkBytes: number[] = [];
  let ticks = 0;
  let trailer: ScrubTrailer | null = null;
  let review: ScrubReview | null = null;
  let recordingBytes = bytes.length;
  for (let b = next(); b !== null; b = next()) {
    if (b.kind === BLOCK_REVIEW && trailer !== null && review === null) {
      const parsed = ReviewSchema.safeParse(json(b.payload, 'the review', b.at));
      if (!parsed.success) throw new ScrubFileError('malformed', `the review is not valid: ${schemaProblem(parsed.error)}`, b.at);
      review = parsed.data as ScrubReview; // JSON holds no undefined members
      recordingBytes = b.at - 5;
      continue;
    }
    if (b.kind === BLOCK_REVIEW) {
      throw new ScrubFileError('malformed', `the review (byte ${b.at - 5}) ${trailer === null ? 'comes before the trailer' : 'comes twice'}`, b.at - 5);
    }
    if (trailer !== null) throw new ScrubFileError('malformed', `a block (byte ${b.at - 5}) follows the trailer`, b.at - 5);
    if (b.kind === BLOCK_HEADER) throw new ScrubFileError('malformed', `a second header at byte ${b.at - 5}`, b.at - 5);
    if (b.kind === BLOCK_TRAILER) {
      const parsed = TrailerSchema.safeParse(json(b.payload, 'the trailer', b.at));
      if (!parsed.success) throw new ScrubFileError('malformed', `the trailer is not valid: ${schemaProblem(parsed.error)}`, b.at);
      if (parsed.data.chunks !== chunkNo || parsed.data.ticks !== ticks) {
        throw new ScrubFileError(
          'malformed',
          `the trailer counts ${parsed.data.chunks} chunks and ${parsed.data.ticks} ticks, the file has ${chunkNo} and ${ticks} (chunks missing or added)`,
          b.at,
        );
      }
      trailer = parsed.data as ScrubTrailer;
      continue;
    }
    const chunk = readChunk(b.payload, b.at, chunkNo, ticks, header, instruments);
    inputs.push(chunk.input);
    if (chunk.head) heads.push(chunk.head);
    if (chunk.scope) scopes.push(chunk.scope);
    for (const e of chunk.events) events.push(e);
    chunkBytes.push(b.payload.length + BLOCK_OVERHEAD);
    ticks += chunk.ticks;
    chunkNo++;
  }
  if (trailer === null && !options.allowUnfinished) {
    throw new ScrubFileError(
      'unfinished',
      `no trailer after ${chunkNo} chunks (${ticks} ticks): the recording was not finished, or its end is cut off (at byte ${bytes.length})`,
      bytes.length,
    );
  }
  const input = joined(inputs, ticks * INPUT_CHANNELS);
  const head = header.head ? joined(heads, ticks * HEAD_CHANNELS) : null;
  const scope = header.scope ? joined(scopes, ticks * SCOPE_CHANNELS) : null;
  return new ScrubRecording({
    formatVersion: version,
    header,
    trailer,
    ticks,
    input,
    head,
    scope,
    instruments,
    events,
    bytes: bytes.length,
    chunkBytes,
    review,
    recordingBytes,
  });
}

/** The chunks' parts of one stream, end to end. */
function joined(parts: readonly Float64Array[], length: number): Float64Array {
  const out = new Float64Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A finished recording with the instructor's review as its last block (replacing any it had), for export;
 * without a verdict or an annotation, the recording alone. A version-1 file becomes version 2 (its prefix and
 * header say so; chunks and trailer stay byte for byte), since version-1 readers know no review block.
 */
export function withReview(bytes: Uint8Array, review: ScrubReview | null): Uint8Array {
  const recording = readScrub(bytes);
  const alone = bytes.slice(0, recording.recordingBytes);
  if (!review || (review.verdicts.length === 0 && review.annotations.length === 0)) return alone;
  const payload = strToU8(JSON.stringify(ReviewSchema.parse({ verdicts: review.verdicts, annotations: review.annotations })));
  if (recording.formatVersion >= FIRST_REVIEW_VERSION) return assembleScrub([alone, scrubBlock(BLOCK_REVIEW, payload)]);
  const headerEnd = PREFIX_BYTES + BLOCK_OVERHEAD + new DataView(bytes.buffer, bytes.byteOffset).getUint32(PREFIX_BYTES + 1, true);
  const prefix = alone.slice(0, PREFIX_BYTES);
  new DataView(prefix.buffer).setUint16(SCRUB_MAGIC.length, FIRST_REVIEW_VERSION, true);
  const header = scrubBlock(BLOCK_HEADER, strToU8(JSON.stringify({ ...recording.header, formatVersion: FIRST_REVIEW_VERSION })));
  return assembleScrub([prefix, header, alone.subarray(headerEnd), scrubBlock(BLOCK_REVIEW, payload)]);
}

function readChunk(
  payload: Uint8Array,
  at: number,
  expectedIndex: number,
  expectedFirst: number,
  header: ScrubHeader,
  instruments: string[],
): { ticks: number; input: Float64Array; head: Float64Array | null; scope: Float64Array | null; events: ScrubEvent[] } {
  const what = `chunk ${expectedIndex}`;
  if (payload.length < CHUNK_FIXED) throw new ScrubFileError('malformed', `${what} (byte ${at}) is too short`, at);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const index = view.getUint32(0, true);
  const first = view.getUint32(4, true);
  const n = view.getUint16(8, true);
  const flags = view.getUint8(10);
  if (index !== expectedIndex)
    throw new ScrubFileError('malformed', `chunk ${index} where chunk ${expectedIndex} should be (byte ${at}): chunks missing, repeated or out of order`, at);
  if (first !== expectedFirst)
    throw new ScrubFileError('malformed', `${what} starts at tick ${first}, but the chunks before it end at tick ${expectedFirst}`, at);
  if (n < 1 || n > header.chunkTicks) throw new ScrubFileError('malformed', `${what} holds ${n} ticks (1 … ${header.chunkTicks} allowed)`, at);
  const hasHead = (flags & CHUNK_FLAG_HEAD) !== 0;
  const hasScope = (flags & CHUNK_FLAG_SCOPE) !== 0;
  if (flags & ~(CHUNK_FLAG_HEAD | CHUNK_FLAG_SCOPE) || view.getUint8(11) !== 0 || hasHead !== header.head || hasScope !== (header.scope ?? false))
    throw new ScrubFileError('malformed', `${what} has unknown flags ${flags}`, at);
  let body: Uint8Array;
  try {
    body = inflateSync(payload.subarray(CHUNK_FIXED));
  } catch (error) {
    throw new ScrubFileError('malformed', `${what} (byte ${at}) does not decompress (${error instanceof Error ? error.message : String(error)})`, at);
  }
  const c = new Cursor(body, at, `${what} (decompressed)`);
  const count = c.uvar();
  if (count > 256) c.fail(`names ${count} instruments`);
  const table: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = strFromU8(c.take(c.uvar()));
    let g = instruments.indexOf(id);
    if (g < 0) g = instruments.push(id) - 1;
    table.push(g + 1);
  }
  // Each hand's instrument column names the chunk's table (0: none), its buttons are a bitmask: checked as each
  // column ends, so a message's byte is where the column's bytes stop.
  const input = columns(c, n, INPUT_CHANNELS, (ch, out) => {
    if (ch % PER_HAND === 9) {
      for (let i = ch; i < out.length; i += INPUT_CHANNELS) {
        const k = out[i]!;
        if (k !== 0) out[i] = table[k - 1] ?? c.fail(`tick ${first + (i - ch) / INPUT_CHANNELS} names instrument ${k}, the chunk lists ${count}`);
      }
    }
    if (ch % PER_HAND === 8) {
      for (let i = ch; i < out.length; i += INPUT_CHANNELS) if (out[i]! < 0) c.fail(`tick ${first + (i - ch) / INPUT_CHANNELS} has negative buttons`);
    }
  });
  const head = hasHead ? columns(c, n, HEAD_CHANNELS) : null;
  const scope = hasScope ? columns(c, n, SCOPE_CHANNELS) : null;
  const raw = json(c.take(c.uvar()), `${what}'s events`, at);
  if (c.o !== body.length) c.fail(`${body.length - c.o} bytes left over`);
  const events: ScrubEvent[] = [];
  if (!Array.isArray(raw)) throw new ScrubFileError('malformed', `${what}'s events are not a list`, at);
  let last = 0;
  for (const e of raw) {
    const ok =
      Array.isArray(e) &&
      e.length === 3 &&
      Number.isInteger(e[0]) &&
      (e[1] === 'a' || e[1] === 'f') &&
      typeof e[2] === 'object' &&
      e[2] !== null &&
      !Array.isArray(e[2]);
    if (!ok || e[0] < last || e[0] >= n)
      throw new ScrubFileError('malformed', `${what} has an event that is not [tick, 'a'|'f', {…}] in order within the chunk`, at);
    last = e[0];
    events.push(e[1] === 'a' ? { tick: first + e[0], action: e[2] as Action } : { tick: first + e[0], finding: e[2] as Finding });
  }
  return { ticks: n, input, head, scope, events };
}

/**
 * `channels` delta-coded columns of `n` ticks, interleaved per tick; `ended(ch, out)`, where given, is called as
 * each column is decoded (the cursor just past it), to check or rewrite that column.
 */
function columns(c: Cursor, n: number, channels: number, ended?: (ch: number, out: Float64Array) => void): Float64Array {
  const out = new Float64Array(n * channels);
  for (let ch = 0; ch < channels; ch++) {
    let v = 0;
    for (let i = 0; i < n; i++) {
      v += c.svar();
      out[i * channels + ch] = v;
    }
    ended?.(ch, out);
  }
  return out;
}
