import { TICK_HZ, type ToolInput, idleInput } from '../core/kernel/index.ts';
import type { Finding, Protocol } from '../core/procedure/index.ts';
import { performsMirrored } from '../core/procedure/handedness.ts';
import { Replayer, type Verification, type VerifyResult } from '../core/recording/replayer.ts';
import { readScrub } from '../core/recording/scrub-file.ts';
import type { Annotation, Report, ReportError } from '../core/scoring/index.ts';
import type { Attempt } from '../core/attempt/attempt.ts';
import { PoseTrack, alignedExpertTime } from './replay-tracks.ts';
import type { ScriptRun } from './expert-recording.ts';

/** Where the bytes came from: shown in the viewer's title; the attempt library can pass its own. */
export type ReplaySource =
  | { kind: 'file'; name: string }
  | { kind: 'expert'; procedureId: string }
  | { kind: 'script'; name: string }
  | { kind: 'attempt'; id: string; label: string };

/** Playback speeds of the replay viewer. */
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Seconds either side of a note's time in which its pin is drawn. */
export const PIN_WINDOW_SECONDS = 1.5;

/** Milliseconds of re-simulation per verification slice: the page gets the main thread back between slices. */
const VERIFY_SLICE_MS = 24;

export type ReplayStatus = 'verifying' | 'ready';

/**
 * What the replay shows: on the desktop a free orbit, the laparoscope's picture or the trainee's head; in the
 * headset 'head' puts the viewer's eyes where the trainee's were, anything else stands them at the table.
 */
export type ReplayView = 'orbit' | 'laparoscope' | 'head';

/**
 * The playhead an error jumps to: just after the tick that raised it (t = tick / 120; the playhead counts ticks
 * run), so the world shown is the one the error left and the error is among the findings so far.
 */
export function errorTick(e: ReportError): number {
  return Math.round(e.t * TICK_HZ) + 1;
}

/** A finding of the re-simulated attempt with the tick it came at. */
export interface TickedFinding {
  tick: number;
  finding: Finding;
}

/**
 * The replay viewer's session: plain code, no React (as LiveSession is for an attempt). It re-simulates the
 * recording through the same core in slices (`Replayer.verification`), keeping snapshots for seeking and both
 * instruments' poses for the metrics; then plays it from `frame()` (called from useFrame) at the chosen speed,
 * steps it a tick at a time, and seeks. The scene views read `world` as they read a live session's.
 */
export class ReplaySession {
  readonly replayer: Replayer;
  readonly source: ReplaySource;
  status: ReplayStatus = 'verifying';
  result: VerifyResult | null = null;
  /** The re-simulated attempt's report, once verified. */
  report: Report | null = null;
  /** Every finding of the re-simulated attempt (the attempt's own log is not rewound by a seek). */
  findings: TickedFinding[] = [];
  readonly track: PoseTrack;
  /** Milliseconds the verification took (wall clock, slices and the gaps between them). */
  verifyMs = 0;
  /** Milliseconds the latest seek took. */
  lastSeekMs = 0;
  playing = false;
  speed = 1;
  /** The expert's run for the ghost, when loaded; `ghost` says whether it is shown. */
  expert: ScriptRun | null = null;
  ghost = false;
  /** The expert's own re-simulation, shown side by side and kept at the aligned tick (`followExpert`), once asked for. */
  expertSide: ReplaySession | null = null;
  sideBySide = false;
  view: ReplayView = 'orbit';
  /** The instructor's notes on the attempt (from the file's review block, or added here), time order. */
  notes: Annotation[];
  /** Drawn sessions' contract (src/views/drawn-hand.ts): a replay always draws the simulation's own poses. */
  readonly paused = true;
  readonly input: ToolInput = idleInput();
  private accumulator = 0;
  private verification: Verification | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private stopped = false;

  constructor(replayer: Replayer, source: ReplaySource) {
    this.replayer = replayer;
    this.source = source;
    this.notes = replayer.recording.review?.annotations ?? [];
    this.track = new PoseTrack(
      replayer.recording.ticks + 1,
      replayer.protocol.instruments.map((i) => i.id),
    );
  }

  get protocol(): Protocol {
    return this.replayer.protocol;
  }

  /**
   * Whether the attempt was performed mirrored (a left-handed learner, as its recording's header says, where the
   * protocol mirrors): the viewer draws it canonically and names each hand as the learner used it.
   */
  get mirrored(): boolean {
    return performsMirrored(this.protocol, this.replayer.recording.header.handedness);
  }

  get attempt(): Attempt {
    return this.replayer.current;
  }

  get world() {
    return this.replayer.current.world;
  }

  /** Ticks in the recording: the playhead runs 0 … ticks. */
  get ticks(): number {
    return this.replayer.recording.ticks;
  }

  /** The playhead: ticks re-simulated in the attempt on screen. */
  get tick(): number {
    return this.status === 'ready' ? this.attempt.world.ticks : 0;
  }

  /** Fraction of the verification done (0 … 1). */
  get progress(): number {
    const v = this.verification;
    return this.status === 'ready' ? 1 : v ? v.progress / Math.max(1, v.total) : 0;
  }

  /** Whether the recording carries the trainee's head poses (VR attempts). */
  get hasHead(): boolean {
    return this.replayer.recording.head !== null;
  }

  /** Changes worth a re-render (status, play state, speed, ghost): never per frame. `version` counts them. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get changes(): number {
    return this.version;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Starts verifying in slices; resolves with the result once done. */
  start(): Promise<VerifyResult> {
    const began = performance.now();
    const v = this.replayer.verification({
      snapshotEvery: TICK_HZ,
      continueAfterDivergence: true,
      onTick: (attempt, tick) => this.track.write(tick + 1, attempt.world),
    });
    this.verification = v;
    this.track.write(0, this.attempt.world);
    return new Promise((resolve) => {
      const slice = (): void => {
        if (this.stopped) return;
        const until = performance.now() + VERIFY_SLICE_MS;
        let result: VerifyResult | null = null;
        while (!result && performance.now() < until) result = v.step(16);
        if (!result) {
          this.changed();
          setTimeout(slice, 0);
          return;
        }
        this.verifyMs = performance.now() - began;
        this.result = result;
        this.report = this.replayer.report();
        const log = this.attempt.findingLog;
        this.findings = log.map((finding) => ({ finding, tick: Math.round(finding.t * TICK_HZ) }));
        this.status = 'ready';
        this.seek(0);
        this.changed();
        resolve(result);
      };
      setTimeout(slice, 0);
    });
  }

  /** Stops a verification under way (the viewer closed). */
  stop(): void {
    this.stopped = true;
    this.playing = false;
    this.expertSide?.stop();
  }

  /** Advances playback by one rendered frame's elapsed seconds (from useFrame). */
  frame(deltaSeconds: number): void {
    if (this.status !== 'ready' || !this.playing) return;
    this.accumulator += Math.min(deltaSeconds, 0.1) * this.speed * TICK_HZ;
    const n = Math.floor(this.accumulator);
    if (n <= 0) return;
    this.accumulator -= n;
    const to = Math.min(this.ticks, this.tick + n);
    this.seek(to);
    if (to >= this.ticks) this.setPlaying(false);
  }

  /** Puts the playhead at `tick` (clamped to the recording). */
  seek(tick: number): void {
    if (this.status !== 'ready') return;
    const t = Math.max(0, Math.min(this.ticks, Math.round(tick)));
    const began = performance.now();
    this.replayer.seek(t);
    this.lastSeekMs = performance.now() - began;
  }

  setPlaying(playing: boolean): void {
    if (this.status !== 'ready') return;
    if (playing && this.tick >= this.ticks) this.seek(0);
    this.playing = playing;
    this.accumulator = 0;
    this.changed();
  }

  togglePlaying(): void {
    this.setPlaying(!this.playing);
  }

  /** Pauses and moves the playhead by `ticks` (±1: a frame step of one tick). */
  step(ticks: number): void {
    if (this.playing) this.setPlaying(false);
    this.seek(this.tick + ticks);
    this.changed();
  }

  /** Ticks one rendered frame covers at the current speed (60 Hz display), at least one. */
  get ticksPerFrame(): number {
    return Math.max(1, Math.round((TICK_HZ / 60) * this.speed));
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.changed();
  }

  /** One of REPLAY_SPEEDS faster (1) or slower (−1). */
  stepSpeed(step: 1 | -1): void {
    const i = REPLAY_SPEEDS.indexOf(this.speed as (typeof REPLAY_SPEEDS)[number]);
    this.setSpeed(REPLAY_SPEEDS[Math.min(REPLAY_SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + step))]!);
  }

  setView(view: ReplayView): void {
    this.view = view;
    this.changed();
  }

  /** The headset's view choice: the trainee's head (recordings that carry it) or standing at the table. */
  toggleHeadView(): void {
    if (this.hasHead) this.setView(this.view === 'head' ? 'orbit' : 'head');
  }

  /** The ticks the error markers jump to, in order, once verified. */
  get errorTicks(): number[] {
    return [...new Set((this.report?.errors ?? []).map(errorTick))].sort((a, b) => a - b);
  }

  /** Pauses and jumps to the next (1) or previous (−1) error marker from the playhead; false when there is none that way. */
  jumpToError(direction: 1 | -1): boolean {
    const ticks = this.errorTicks;
    const target = direction > 0 ? ticks.find((t) => t > this.tick) : ticks.findLast((t) => t < this.tick);
    if (target === undefined) return false;
    this.step(target - this.tick);
    return true;
  }

  setExpert(run: ScriptRun | null): void {
    this.expert = run;
    this.changed();
  }

  setNotes(notes: readonly Annotation[]): void {
    this.notes = [...notes];
    this.changed();
  }

  /** The pinned notes whose time is within `PIN_WINDOW_SECONDS` of the playhead: the ones drawn in the scene. */
  pinsNear(tick = this.tick): (Annotation & { pin: [number, number, number] })[] {
    const t = tick / TICK_HZ;
    return this.notes.filter((n): n is Annotation & { pin: [number, number, number] } => n.pin !== undefined && Math.abs(n.t - t) <= PIN_WINDOW_SECONDS);
  }

  /** Shows (or hides) the expert's re-simulation beside the trainee's; its replay is made and verified the first time. */
  setSideBySide(on: boolean): void {
    if (on && !this.expertSide && this.expert) {
      const side = new ReplaySession(Replayer.of(readScrub(this.expert.bytes), this.protocol), { kind: 'expert', procedureId: this.protocol.id });
      side.subscribe(() => this.changed());
      this.expertSide = side;
      void side.start();
    }
    this.sideBySide = on && this.expertSide !== null;
    this.changed();
  }

  /** Moves the expert's side to the tick aligned with the playhead (step by step, `expertTick`); per frame. */
  followExpert(): void {
    const side = this.expertSide;
    const target = this.expertTick();
    if (side?.status !== 'ready' || target === null || side.tick === target) return;
    side.seek(target);
  }

  setGhost(on: boolean): void {
    this.ghost = on;
    this.changed();
  }

  /** The expert's tick to show at the playhead, aligned step by step; null without an expert. */
  expertTick(tick = this.tick): number | null {
    const run = this.expert;
    if (!run || !this.report) return null;
    const end = run.report.metrics.durationSec;
    return Math.round(alignedExpertTime(this.report.steps, run.report.steps, tick / TICK_HZ, end) * TICK_HZ);
  }

  /** The findings up to the playhead (those of ticks before it). */
  findingsUpTo(tick = this.tick): TickedFinding[] {
    const out: TickedFinding[] = [];
    for (const f of this.findings) if (f.tick < tick) out.push(f);
    return out;
  }

  /** The steps under way at the playhead (ids; more than one where the protocol runs steps side by side). */
  stepsAt(tick = this.tick): string[] {
    const t = tick / TICK_HZ;
    return (this.report?.steps ?? []).filter((s) => s.start !== null && s.start <= t && (s.end === null || s.end > t)).map((s) => s.id);
  }
}

/** Why a recording cannot be replayed here, for the viewer to say plainly. */
export interface ReplayProblem {
  code: string;
  message: string;
  /** What the file says of itself, when its header could be read. */
  recorded: { protocol: string; app: string; learner: string | null; startedAt: string | null } | null;
}
