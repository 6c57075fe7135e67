import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { LiveSession } from './live-session.ts';
import type { Finding, Mode, Protocol } from '../core/procedure/index.ts';
import type { Report } from '../core/scoring/index.ts';
import type { Attempt } from '../core/attempt/attempt.ts';
import type { ToolInput } from '../core/kernel/index.ts';
import { xrStore } from '../xr/xr-store.ts';
import type { KeyframeScript } from '../core/recording/keyframes.ts';
import type { DangerWarning } from '../core/attempt/danger-watch.ts';
import { playWarningTone } from './warning-tone.ts';
import { newUuid } from './ids.ts';
import type { RenderQuality } from './render-quality.ts';
import { nextVariant } from '../core/progress/index.ts';
import { learnerStore, progressHistory } from './learner.ts';
import { procedurePlan } from './procedure-plan.ts';

/** UI and session state only — never per-frame simulation data (views read that from the session). */
export interface AppState {
  screen: 'home' | 'session' | 'debrief' | 'progress';
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
}

export interface FinishedAttempt {
  protocol: Protocol;
  report: Report;
  /** The attempt itself (simulation, motion, event log), read-only from here on. */
  attempt: Attempt;
  /** A fresh id: the stored attempt's, so recording it twice stores it once. */
  id: string;
  seed: number;
  /** Every tick's input: with the seed, replays the attempt. */
  inputLog: readonly ToolInput[];
  startedAtMs: number;
  endedAtMs: number;
}

export interface HudState {
  step: string | null;
  stepsDone: number;
  hint: string | null;
  /** Errors so far, newest last. */
  errors: { code: string; severity: string; message: string; t: number }[];
  finished: boolean;
  /** The latest danger-zone warning (learn mode), with the tick it happened at. */
  danger: { structure: string; distanceMm: number; tick: number } | null;
}

const EMPTY_HUD: HudState = { step: null, stepsDone: 0, hint: null, errors: [], finished: false, danger: null };

export const appStore = createStore<AppState>()(() => ({
  screen: 'home',
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
  appStore.setState({ screen: 'progress' });
}

export function startSession(protocol: Protocol, script?: KeyframeScript): LiveSession {
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
  const session = new LiveSession({
    protocol,
    mode,
    seed: script?.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!,
    onFindings: showFindings,
    onDanger: showDanger,
    ...(script ? { script } : {}),
    ...(variant !== undefined ? { variant } : {}),
  });
  appStore.setState({
    screen: 'session',
    procedureId: protocol.id,
    session,
    paused: false,
    hud: hudFrom(session, session.attempt.findingLog, EMPTY_HUD),
    sessionStartedAtMs: Date.now(),
    drillStep: null,
  });
  return session;
}

function hudFrom(session: LiveSession, findings: readonly Finding[], previous: HudState): HudState {
  const attempt = session.attempt;
  const errors = [...previous.errors];
  let hint = previous.hint;
  for (const f of findings) {
    if (f.type === 'error') errors.push({ code: f.code, severity: f.severity, message: f.message, t: f.t });
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

function showDanger(warning: DangerWarning): void {
  const { hud } = appStore.getState();
  appStore.setState({ hud: { ...hud, danger: { structure: warning.structure, distanceMm: warning.distanceMm, tick: warning.tick } } });
  playWarningTone();
}

function showFindings(findings: readonly Finding[]): void {
  const { session } = appStore.getState();
  if (session) appStore.setState({ hud: hudFrom(session, findings, appStore.getState().hud) });
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
  const { session, presenting, sessionStartedAtMs } = appStore.getState();
  if (!session) return;
  session.setPaused(true);
  session.attempt.finish();
  const finished: FinishedAttempt = {
    protocol: session.attempt.protocol,
    report: session.attempt.report(),
    attempt: session.attempt,
    id: newUuid(),
    seed: session.seed,
    inputLog: session.inputLog,
    startedAtMs: sessionStartedAtMs,
    endedAtMs: Date.now(),
  };
  // The debrief is a page: leave the headset view first (the attempt is over either way).
  if (presenting) leaveVr();
  appStore.setState({ screen: 'debrief', session: null, paused: false, hud: EMPTY_HUD, finished });
}

export function exitSession(): void {
  appStore.setState({ screen: 'home', session: null, paused: false, hud: EMPTY_HUD, drillStep: null });
}
