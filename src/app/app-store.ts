import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { LiveSession } from './live-session.ts';
import { type Finding, type Mode, type Protocol, type Severity, learnersErrorMessage } from '../core/procedure/index.ts';
import { type CaseCard, caseCardFor } from '../core/procedure/case-card.ts';
import { currentLanguage } from './i18n.ts';
import { xrStore } from '../xr/xr-store.ts';
import type { KeyframeScript } from '../core/recording/keyframes.ts';
import type { DangerWarning } from '../core/attempt/danger-watch.ts';
import { playWarningTone } from './warning-tone.ts';
import type { RenderQuality } from './render-quality.ts';
import { nextVariant } from '../core/progress/index.ts';
import { attemptStore, currentProfile, journal, learnerStore, progressHistory, requestPersistentStorage } from './learner.ts';
import { procedurePlan } from './procedure-plan.ts';
import type { FinishedAttempt } from './finished-attempt.ts';
import { type JournalProblem, LiveJournal } from './live-journal.ts';
import { type SaveError, recordAttempt } from './record-attempt.ts';
import { JOURNAL_FORMAT_VERSION, type JournalHeader } from './storage/journal.ts';
import { APP_VERSION } from './app-version.ts';
import { type ReplayProblem, ReplaySession, type ReplaySource } from './replay-session.ts';
import { Replayer } from '../core/recording/replayer.ts';
import { ScrubFileError, type ScrubRecording, readScrub } from '../core/recording/scrub-file.ts';
import { findProcedure } from './protocol-catalog.ts';
import { scrubOfStored } from './attempt-files.ts';
import { recordScript } from './expert-recording.ts';
import { expertScript } from './experts.ts';

export type { FinishedAttempt } from './finished-attempt.ts';

/** UI and session state only — never per-frame simulation data (views read that from the session). */
export interface AppState {
  screen: 'home' | 'session' | 'debrief' | 'progress' | 'class' | 'attempt' | 'replay';
  /** The stored attempt the `attempt` screen shows: to the instructor (with the review panel) or to its learner. */
  openAttempt: { id: string; as: 'instructor' | 'learner' } | null;
  procedureId: string | null;
  mode: Mode;
  session: LiveSession | null;
  paused: boolean;
  /** Whether this browser offers immersive VR (checked once at start). */
  vrSupported: boolean;
  /** Whether an immersive session is running now. */
  presenting: boolean;
  /** Enter VR once the scene is up (the session screen consumes this). */
  vrRequested: boolean;
  /** Rendering budget, chosen once at start from the GPU. */
  quality: RenderQuality;
  /** What the HUD shows of the procedure, updated when the engine reports findings. */
  hud: HudState;
  /** The attempt just finished, for the debrief. */
  finished: FinishedAttempt | null;
  /** Wall-clock start of the running attempt (ms since the epoch), for its stored record and xAPI. */
  sessionStartedAtMs: number;
  /** "Drill this step": for now the whole procedure runs in practice mode with this step shown as the goal. */
  drillStep: string | null;
  /**
   * The running attempt ended by itself (every step done, or the time cutoff) and is stored without the learner
   * opening the debrief; `saved` once it is. Finish then shows this attempt's debrief.
   */
  ended: { finished: FinishedAttempt; saved: boolean } | null;
  /** The learner asked to leave a running attempt: the session asks first. */
  leaving: boolean;
  /** Writing the running attempt (its journal, or its save at the end) failed: shown with Retry and Export. */
  storageProblem: StorageProblem | null;
  /** The running attempt was recovered after an interruption, at this tick. */
  recoveredAt: number | null;
  /** The recording open in the replay viewer, or why it cannot be replayed. */
  replay: { session: ReplaySession; problem: null } | { session: null; problem: ReplayProblem; source: ReplaySource } | null;
  /** The case card shown before the attempt begins: the session waits, paused, until the learner starts it. */
  caseCard: CaseCard | null;
  /** Where the replay viewer's Back goes: the screen it was opened from. */
  replayReturn: 'home' | 'class';
}

export interface StorageProblem {
  where: 'journal' | 'save';
  kind: 'quota' | 'error';
  message: string;
}

export interface HudState {
  step: string | null;
  stepsDone: number;
  hint: string | null;
  /** Errors so far, newest last. */
  errors: { code: string; severity: Severity; message: string; t: number }[];
  finished: boolean;
  /** The latest danger-zone warning (learn mode), with the tick it happened at. */
  danger: { structure: string; distanceMm: number; tick: number } | null;
}

const EMPTY_HUD: HudState = { step: null, stepsDone: 0, hint: null, errors: [], finished: false, danger: null };

export const appStore = createStore<AppState>()(() => ({
  screen: 'home',
  openAttempt: null,
  procedureId: null,
  mode: 'learn',
  session: null,
  paused: false,
  vrSupported: false,
  presenting: false,
  vrRequested: false,
  quality: 'high',
  hud: EMPTY_HUD,
  finished: null,
  sessionStartedAtMs: 0,
  drillStep: null,
  ended: null,
  leaving: false,
  storageProblem: null,
  recoveredAt: null,
  replay: null,
  caseCard: null,
  replayReturn: 'home',
}));

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

export function chooseMode(mode: Mode): void {
  appStore.setState({ mode });
}

/** Starts the procedure in practice mode with a step to drill shown as the goal (docs/architecture.md). */
export function startDrill(protocol: Protocol, step: string): LiveSession {
  chooseMode('practice');
  const session = startSession(protocol);
  appStore.setState({ drillStep: step });
  return session;
}

export function showProgress(): void {
  appStore.setState({ screen: 'progress', openAttempt: null });
}

/** The instructor's class view over the attempts on this device. */
export function showClass(): void {
  appStore.setState({ screen: 'class', openAttempt: null });
}

/** A stored attempt's debrief: with the review panel for the instructor, as reviewed for its learner. */
export function openStoredAttempt(id: string, as: 'instructor' | 'learner'): void {
  appStore.setState({ screen: 'attempt', openAttempt: { id, as } });
}

/**
 * `seed` fixes the patient's seed (tests); otherwise a recorded performance's, or a fresh one. `caseCard`: the
 * attempt waits behind the protocol's case card until the learner begins it (`beginAttempt`).
 */
export function startSession(protocol: Protocol, script?: KeyframeScript, options: { seed?: number; caseCard?: boolean } = {}): LiveSession {
  if (!script) void requestPersistentStorage().catch(() => undefined);
  const { mode } = appStore.getState();
  // A recorded performance is replayed on the patient it was recorded on. Otherwise every attempt gets a
  // fresh seed (stored with the attempt, so it still replays exactly), and the patient rotates with the
  // learner's history in practice and assessment: the least practised first, required ones (a double
  // cystic artery) until passed. Learning happens on the typical patient, the protocol's first.
  const variant = script
    ? script.variant
    : mode === 'learn'
      ? protocol.variants[0]?.id
      : (nextVariant(progressHistory(learnerStore.getState().attempts), procedurePlan(protocol)) ?? undefined);
  const startedAtMs = Date.now();
  const inputKind = appStore.getState().vrRequested || appStore.getState().presenting ? 'vr' : 'desktop';
  const session = new LiveSession({
    protocol,
    mode,
    seed: script?.seed ?? options.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!,
    ...sessionCallbacks,
    ...(script ? { script } : {}),
    ...(variant !== undefined ? { variant } : {}),
    // The trainee's own attempt: the learner's name as it stands now ("Guest" is the profile the first attempt
    // makes when none is chosen); a watched script's recording names nobody.
    ...(script
      ? {}
      : {
          recording: {
            app: { name: 'scrub', version: APP_VERSION },
            learner: learnerStore.getState().profile?.name ?? 'Guest',
            handedness: learnerStore.getState().handedness,
            inputKind: inputKind === 'vr' ? 'controllers' : 'mouse',
            startedAt: new Date(startedAtMs).toISOString(),
            // A VR attempt's recording carries the trainee's head pose (for the replay's head view).
            head: inputKind === 'vr',
          },
        }),
    handedness: learnerStore.getState().handedness,
    // The session gets an assistant only where the protocol allows the one-handed mode.
    oneHanded: learnerStore.getState().oneHanded,
  });
  if (session.own) {
    let header: Promise<JournalHeader> | null = null;
    session.journal = new LiveJournal({
      journal,
      header: () =>
        (header ??= currentProfile().then((profile) => {
          session.profileId = profile.id;
          return {
            formatVersion: JOURNAL_FORMAT_VERSION,
            attemptId: session.id,
            protocolId: protocol.id,
            protocolVersion: protocol.version,
            protocolTitle: protocol.title,
            seed: session.seed,
            variant: session.attempt.variant?.id ?? null,
            mode,
            profileId: profile.id,
            profileName: profile.name,
            startedAtMs,
            inputKind,
          };
        })),
      onProblem: showJournalProblem,
    });
  }
  showSession(session, startedAtMs, null);
  const card = options.caseCard && !script ? caseCardFor(protocol, session.attempt.variant?.id ?? '', session.seed, currentLanguage()) : null;
  if (card) {
    session.setPaused(true);
    appStore.setState({ paused: true, caseCard: card });
  }
  return session;
}

/** The learner has read the case card: the attempt begins (its clock starts now). */
export function beginAttempt(): void {
  if (appStore.getState().caseCard === null) return;
  appStore.setState({ caseCard: null, sessionStartedAtMs: Date.now() });
  setPaused(false);
}

/** Puts a session on screen (a new one, or one recovered at `recoveredAt` ticks). */
export function showSession(session: LiveSession, startedAtMs: number, recoveredAt: number | null): void {
  appStore.setState({
    screen: 'session',
    procedureId: session.procedureId,
    session,
    paused: session.paused,
    hud: hudFrom(session, session.attempt.findingLog, EMPTY_HUD),
    sessionStartedAtMs: startedAtMs,
    drillStep: null,
    ended: null,
    leaving: false,
    storageProblem: null,
    recoveredAt,
    caseCard: null,
  });
  // A recovered attempt may have ended before it was interrupted, and not been stored.
  if (session.attempt.engine.finished) endAttempt(session);
}

function showJournalProblem(problem: JournalProblem | null): void {
  const current = appStore.getState().storageProblem;
  if (problem) appStore.setState({ storageProblem: { where: 'journal', ...problem } });
  else if (current?.where === 'journal') appStore.setState({ storageProblem: null });
}

function hudFrom(session: LiveSession, findings: readonly Finding[], previous: HudState): HudState {
  const attempt = session.attempt;
  const errors = [...previous.errors];
  let hint = previous.hint;
  for (const f of findings) {
    if (f.type === 'error') {
      // Mirrored (a left-handed learner): a hand the message names is the one the learner used.
      const message = learnersErrorMessage(f, attempt.protocol.errors, session.mirrored);
      errors.push({ code: f.code, severity: f.severity, message, t: f.t });
    }
    if (f.type === 'hint-due') hint = f.hint;
    if (f.type === 'step-started') hint = null;
  }
  return {
    step: attempt.currentStep()?.id ?? null,
    stepsDone: attempt.engine.steps.filter((s) => s.status === 'completed').length,
    hint,
    errors,
    finished: attempt.engine.finished !== null,
    danger: previous.danger,
  };
}

/** What a session tells the HUD: findings, danger-zone warnings. */
export const sessionCallbacks = {
  onFindings: (findings: readonly Finding[]) => showFindings(findings),
  onDanger: (warning: DangerWarning) => showDanger(warning),
};

function showDanger(warning: DangerWarning): void {
  const { hud } = appStore.getState();
  appStore.setState({ hud: { ...hud, danger: { structure: warning.structure, distanceMm: warning.distanceMm, tick: warning.tick } } });
  playWarningTone();
}

function showFindings(findings: readonly Finding[]): void {
  const { session } = appStore.getState();
  if (!session) return;
  appStore.setState({ hud: hudFrom(session, findings, appStore.getState().hud) });
  if (findings.some((f) => f.type === 'procedure-finished')) endAttempt(session);
}

/**
 * The attempt as it is now, over: for the debrief, the store and an export. `over`: the attempt has ended (its
 * recording gets its trailer); otherwise (an export of a running attempt) the recording so far, unfinished.
 */
function finishedNow(session: LiveSession, over = true): FinishedAttempt {
  const { sessionStartedAtMs, recoveredAt } = appStore.getState();
  const endedAtMs = Date.now();
  if (over) session.tape.finish(endedAtMs);
  else session.tape.cut();
  return {
    recording: session.tape.bytes(),
    protocol: session.attempt.protocol,
    report: session.attempt.report(),
    attempt: session.attempt,
    id: session.id,
    seed: session.seed,
    startedAtMs: sessionStartedAtMs,
    endedAtMs,
    profileId: session.profileId,
    mirrored: session.mirrored,
    ...(recoveredAt !== null ? { interrupted: { atTick: recoveredAt, incomplete: false } } : {}),
  };
}

/**
 * The trainee's own attempt ended by itself (every step done, or the time cutoff): it is stored now, without
 * waiting for the debrief; the scene stays on screen until the learner finishes.
 */
function endAttempt(session: LiveSession): void {
  if (!session.own || appStore.getState().ended) return;
  const finished = finishedNow(session);
  appStore.setState({ ended: { finished, saved: false } });
  void session.journal?.stop();
  saveEnded();
}

/** Stores the ended attempt (again, after a failure: Retry). */
export function saveEnded(): void {
  const { ended } = appStore.getState();
  if (!ended || ended.saved) return;
  const { finished } = ended;
  recordAttempt(finished).then(
    () => {
      const now = appStore.getState();
      if (now.ended?.finished === finished) appStore.setState({ ended: { finished, saved: true }, storageProblem: null });
    },
    (error: SaveError) => {
      if (appStore.getState().ended?.finished === finished)
        appStore.setState({ storageProblem: { where: 'save', kind: error.kind ?? 'error', message: error.message } });
    },
  );
}

/** Tries the failed write again: the journal at the next frame, or the ended attempt's save now. */
export function retryStorage(): void {
  const { storageProblem, session } = appStore.getState();
  if (!storageProblem) return;
  appStore.setState({ storageProblem: null });
  if (storageProblem.where === 'journal') session?.journal?.retry();
  else saveEnded();
}

/** The attempt as it stands, for an export when it cannot be stored: the ended one, or the running one so far. */
export function attemptForExport(): FinishedAttempt | null {
  const { ended, session } = appStore.getState();
  return ended?.finished ?? (session ? finishedNow(session, false) : null);
}

export function requestVr(): void {
  appStore.setState({ vrRequested: true });
}

export function setPaused(paused: boolean): void {
  appStore.getState().session?.setPaused(paused);
  appStore.setState({ paused });
}

export function togglePause(): void {
  setPaused(!appStore.getState().paused);
}

/** Ends the headset view; the desktop view carries on with the same attempt. */
export function leaveVr(): void {
  void xrStore.getState().session?.end();
}

/** The trainee ends the attempt: the engine closes it, and the debrief shows its report. */
export function finishSession(): void {
  const { session, presenting, ended } = appStore.getState();
  if (!session) return;
  session.setPaused(true);
  void session.journal?.stop();
  let finished: FinishedAttempt;
  if (ended) finished = ended.finished;
  else {
    session.attempt.finish();
    finished = finishedNow(session);
  }
  // The debrief is a page: leave the headset view first (the attempt is over either way).
  if (presenting) leaveVr();
  appStore.setState({ screen: 'debrief', session: null, paused: false, hud: EMPTY_HUD, finished, ...AFTER_SESSION });
}

const AFTER_SESSION = { ended: null, leaving: false, storageProblem: null, recoveredAt: null, caseCard: null } as const;

/**
 * Esc, Exit: a running attempt of the trainee's own that is not stored yet asks first (the session shows the
 * question); anything else leaves at once.
 */
export function requestLeave(): void {
  const { session, ended, paused, leaving } = appStore.getState();
  if (leaving) return;
  if (session?.own && (ended === null ? session.world.ticks > 0 : !ended.saved)) {
    pausedBeforeLeave = paused;
    session.setPaused(true);
    appStore.setState({ leaving: true, paused: true });
  } else exitSession();
}

let pausedBeforeLeave = false;

/** The learner chose to stay: the attempt goes on as it was. */
export function cancelLeave(): void {
  appStore.setState({ leaving: false });
  setPaused(pausedBeforeLeave);
}

/** Leaves the attempt for the home screen; an unsaved running attempt of the trainee's is discarded, journal too. */
export function exitSession(): void {
  const { session, ended } = appStore.getState();
  if (session?.journal && !ended?.saved) {
    const running = session.journal;
    void running.stop().then(() => journal.clear(session.id).catch(() => undefined));
  }
  appStore.setState({ screen: 'home', session: null, paused: false, hud: EMPTY_HUD, drillStep: null, ...AFTER_SESSION });
}

/**
 * Opens a `.scrub` recording in the replay viewer: the one entry point for the file picker, the bundled
 * experts, and (later) the attempt library and the class view. The recording's protocol is looked up in the
 * catalog by id; if it cannot be read, or this app's protocol differs (version or content), the viewer says
 * so plainly instead. Verification starts at once, in slices.
 */
export function openReplay(bytes: Uint8Array, source: ReplaySource): ReplaySession | null {
  const { replay, screen } = appStore.getState();
  replay?.session?.stop();
  if (screen !== 'replay') appStore.setState({ replayReturn: screen === 'class' ? 'class' : 'home' });
  let recording: ScrubRecording | null = null;
  try {
    recording = readScrub(bytes, { allowUnfinished: true });
    const protocol = findProcedure(recording.header.protocol.id);
    if (!protocol) throw new ScrubFileError('protocol-mismatch', `this app has no protocol '${recording.header.protocol.id}'`);
    const session = new ReplaySession(Replayer.of(recording, protocol, { appVersion: APP_VERSION }), source);
    appStore.setState({ screen: 'replay', replay: { session, problem: null } });
    void session.start();
    // The procedure's expert, for the ghost: recorded in the browser from the bundled script, in slices.
    const script = expertScript(protocol.id);
    if (script) void recordScript(protocol, script, protocol.id).then((run) => session.setExpert(run));
    return session;
  } catch (error) {
    const h = recording?.header;
    const problem: ReplayProblem = {
      code: error instanceof ScrubFileError ? error.code : 'error',
      message: error instanceof Error ? error.message : String(error),
      recorded: h
        ? { protocol: `${h.protocol.id} ${h.protocol.version}`, app: `${h.app.name} ${h.app.version}`, learner: h.learner, startedAt: h.startedAt }
        : null,
    };
    appStore.setState({ screen: 'replay', replay: { session: null, problem, source } });
    return null;
  }
}

/** Records the procedure's bundled expert in the browser (in slices) and opens it in the replay viewer. */
export async function openExpertReplay(protocol: Protocol, onProgress?: (done: number) => void): Promise<void> {
  const script = expertScript(protocol.id);
  if (!script) return;
  const run = await recordScript(protocol, script, protocol.id, onProgress);
  openReplay(run.bytes, { kind: 'expert', procedureId: protocol.id });
}

/**
 * Opens a stored attempt in the replay viewer (the class view's click-through): its `.scrub` recording, or for
 * an attempt stored before recordings its input log recorded now. Resolves false when it has neither here.
 */
export async function openAttemptReplay(id: string, label: string): Promise<boolean> {
  const attempt = await attemptStore.attempt(id);
  if (!attempt) return false;
  let bytes: Uint8Array;
  try {
    bytes = await scrubOfStored(attemptStore, attempt, findProcedure, APP_VERSION);
  } catch {
    return false;
  }
  openReplay(bytes, { kind: 'attempt', id, label });
  return true;
}

/** Leaves the replay viewer for the screen it was opened from (the class view, or home). */
export function closeReplay(): void {
  const { replay, replayReturn } = appStore.getState();
  replay?.session?.stop();
  appStore.setState({ screen: replayReturn, replay: null, replayReturn: 'home' });
}
