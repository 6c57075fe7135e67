/**
 * The procedure engine: a pure reducer over semantic actions.
 *
 *   startAttempt(protocol, options)        → { state, findings }
 *   applyAction(protocol, state, action)   → { state, findings }
 *
 * Time comes only from the actions' `t`. The same protocol, options and actions always give the same
 * states and findings; no action sequence makes it throw (a malformed action, or one naming what the
 * protocol does not have, is rejected with a finding), and a step's status only ever moves forward:
 * pending → active → completed.
 */
import { checkAction, type Action } from '../vocabulary/actions.ts';
import { unknownNames } from './action-names.ts';
import { repeatedMistake } from './charges.ts';
import { holds, type EvalContext, type StepRecord } from './conditions.ts';
import { explainError } from './explain.ts';
import { num, type Params } from './params.ts';
import { planOf, type PlanUnit } from './plan.ts';
import { recordInField, emptyFieldRecord, type FieldRecord } from './field-record.ts';
import type { ErrorRule, Mode, Protocol, Severity } from './schema.ts';
import { errorMessage, type ErrorSpecifics } from './specifics.ts';
import { chooseVariant, variantParams, type VariantChoice } from './variants.ts';

export type { StepRecord } from './conditions.ts';

/** One mistake (docs/report.md): what happened, what it was about, and how often it was repeated. */
export interface ErrorRecord extends ErrorSpecifics {
  code: string;
  severity: Severity;
  /** When the mistake was first made. */
  t: number;
  /** Key of the step it is attributed to; null when no step was active. */
  step: string | null;
  /** The rule's message with the specifics, then what to do instead. */
  message: string;
  instead: string;
  /** Occurrences folded into this mistake by the rule's `charge` (1 when it was not repeated), the latest at `lastT`. */
  occurrences: number;
  lastT: number;
}

export type FinishReason = 'all-steps-completed' | 'ended' | 'time-cutoff';

export interface EngineState {
  procedure: string;
  version: string;
  variant: string;
  mode: Mode;
  params: Params;
  /** Index of the current plan unit, and the iteration (1-based) of its repeat block. */
  unit: number;
  iteration: number;
  /** Every step instance started so far, in the order started. */
  steps: readonly StepRecord[];
  /** What has been done to the operative field so far (the key stays `scene`: recorded state hashes include it). */
  scene: FieldRecord;
  errors: readonly ErrorRecord[];
  /** Time of the latest accepted action. */
  t: number;
  firstT: number | null;
  timerStart: number | null;
  actions: number;
  finished: { t: number; reason: FinishReason } | null;
}

export type Finding =
  | { type: 'step-started'; t: number; step: string }
  | { type: 'step-completed'; t: number; step: string }
  | ({ type: 'error' } & ErrorRecord)
  | { type: 'hint-due'; t: number; step: string; hint: string }
  | { type: 'instrument-not-allowed'; t: number; instrument: string; step: string | null }
  | { type: 'timer-started'; t: number }
  | { type: 'procedure-finished'; t: number; reason: FinishReason }
  | { type: 'action-rejected'; t: number; reason: string };

export interface Transition {
  state: EngineState;
  findings: Finding[];
}

export interface EngineOptions extends VariantChoice {
  mode?: Mode;
}

/** Transitions through a whole repeat block in one action are bounded, whatever the protocol says. */
const MAX_ITERATIONS = 100;

export function startAttempt(protocol: Protocol, options: EngineOptions = {}): Transition {
  const variant = chooseVariant(protocol, options) ?? protocol.variants[0];
  const state: EngineState = {
    procedure: protocol.id,
    version: protocol.version,
    variant: variant?.id ?? '',
    mode: options.mode ?? 'learn',
    params: variantParams(protocol, variant),
    unit: 0,
    iteration: 1,
    steps: [],
    scene: emptyFieldRecord(),
    errors: [],
    t: 0,
    firstT: null,
    timerStart: null,
    actions: 0,
    finished: null,
  };
  const findings: Finding[] = [];
  if (protocol.timer && 'fromStart' in protocol.timer) {
    state.timerStart = 0;
    findings.push({ type: 'timer-started', t: 0 });
  }
  const steps = startUnit(protocol, state, 0, 1, 0, findings);
  return { state: { ...state, steps }, findings };
}

export function applyAction(protocol: Protocol, state: EngineState, action: Action): Transition {
  if (state.finished !== null) return { state, findings: [] };
  const problem = rejection(protocol, action, state.t);
  if (problem !== null) return { state, findings: [{ type: 'action-rejected', t: state.t, reason: problem }] };

  const t = action.t;
  const findings: Finding[] = [];
  let next: EngineState = { ...state, t, actions: state.actions + 1, firstT: state.firstT ?? t };

  next = raiseErrors(protocol, next, action, findings);
  next = { ...next, scene: recordInField(state.scene, action) };
  next = startTimer(protocol, next, action, findings);
  noteInstrument(protocol, next, action, findings);
  next = advance(protocol, next, action, findings);
  next = dueHints(protocol, next, action, findings);
  next = finishIfDone(protocol, next, action, findings);
  return { state: next, findings };
}

/** Runs a whole action sequence from the start of an attempt (what `scrub grade` does). */
export function runAttempt(protocol: Protocol, actions: readonly Action[], options: EngineOptions = {}): Transition {
  let { state, findings } = startAttempt(protocol, options);
  const all = [...findings];
  for (const action of actions) {
    ({ state, findings } = applyAction(protocol, state, action));
    for (const f of findings) all.push(f);
  }
  return { state, findings: all };
}

/** Why the engine cannot judge this action: malformed, out of time, or naming what the protocol does not have. */
function rejection(protocol: Protocol, action: unknown, lastT: number): string | null {
  const malformed = checkAction(action);
  if (malformed.length > 0) return malformed.join('; ');
  const a = action as Action;
  if (a.t < lastT) return `time goes backwards (t ${a.t} after ${lastT})`;
  const unknown = unknownNames(protocol, a);
  if (unknown.length > 0) return `'${a.type}' at t ${a.t}: ${unknown.join('; ')}`;
  return null;
}

function context(protocol: Protocol, state: EngineState, action: Action, step: StepRecord | undefined, beforeAction: boolean): EvalContext {
  return {
    protocol,
    params: state.params,
    variant: state.variant,
    scene: state.scene,
    action,
    steps: state.steps,
    stepStartCounts: step?.startCounts ?? {},
    beforeAction,
  };
}

function activeSteps(state: EngineState): StepRecord[] {
  return state.steps.filter((s) => s.status === 'active');
}

/**
 * Error rules see the scene as it was before the action, so a cut can be judged against the clips already placed.
 * A new mistake is recorded with its specifics and reported as a finding; a repeat (by the rule's `charge`) is only
 * counted on the mistake it repeats.
 */
function raiseErrors(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): EngineState {
  const current = activeSteps(state)[0];
  const ctx = context(protocol, state, action, current, true);
  let errors = state.errors;
  for (const rule of protocol.errors) {
    if (!holds(rule.when, ctx)) continue;
    const repeated = repeatedMistake(rule, errors, action, state.params);
    if (repeated >= 0) {
      errors = errors.map((e, i) => (i === repeated ? { ...e, occurrences: e.occurrences + 1, lastT: action.t } : e));
      continue;
    }
    const step = rule.step !== undefined ? latestKey(state.steps, rule.step) : (current?.key ?? null);
    const error = newMistake(rule, explainError(rule.when, ctx), action.t, step);
    errors = [...errors, error];
    findings.push({ type: 'error', ...error });
  }
  return errors === state.errors ? state : { ...state, errors };
}

function newMistake(rule: ErrorRule, specifics: ErrorSpecifics, t: number, step: string | null): ErrorRecord {
  const message = errorMessage(rule.message, specifics, rule.instead);
  return { code: rule.code, severity: rule.severity, t, step, message, instead: rule.instead, ...specifics, occurrences: 1, lastT: t };
}

function latestKey(steps: readonly StepRecord[], id: string): string {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.id === id) return steps[i]!.key;
  return id;
}

function startTimer(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): EngineState {
  if (state.timerStart !== null) return state;
  const startWhen = protocol.timer && 'startWhen' in protocol.timer ? protocol.timer.startWhen : undefined;
  if (startWhen !== undefined && !holds(startWhen, context(protocol, state, action, activeSteps(state)[0], false))) return state;
  findings.push({ type: 'timer-started', t: action.t });
  return { ...state, timerStart: action.t };
}

function noteInstrument(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): void {
  const instrument = action.instrument;
  if (typeof instrument !== 'string') return;
  const active = activeSteps(state);
  const allowed = active.some((s) => protocol.steps.find((p) => p.id === s.id)?.instruments.includes(instrument));
  if (!allowed && active.length > 0) findings.push({ type: 'instrument-not-allowed', t: action.t, instrument, step: active[0]!.key });
}

/** Completes every active step whose condition holds, then starts the next unit, and so on while that changes anything. */
function advance(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): EngineState {
  const plan = planOf(protocol, state.variant);
  let s = state;
  for (let guard = 0; guard < plan.length * MAX_ITERATIONS; guard++) {
    let changed = false;
    const steps = s.steps.map((record) => {
      if (record.status !== 'active' || !canComplete(protocol, s, action, record)) return record;
      changed = true;
      findings.push({ type: 'step-completed', t: action.t, step: record.key });
      return { ...record, status: 'completed' as const, end: action.t };
    });
    if (changed) s = { ...s, steps };
    const unit = plan[s.unit];
    if (unit === undefined || steps.some((r) => r.status === 'active')) return s;
    const position = nextPosition(protocol, s, action, plan, unit);
    if (position === null) return { ...s, unit: plan.length };
    s = { ...s, unit: position.unit, iteration: position.iteration };
    s = { ...s, steps: startUnit(protocol, s, position.unit, position.iteration, action.t, findings) };
  }
  return s;
}

function canComplete(protocol: Protocol, state: EngineState, action: Action, record: StepRecord): boolean {
  const step = protocol.steps.find((p) => p.id === record.id);
  if (step === undefined) return false;
  if ((step.requires ?? []).some((id) => !state.steps.some((r) => r.id === id && r.status === 'completed'))) return false;
  return holds(step.completion, context(protocol, state, action, record, false));
}

/** Where the plan goes after the current unit: the next unit, or back to the top of a repeat block. */
function nextPosition(
  protocol: Protocol,
  state: EngineState,
  action: Action,
  plan: readonly PlanUnit[],
  unit: PlanUnit,
): { unit: number; iteration: number } | null {
  const block = unit.block;
  if (block !== undefined && block.last === state.unit) {
    const max = Math.min(MAX_ITERATIONS, num(block.max, state.params));
    const min = num(block.min, state.params);
    const done =
      !(state.iteration < max) ||
      (state.iteration >= min && block.until !== undefined && holds(block.until, context(protocol, state, action, undefined, false)));
    if (!done) return { unit: block.first, iteration: state.iteration + 1 };
  }
  const following = state.unit + 1;
  if (following >= plan.length) return null;
  return { unit: following, iteration: plan[following]!.block !== undefined && plan[following]!.block !== block ? 1 : state.iteration };
}

function startUnit(protocol: Protocol, state: EngineState, index: number, iteration: number, t: number, findings: Finding[]): StepRecord[] {
  const unit = planOf(protocol, state.variant)[index];
  if (unit === undefined) return [...state.steps];
  const started = unit.steps.map((id): StepRecord => {
    const key = unit.block !== undefined ? `${id}#${iteration}` : id;
    findings.push({ type: 'step-started', t, step: key });
    return { key, id, status: 'active', start: t, end: null, startCounts: state.scene.counts, hinted: false };
  });
  return [...state.steps, ...started];
}

function dueHints(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): EngineState {
  const spec = protocol.modes[state.mode];
  const requested = spec.hints === 'on-request' && action.type === 'request-hint';
  const auto = spec.hints === 'auto';
  if (!requested && !auto) return state;
  let changed = false;
  const steps = state.steps.map((record) => {
    if (record.status !== 'active' || record.start === null) return record;
    const due = requested || (!record.hinted && action.t - record.start >= (spec.hintAfterSec ?? 0));
    if (!due) return record;
    const hint = protocol.steps.find((p) => p.id === record.id)?.hint ?? '';
    findings.push({ type: 'hint-due', t: action.t, step: record.key, hint });
    changed = true;
    return { ...record, hinted: true };
  });
  return changed ? { ...state, steps } : state;
}

function finishIfDone(protocol: Protocol, state: EngineState, action: Action, findings: Finding[]): EngineState {
  let reason: FinishReason | null = null;
  if (state.unit >= planOf(protocol, state.variant).length) reason = 'all-steps-completed';
  else if (action.type === 'end') reason = 'ended';
  else if (overCutoff(protocol, state, action.t)) reason = 'time-cutoff';
  if (reason === null) return state;
  findings.push({ type: 'procedure-finished', t: action.t, reason });
  return { ...state, finished: { t: action.t, reason } };
}

function overCutoff(protocol: Protocol, state: EngineState, t: number): boolean {
  const cutoff = protocol.scoring.cutoffSec;
  if (cutoff === undefined || state.timerStart === null) return false;
  return t - state.timerStart > num(cutoff, state.params);
}
