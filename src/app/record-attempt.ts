/**
 * When the debrief opens: the finished attempt is stored for the learner (report, input log, speed
 * profiles, tip paths) and its xAPI statements are queued in the outbox. Once per attempt, however often
 * the debrief renders.
 */
import { HANDS, type Hand, TICK_HZ } from '../core/kernel/index.ts';
import { speedProfile } from '../core/metrics/index.ts';
import { variantParams } from '../core/procedure/index.ts';
import { num } from '../core/procedure/params.ts';
import { attemptStatements } from '../core/xapi/index.ts';
import type { Protocol } from '../core/procedure/index.ts';
import type { SpeedSeries, StoredAttempt } from './storage/attempts.ts';
import { packInputLog, tipPath } from './storage/input-log.ts';
import type { FinishedAttempt } from './app-store.ts';
import { newUuid } from './ids.ts';
import { attemptStore, currentProfile, flushOutbox, outbox, refreshAttempts } from './learner.ts';

/** Points kept per hand for the speed chart and for the 3D path. */
const SPEED_POINTS = 600;
const PATH_POINTS = 2000;

const recorded = new WeakMap<FinishedAttempt, Promise<StoredAttempt>>();

export function recordAttempt(finished: FinishedAttempt): Promise<StoredAttempt> {
  let done = recorded.get(finished);
  if (!done) {
    done = store(finished);
    recorded.set(finished, done);
  }
  return done;
}

async function store(finished: FinishedAttempt): Promise<StoredAttempt> {
  const { report, protocol } = finished;
  const profile = await currentProfile();
  const log = packInputLog(finished.inputLog);
  // The speeds the motion accumulators keep for the smoothness metrics.
  const motion = finished.attempt.motionState();
  const speeds = {} as Record<Hand, SpeedSeries>;
  const paths = {} as Record<Hand, Float32Array>;
  for (const hand of HANDS) {
    const profileOf = speedProfile(motion[hand].speeds, motion[hand].firstT, TICK_HZ, SPEED_POINTS);
    speeds[hand] = { t: Float32Array.from(profileOf.t), v: Float32Array.from(profileOf.v) };
    paths[hand] = tipPath(log, hand, PATH_POINTS);
  }
  const stored: StoredAttempt = {
    id: finished.id,
    profileId: profile.id,
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
  };
  await attemptStore.save(stored, log);
  await refreshAttempts(profile.id);

  const durationSec = report.metrics.timerSec ?? report.metrics.durationSec;
  await outbox.enqueue(
    attemptStatements({
      report,
      actor: { objectType: 'Agent', name: profile.name, account: { homePage: location.origin, name: profile.id } },
      activityId: `https://scrub.dev/activities/procedures/${protocol.id}`,
      activityName: protocol.title,
      registration: newUuid(),
      sessionId: newUuid(),
      newId: newUuid,
      startedAtMs: finished.startedAtMs,
      durationSec,
      sessionSec: Math.max(durationSec, report.metrics.durationSec, (finished.endedAtMs - finished.startedAtMs) / 1000),
      scoreRange: scoreRange(protocol, report.variant),
      variant: report.variant,
      mode: report.mode,
    }),
  );
  void flushOutbox();
  return stored;
}

function scoreRange(protocol: Protocol, variant: string): { min: number; max: number } {
  const { scoring } = protocol;
  if (scoring.method === 'checklist' || scoring.cutoffSec === undefined) return { min: 0, max: 100 };
  const params = variantParams(
    protocol,
    protocol.variants.find((v) => v.id === variant),
  );
  return { min: 0, max: num(scoring.cutoffSec, params) };
}
