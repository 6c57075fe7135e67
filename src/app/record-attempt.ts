/**
 * Stores a finished attempt for the learner (report, input log, speed profiles, tip paths) and queues its
 * xAPI statements in the outbox: when the attempt ends by itself (every step done, or the time cutoff), when
 * the learner finishes it, or when an interrupted one is kept. Once per attempt however often it is asked;
 * a failed save (a full disk) may be tried again, and the statements are queued first and apart from the
 * attempt, so they wait in the outbox even when the attempt itself could not be written.
 */
import { variantParams } from '../core/procedure/index.ts';
import { num } from '../core/procedure/params.ts';
import { type SentAttempt, VERBS, attemptStatements } from '../core/xapi/index.ts';
import type { Statement } from '../core/xapi/statement.ts';
import type { Protocol } from '../core/procedure/index.ts';
import type { Report } from '../core/scoring/index.ts';
import { ATTEMPT_FORMAT_INPUT_LOG, ATTEMPT_FORMAT_VERSION, type Profile, type StoredAttempt } from './storage/attempts.ts';
import { packInputLog } from './storage/input-log.ts';
import { attemptSeries } from './attempt-files.ts';
import { isQuotaError } from './storage/journal.ts';
import type { FinishedAttempt } from './finished-attempt.ts';
import { newUuid } from './ids.ts';
import { attemptStore, currentProfile, flushOutbox, journal, outbox, refreshAttempts } from './learner.ts';
import { recordedInputs } from './scrub-tape.ts';

/** Why an attempt could not be stored: `quota` when the device's storage is full. */
export class SaveError extends Error {
  constructor(
    message: string,
    readonly kind: 'quota' | 'error',
    /** Whether the attempt's learning records are in the outbox all the same. */
    readonly statementsQueued: boolean,
  ) {
    super(message);
    this.name = 'SaveError';
  }
}

interface Prepared {
  stored: Omit<StoredAttempt, 'profileId'>;
  /** The `.scrub` recording stored with it. */
  recording: Uint8Array;
  statements: Map<string, Statement[]>;
}

const recorded = new WeakMap<FinishedAttempt, Promise<StoredAttempt>>();
const prepared = new WeakMap<FinishedAttempt, Prepared>();

export function recordAttempt(finished: FinishedAttempt): Promise<StoredAttempt> {
  let done = recorded.get(finished);
  if (!done) {
    done = store(finished);
    recorded.set(finished, done);
    // A failure is not remembered: asking again (Retry) tries again.
    done.catch(() => recorded.get(finished) === done && recorded.delete(finished));
  }
  return done;
}

/**
 * Everything stored of the attempt, made at once from the attempt as it is now (an attempt that ended by
 * itself may still be on screen, ticking, while it is written), and kept for retries.
 */
function prepare(finished: FinishedAttempt): Prepared {
  let p = prepared.get(finished);
  if (p) return p;
  const { report } = finished;
  const { speeds, paths } = attemptSeries(finished.attempt, recordedInputs(finished.recording));
  p = {
    stored: {
      formatVersion: ATTEMPT_FORMAT_VERSION,
      id: finished.id,
      procedure: report.procedure,
      version: report.version,
      variant: report.variant,
      mode: report.mode,
      seed: finished.seed,
      startedAtMs: finished.startedAtMs,
      endedAtMs: finished.endedAtMs,
      report,
      speeds,
      paths,
      ...(finished.interrupted ? { interrupted: finished.interrupted } : {}),
      ...(finished.mirrored ? { mirrored: true as const } : {}),
    },
    recording: finished.recording,
    statements: new Map(),
  };
  prepared.set(finished, p);
  return p;
}

async function store(finished: FinishedAttempt): Promise<StoredAttempt> {
  const p = prepare(finished);
  const profile = (finished.profileId ? await attemptStore.profile(finished.profileId) : null) ?? (await currentProfile());
  const statements = statementsOf(finished, p, profile);
  // What was sent, so that an instructor's review can amend (or void) it later.
  const stored: StoredAttempt = { ...p.stored, profileId: profile.id, xapi: sentAttempt(statements) };

  // The learning records first, and whatever happens to the attempt's own write.
  let statementsQueued = true;
  try {
    await outbox.enqueue(statements);
  } catch {
    statementsQueued = false;
  }
  try {
    await attemptStore.save(stored, p.recording);
  } catch (error) {
    void flushOutbox();
    throw isQuotaError(error)
      ? new SaveError('This device’s storage is full, so the attempt could not be saved.', 'quota', statementsQueued)
      : new SaveError(`The attempt could not be saved: ${error instanceof Error ? error.message : String(error)}`, 'error', statementsQueued);
  }
  // Stored: the journal kept while it ran is no longer needed (a failure here only leaves a journal to offer).
  await journal.end(finished.id).catch(() => undefined);
  await refreshAttempts(profile.id);
  void flushOutbox();
  return stored;
}

/** The attempt's statements, made once (fresh ids), so that queueing them again after a retry sends them once. */
function statementsOf(finished: FinishedAttempt, p: Prepared, profile: Profile): Statement[] {
  const known = p.statements.get(profile.id);
  if (known) return known;
  const statements = reportStatements(finished.report, finished.protocol, profile, finished.startedAtMs, finished.endedAtMs, finished.mirrored);
  p.statements.set(profile.id, statements);
  return statements;
}

/** The learning records of a report: the learner as an account on the app's origin, a fresh registration and session. */
function reportStatements(report: Report, protocol: Protocol, profile: Profile, startedAtMs: number, endedAtMs: number, mirrored = false): Statement[] {
  const durationSec = report.metrics.timerSec ?? report.metrics.durationSec;
  return attemptStatements({
    report,
    actor: { objectType: 'Agent', name: profile.name, account: { homePage: location.origin, name: profile.id } },
    activityId: `https://scrub.dev/activities/procedures/${protocol.id}`,
    activityName: protocol.title,
    registration: newUuid(),
    sessionId: newUuid(),
    newId: newUuid,
    startedAtMs,
    durationSec,
    sessionSec: Math.max(durationSec, report.metrics.durationSec, (endedAtMs - startedAtMs) / 1000),
    scoreRange: scoreRange(protocol, report.variant),
    variant: report.variant,
    mode: report.mode,
    ...(mirrored ? { mirrored } : {}),
  });
}

/**
 * Stores an attempt known only by its report (no simulation, no input: speeds and paths empty, a format-1 row
 * with an empty input log) and queues its learning records, as a finished attempt's are. For the browser
 * tests' class of learners (src/dev).
 */
export async function recordReport(report: Report, protocol: Protocol, profile: Profile, startedAtMs: number, endedAtMs: number): Promise<StoredAttempt> {
  const statements = reportStatements(report, protocol, profile, startedAtMs, endedAtMs);
  const empty = { t: new Float32Array(0), v: new Float32Array(0) };
  const stored: StoredAttempt = {
    formatVersion: ATTEMPT_FORMAT_INPUT_LOG,
    id: newUuid(),
    profileId: profile.id,
    procedure: report.procedure,
    version: report.version,
    variant: report.variant,
    mode: report.mode,
    seed: 0,
    startedAtMs,
    endedAtMs,
    report,
    speeds: { left: empty, right: empty },
    paths: { left: new Float32Array(0), right: new Float32Array(0) },
    xapi: sentAttempt(statements),
  };
  await outbox.enqueue(statements);
  await attemptStore.saveWithInputLog(stored, packInputLog([]));
  await refreshAttempts(profile.id);
  void flushOutbox();
  return stored;
}

function sentAttempt(statements: readonly Statement[]): SentAttempt {
  const verdict = statements.find((s) => s.verb.id === VERBS.passed || s.verb.id === VERBS.failed);
  return {
    registration: statements[0]?.context?.registration ?? '',
    verdictStatementId: verdict?.id ?? null,
    statementIds: statements.map((s) => s.id),
  };
}

export function scoreRange(protocol: Protocol, variant: string): { min: number; max: number } {
  const { scoring } = protocol;
  if (scoring.method === 'checklist' || scoring.cutoffSec === undefined) return { min: 0, max: 100 };
  const params = variantParams(
    protocol,
    protocol.variants.find((v) => v.id === variant),
  );
  return { min: 0, max: num(scoring.cutoffSec, params) };
}
