/**
 * Recording an attempt into a .scrub file as it runs (`AttemptRecorder`), and replaying one (`Replayer`):
 * replay is re-simulation — the recorded input through the same core — and it proves itself: every tick's
 * actions and findings, the finishing's, and the final state hash must come out as recorded; the first
 * difference is reported (tick and what), never hidden. Seeking restores the nearest in-memory snapshot taken
 * while verifying and re-simulates from there.
 */
import { strToU8 } from 'fflate';
import { Attempt, type AttemptSnapshot } from '../attempt/attempt.ts';
import { StateHasher } from '../kernel/hash.ts';
import { type Pose, type ToolInput, idleInput } from '../kernel/input.ts';
import type { Action, Finding, Protocol } from '../procedure/index.ts';
import type { Report } from '../scoring/index.ts';
import { crc32 } from './crc32.ts';
import { SnapshotStore } from './snapshot-store.ts';
import {
  type ReadScrubOptions,
  type ScrubEvent,
  ScrubFileError,
  type ScrubHeaderInput,
  type ScrubRecording,
  ScrubWriter,
  assembleScrub,
  readScrub,
} from './scrub-file.ts';

/**
 * The content hash of a protocol as parsed (its JSON, without `translations`): FNV-1a and CRC-32, 16 hex digits. A recording names the
 * protocol it ran by id, version and this hash, so a protocol edited without a new version is still caught.
 */
export function protocolHash(protocol: Protocol): string {
  // Translations, the left-handed layout (drawn mirrored or not: docs/accessibility.md) and the one-handed mode's
  // assistant (whose moves the recording holds as input) change no grading, so a protocol translated or given its
  // `handedness` or `oneHanded` later still replays its recordings.
  const { translations, handedness, oneHanded, ...graded } = protocol;
  const text = JSON.stringify(graded);
  return new StateHasher().string(text).digest() + crc32(strToU8(text)).toString(16).padStart(8, '0');
}

/** The header fields an attempt already knows (protocol, seed, variant, mode). */
export type RecordingInfo = Omit<ScrubHeaderInput, 'protocol' | 'seed' | 'variant' | 'mode'>;

/**
 * Records an attempt while it runs. Call `afterTick(input)` right after each `attempt.tick(input)` (with the head
 * pose in VR): it returns a finished chunk every `chunkTicks` ticks (store it as it comes), else null. After
 * `attempt.finish()`, `afterFinish(endedAt)` returns the last chunk and the trailer. `headerBytes` come first.
 */
export class AttemptRecorder {
  readonly writer: ScrubWriter;
  readonly headerBytes: Uint8Array;
  private actionsSeen = 0;
  private findingsSeen = 0;

  /**
   * `resume`: the attempt has already been re-simulated through the first `ticks` ticks of a recording whose
   * header and `chunks` chunks are stored (recovery): record on from there; what the attempt did so far is in
   * those chunks already.
   */
  constructor(
    readonly attempt: Attempt,
    info: RecordingInfo,
    seed: number,
    resume?: { chunks: number; ticks: number },
  ) {
    this.writer = new ScrubWriter(
      {
        ...info,
        protocol: { id: attempt.protocol.id, version: attempt.protocol.version, hash: protocolHash(attempt.protocol) },
        seed,
        variant: attempt.variant?.id ?? null,
        mode: attempt.mode,
        // A held laparoscope's steering is part of the input (recorded whether or not the learner steers); a
        // resumed recording keeps its header's word (a journal written before steering was recorded has none).
        scope: info.scope ?? attempt.world.laparoscope !== null,
      },
      resume,
    );
    this.headerBytes = this.writer.headerBytes();
    if (resume) {
      this.actionsSeen = attempt.actions.length;
      this.findingsSeen = attempt.findingLog.length;
    }
  }

  afterTick(input: ToolInput, head?: Pose): Uint8Array | null {
    const brought = this.brought();
    return this.writer.tick(input, head ? { ...brought, head } : brought);
  }

  /** The ticks since the last chunk, as a chunk (e.g. on pause), or null. */
  flush(): Uint8Array | null {
    return this.writer.flush();
  }

  afterFinish(endedAt: string | null): Uint8Array[] {
    return this.writer.finish({ endedAt, stateHash: this.attempt.stateHash(), ...this.brought() });
  }

  private brought(): { actions: Action[]; findings: Finding[] } {
    const a = this.attempt;
    const actions = a.actions.slice(this.actionsSeen);
    const findings = a.findingLog.slice(this.findingsSeen);
    this.actionsSeen = a.actions.length;
    this.findingsSeen = a.findingLog.length;
    return { actions, findings };
  }
}

/** Anything that gives a tick's input: a `KeyframePlayer`, a `ScrubRecording`. */
export interface InputSource {
  readonly ticks: number;
  inputAt(tick: number, out?: ToolInput): ToolInput;
}

/**
 * Plays `source` through `attempt` (new, not yet ticked) tick by tick, recording it; then finishes the attempt.
 * Returns the whole file (`endedAt` may be a function: the shell's clock, read at the end). The headless path of `scrub simulate` and of the tests.
 */
export function recordInputs(
  attempt: Attempt,
  seed: number,
  source: InputSource,
  info: RecordingInfo & { endedAt?: string | null | (() => string | null) },
): Uint8Array {
  const { endedAt = null, ...header } = info;
  const recorder = new AttemptRecorder(attempt, header, seed);
  const parts = [recorder.headerBytes];
  const input = idleInput();
  for (let tick = 0; tick < source.ticks; tick++) {
    source.inputAt(tick, input);
    attempt.tick(input);
    const chunk = recorder.afterTick(input);
    if (chunk) parts.push(chunk);
  }
  attempt.finish();
  parts.push(...recorder.afterFinish(typeof endedAt === 'function' ? endedAt() : endedAt));
  return assembleScrub(parts);
}

/** Where a replay first differed from its recording. */
export interface Divergence {
  /** The tick (the finishing counts as the last tick), or null for the final state hash. */
  tick: number | null;
  /** One line: what differed. */
  what: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Ticks re-simulated. */
  ticks: number;
  /** The final state hash of the re-simulation. */
  stateHash: string;
  divergence: Divergence | null;
  /** The app version that recorded it differs from the replaying one (a likely reason for a divergence). */
  appVersionDiffers: boolean;
}

export interface ReplayerOptions extends ReadScrubOptions {
  /** The replaying app's version, compared with the recording's. */
  appVersion?: string;
}

export interface VerifyOptions {
  /** Keep an in-memory snapshot every this many ticks while verifying, for `seek` (0: none). Default 120 (1 s). */
  snapshotEvery?: number;
  /**
   * After the first difference, go on re-simulating to the end (without comparing) so the re-simulated attempt
   * is whole — for a viewer showing what this app makes of the recording. The result still names the first
   * difference. Default false: stop there.
   */
  continueAfterDivergence?: boolean;
  /** Called after every re-simulated tick (e.g. to keep the tip paths). */
  onTick?: (attempt: Attempt, tick: number) => void;
}

/** A verification run in slices (`Replayer.verification`). */
export interface Verification {
  /** Ticks to re-simulate. */
  readonly total: number;
  /** Ticks re-simulated so far. */
  readonly progress: number;
  /** Re-simulates up to `maxTicks` more ticks; returns the result once done (and the same result after). */
  step(maxTicks: number): VerifyResult | null;
}

/**
 * Replays a recording through a fresh `Attempt` of its protocol. `verify()` re-simulates it all and checks it;
 * `seek(tick)` then gives the state after any tick quickly. The recording must be of `protocol` (id, version and
 * content hash), else `load` throws a `ScrubFileError` with code `protocol-mismatch`.
 */
export class Replayer {
  readonly recording: ScrubRecording;
  readonly protocol: Protocol;
  private readonly appVersion: string | undefined;
  private attempt: Attempt;
  private readonly input: ToolInput = idleInput();
  /** Snapshots taken while verifying, at ticks 0, N, 2N, … */
  private snapshots = new SnapshotStore<AttemptSnapshot>();
  private snapshotEvery = 0;
  private verified: VerifyResult | null = null;

  private constructor(recording: ScrubRecording, protocol: Protocol, options: ReplayerOptions) {
    this.recording = recording;
    this.protocol = protocol;
    this.appVersion = options.appVersion;
    this.attempt = this.freshAttempt();
  }

  /** Reads (`readScrub`) and checks the protocol; throws ScrubFileError. */
  static load(bytes: Uint8Array, protocol: Protocol, options: ReplayerOptions = {}): Replayer {
    return Replayer.of(readScrub(bytes, options), protocol, options);
  }

  static of(recording: ScrubRecording, protocol: Protocol, options: ReplayerOptions = {}): Replayer {
    const want = recording.header.protocol;
    const hash = protocolHash(protocol);
    if (want.id !== protocol.id || want.version !== protocol.version || want.hash !== hash) {
      throw new ScrubFileError(
        'protocol-mismatch',
        `recorded with protocol ${want.id} ${want.version} (hash ${want.hash}), replaying with ${protocol.id} ${protocol.version} (hash ${hash})`,
      );
    }
    return new Replayer(recording, protocol, options);
  }

  /** The attempt as re-simulated so far (after `verify`, the whole attempt, finished; after `seek`, at that tick). */
  get current(): Attempt {
    return this.attempt;
  }

  /** The report of the re-simulated attempt (after `verify`). */
  report(): Report {
    if (!this.verified) throw new Error('verify() first');
    return this.attempt.report();
  }

  /**
   * Re-simulates every tick, comparing each tick's actions and findings with the recorded ones, then the
   * finishing's and the final state hash. Stops at the first difference (the result names it).
   */
  verify(options: VerifyOptions = {}): VerifyResult {
    const v = this.verification(options);
    for (;;) {
      const result = v.step(Number.POSITIVE_INFINITY);
      if (result) return result;
    }
  }

  /**
   * The same check as `verify`, in slices: call `step(maxTicks)` until it returns the result (a browser runs a
   * slice per frame or per time budget, so the page stays responsive). `progress` is the ticks done so far.
   */
  verification(options: VerifyOptions = {}): Verification {
    const rec = this.recording;
    this.snapshotEvery = Math.max(0, Math.floor(options.snapshotEvery ?? 120));
    this.snapshots = new SnapshotStore<AttemptSnapshot>();
    this.verified = null;
    const attempt = this.freshAttempt();
    this.attempt = attempt;
    const keepGoing = options.continueAfterDivergence === true;
    const onTick = options.onTick;
    const appVersionDiffers = this.appVersion !== undefined && this.appVersion !== rec.header.app.version;
    let divergence: Divergence | null = null;
    const diverge = (tick: number | null, what: string): void => {
      if (divergence) return;
      const why = appVersionDiffers ? ` (recorded by ${rec.header.app.name} ${rec.header.app.version}, replayed by ${this.appVersion})` : '';
      divergence = { tick, what: what + why };
    };
    const done = (ticks: number): VerifyResult => {
      this.verified = { ok: divergence === null, ticks, stateHash: attempt.stateHash(), divergence, appVersionDiffers };
      return this.verified;
    };
    let e = 0;
    let actionsSeen = 0;
    let findingsSeen = 0;
    const events = rec.events;
    const compare = (tick: number, recorded: readonly ScrubEvent[], from: number, to: number): string | null => {
      const replayed: string[] = [];
      for (let i = actionsSeen; i < attempt.actions.length; i++) replayed.push(`action ${JSON.stringify(attempt.actions[i])}`);
      for (let i = findingsSeen; i < attempt.findingLog.length; i++) replayed.push(`finding ${JSON.stringify(attempt.findingLog[i])}`);
      actionsSeen = attempt.actions.length;
      findingsSeen = attempt.findingLog.length;
      const wanted: string[] = [];
      for (let i = from; i < to; i++) {
        const ev = recorded[i]!;
        wanted.push('action' in ev ? `action ${JSON.stringify(ev.action)}` : `finding ${JSON.stringify(ev.finding)}`);
      }
      for (let i = 0; i < Math.max(wanted.length, replayed.length); i++) {
        if (wanted[i] !== replayed[i]) {
          return `tick ${tick}: recorded ${wanted[i] ?? 'nothing more'}, re-simulated ${replayed[i] ?? 'nothing more'}`;
        }
      }
      return null;
    };
    let tick = 0;
    let result: VerifyResult | null = null;
    const verification: Verification = {
      total: rec.ticks,
      get progress() {
        return tick;
      },
      step: (maxTicks: number): VerifyResult | null => {
        if (result) return result;
        const until = Math.min(rec.ticks, tick + Math.max(1, maxTicks));
        for (; tick < until; tick++) {
          if (this.snapshotEvery > 0 && tick % this.snapshotEvery === 0) this.keepSnapshot(attempt);
          attempt.tick(rec.inputAt(tick, this.input));
          onTick?.(attempt, tick);
          let to = e;
          while (to < events.length && events[to]!.tick === tick) to++;
          const problem = divergence ? null : compare(tick, events, e, to);
          e = to;
          if (problem) {
            diverge(tick, problem);
            if (!keepGoing) {
              result = done(tick + 1);
              tick++;
              return result;
            }
          }
        }
        if (tick < rec.ticks) return null;
        if (this.snapshotEvery > 0 && rec.ticks % this.snapshotEvery === 0) this.keepSnapshot(attempt);
        attempt.finish();
        const trailer = rec.trailer;
        if (trailer === null) diverge(null, 'the recording is unfinished: no finishing and no final state hash to check against');
        else {
          const finishProblem = divergence ? null : compare(Math.max(0, rec.ticks - 1), trailer.finish, 0, trailer.finish.length);
          if (finishProblem) diverge(Math.max(0, rec.ticks - 1), `at the finish: ${finishProblem}`);
          const hash = attempt.stateHash();
          if (hash !== trailer.stateHash) diverge(null, `final state hash ${hash}, recorded ${trailer.stateHash}`);
        }
        result = done(rec.ticks);
        return result;
      },
    };
    return verification;
  }

  /**
   * The attempt after `tick` ticks (0 … ticks): restores the nearest snapshot at or before it (unless playing
   * on from where it is now is nearer) and re-simulates the rest. Its `actions`/`findingLog` are not restored:
   * read `eventsUpTo(tick)` for those.
   */
  seek(tick: number): Attempt {
    const rec = this.recording;
    if (!(Number.isInteger(tick) && tick >= 0 && tick <= rec.ticks)) throw new RangeError(`tick ${tick} is outside 0 … ${rec.ticks}`);
    let attempt = this.attempt;
    const now = attempt.world.ticks;
    const k = this.snapshotEvery > 0 ? Math.min(Math.floor(tick / this.snapshotEvery), this.snapshots.length - 1) : -1;
    const snapTick = k >= 0 ? k * this.snapshotEvery : 0;
    const canPlayOn = now <= tick && !attempt.engine.finished;
    if (!(canPlayOn && now >= snapTick)) {
      if (k >= 0) {
        attempt.restore(this.snapshots.load(k));
      } else {
        attempt = this.freshAttempt();
        this.attempt = attempt;
      }
    }
    for (let t = attempt.world.ticks; t < tick; t++) attempt.tick(rec.inputAt(t, this.input));
    return attempt;
  }

  /** The recorded actions and findings of ticks before `tick` (for a viewer after `seek`). */
  eventsUpTo(tick: number): readonly ScrubEvent[] {
    const events = this.recording.events;
    let hi = events.length;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid]!.tick < tick) lo = mid + 1;
      else hi = mid;
    }
    return events.slice(0, lo);
  }

  /** Bytes the in-memory snapshots take. */
  get snapshotBytes(): number {
    return this.snapshots.bytes;
  }

  private keepSnapshot(attempt: Attempt): void {
    this.snapshots.save(attempt.snapshot());
  }

  private freshAttempt(): Attempt {
    const h = this.recording.header;
    return new Attempt({
      protocol: this.protocol,
      mode: h.mode,
      seed: h.seed,
      oneHanded: h.oneHanded === true,
      ...(h.variant !== null ? { variant: h.variant } : {}),
    });
  }
}
