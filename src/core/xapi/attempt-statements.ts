/**
 * The statements of one attempt, in the order they are to be sent: cmi5 "defined" statements for the
 * LMS (initialized, completed, passed or failed, terminated) and cmi5 "allowed" statements for each step
 * and error (same registration and session), with the metrics as extensions. Pure: ids and times are
 * passed in.
 */
import type { AttemptReport } from '../scoring/report.ts';
import type { Activity, Agent, Context, Result, Statement } from './statement.ts';
import { isoDuration, isoTimestamp } from './time.ts';
import { ACTIVITY_TYPES, CMI5, EXTENSIONS, VERBS, type VerbName, metricIri } from './vocabulary.ts';

export interface AttemptStatementsInput {
  report: AttemptReport;
  actor: Agent;
  /** The AU: one activity per procedure, e.g. https://scrub.dev/activities/procedures/lap-chole-cvs. */
  activityId: string;
  activityName: string;
  registration: string;
  sessionId: string;
  /** Makes a fresh UUID per statement (the app passes crypto.randomUUID; tests a counter). */
  newId: () => string;
  /** When the session started (initialized), ms since the epoch. */
  startedAtMs: number;
  /** Seconds of the attempt (the timed part): completed/passed/failed carry it. */
  durationSec: number;
  /** Seconds of the whole session, initialized → terminated (≥ durationSec). */
  sessionSec: number;
  /** Score range for the scaled score (checklist 0–100; time-penalty 0–cutoff). */
  scoreRange: { min: number; max: number };
  /** From the LMS launch data, when launched by one: passed needs scaled ≥ masteryScore. */
  masteryScore?: number;
  variant?: string;
  mode?: string;
  /** Performed mirrored (a left-handed learner): the report stays canonical, this says so beside it. */
  mirrored?: boolean;
  platform?: string;
  /**
   * Earlier sessions of the same registration (an LMS launch keeps one registration across sessions):
   * cmi5 allows one completed and one passed per registration, and no failed after passed.
   */
  registrationState?: { completed: boolean; passed: boolean };
  /** cmi5 publisher id grouping from the LMS course structure, when launched by one. */
  grouping?: Activity[];
}

export function attemptStatements(input: AttemptStatementsInput): Statement[] {
  const { report } = input;
  const au = auActivity(input);
  const start = input.startedAtMs;
  const at = (seconds: number): string => isoTimestamp(start + seconds * 1000);
  const statements: Statement[] = [];
  const defined = (verb: VerbName, seconds: number, result?: Result, moveOn = false): void => {
    statements.push(build(input, verb, au, at(seconds), definedContext(input, moveOn), result));
  };

  defined('initialized', 0);

  // Steps and errors in time order (a step at its end, or its start if it never ended).
  const events: { t: number; statement: () => Statement }[] = [];
  for (const step of report.steps) {
    const t = step.end ?? step.start;
    if (t === null) continue;
    events.push({ t, statement: () => stepStatement(input, au, step, at(t)) });
  }
  for (const error of report.errors) {
    events.push({ t: error.t, statement: () => errorStatement(input, au, error, at(error.t)) });
  }
  events.sort((a, b) => a.t - b.t);
  for (const e of events) statements.push(e.statement());

  const duration = isoDuration(input.durationSec);
  const earlier = input.registrationState ?? { completed: false, passed: false };
  const allStepsDone = report.steps.length > 0 && report.steps.every((s) => s.status === 'completed');
  if (allStepsDone && !earlier.completed) defined('completed', input.durationSec, { completion: true, duration }, true);

  const scaled = scaledScore(report.score, input.scoreRange);
  const passed = report.passed && (input.masteryScore === undefined || scaled >= input.masteryScore);
  const extensions = {
    [EXTENSIONS.outcome]: report.outcome,
    [EXTENSIONS.errorCount]: report.errors.length,
    ...metricExtensions(report.metrics),
  };
  const sessionSec = Math.max(input.sessionSec, input.durationSec);
  if (earlier.passed) {
    // No second passed, and no failed after passed: the attempt's figures ride on terminated instead.
    defined('terminated', sessionSec, { duration: isoDuration(sessionSec), extensions });
    return statements;
  }
  defined(
    passed ? 'passed' : 'failed',
    input.durationSec,
    { score: { scaled, raw: report.score, min: input.scoreRange.min, max: input.scoreRange.max }, success: passed, duration, extensions },
    true,
  );
  defined('terminated', sessionSec, { duration: isoDuration(sessionSec) });
  return statements;
}

/** cmi5 restricts scaled scores to [0, 1]. */
export function scaledScore(raw: number, range: { min: number; max: number }): number {
  const span = range.max - range.min;
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (raw - range.min) / span));
}

/** Every finite number (and boolean) in the metrics tree, keyed by its IRI. */
export function metricExtensions(metrics: object): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) out[metricIri(path)] = value;
    } else if (typeof value === 'boolean') {
      out[metricIri(path)] = value;
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  walk(metrics, []);
  return out;
}

function auActivity(input: AttemptStatementsInput): Activity {
  return {
    objectType: 'Activity',
    id: input.activityId,
    definition: { type: ACTIVITY_TYPES.procedure, name: { 'en-US': input.activityName } },
  };
}

function baseContext(input: AttemptStatementsInput): Context {
  const extensions: Record<string, unknown> = {
    [CMI5.sessionId]: input.sessionId,
    [EXTENSIONS.procedureVersion]: input.report.version,
  };
  if (input.variant !== undefined) extensions[EXTENSIONS.variant] = input.variant;
  if (input.mode !== undefined) extensions[EXTENSIONS.mode] = input.mode;
  if (input.mirrored) extensions[EXTENSIONS.mirrored] = true;
  if (input.masteryScore !== undefined) extensions[CMI5.masteryScore] = input.masteryScore;
  const context: Context = { registration: input.registration, extensions };
  if (input.platform !== undefined) context.platform = input.platform;
  return context;
}

function definedContext(input: AttemptStatementsInput, moveOn: boolean): Context {
  const category: Activity[] = [{ objectType: 'Activity', id: CMI5.category }];
  if (moveOn) category.push({ objectType: 'Activity', id: CMI5.moveOn });
  const context = baseContext(input);
  context.contextActivities = { category, ...(input.grouping ? { grouping: input.grouping } : {}) };
  return context;
}

function allowedContext(input: AttemptStatementsInput, au: Activity): Context {
  const context = baseContext(input);
  context.contextActivities = { parent: [au], ...(input.grouping ? { grouping: input.grouping } : {}) };
  return context;
}

function stepStatement(input: AttemptStatementsInput, au: Activity, step: AttemptReport['steps'][number], timestamp: string): Statement {
  const result: Result = { completion: step.status === 'completed' };
  if (step.start !== null && step.end !== null) result.duration = isoDuration(Math.max(0, step.end - step.start));
  const object: Activity = {
    objectType: 'Activity',
    id: `${au.id}/steps/${encodeURIComponent(step.id)}`,
    definition: { type: ACTIVITY_TYPES.step, name: { 'en-US': step.id } },
  };
  return build(input, 'attempted', object, timestamp, allowedContext(input, au), result);
}

function errorStatement(input: AttemptStatementsInput, au: Activity, error: AttemptReport['errors'][number], timestamp: string): Statement {
  const object: Activity = {
    objectType: 'Activity',
    id: `${au.id}/errors/${encodeURIComponent(error.code)}`,
    definition: { type: ACTIVITY_TYPES.error, name: { 'en-US': error.code } },
  };
  const result: Result = {
    success: false,
    response: error.message,
    extensions: { [EXTENSIONS.severity]: error.severity, [EXTENSIONS.step]: error.step, [EXTENSIONS.time]: error.t },
  };
  return build(input, 'erred', object, timestamp, allowedContext(input, au), result);
}

const DISPLAY: Record<VerbName, string> = {
  initialized: 'initialized',
  completed: 'completed',
  passed: 'passed',
  failed: 'failed',
  terminated: 'terminated',
  attempted: 'attempted',
  erred: 'made error',
  voided: 'voided',
};

function build(input: AttemptStatementsInput, verb: VerbName, object: Activity, timestamp: string, context: Context, result?: Result): Statement {
  const statement: Statement = {
    id: input.newId(),
    actor: input.actor,
    verb: { id: VERBS[verb], display: { 'en-US': DISPLAY[verb] } },
    object,
    context,
    timestamp,
  };
  if (result) statement.result = result;
  return statement;
}
