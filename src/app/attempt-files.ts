/**
 * Attempts as files (docs/recordings.md, "Export, bundles and import"): one attempt is its `.scrub` recording,
 * ending with the instructor's review of it when there is one (verdicts and annotations: `withReview`); a bundle (a learner's attempts, or every attempt on the device: a class) is a zip of `.scrub` files with a
 * small `manifest.json`. Importing checks each recording (format version, chunk checksums, the protocol by id,
 * version and content hash), re-simulates it (`Replayer.verify`) for its report, and stores it in one
 * transaction with the review the file carries; anything wrong rejects that file with a message naming the problem, never half of it.
 * No browser globals here (the download and the file picker are in the screens), so the unit tests run it.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Attempt } from '../core/attempt/attempt.ts';
import { HANDS, type Hand, TICK_HZ, type ToolInput } from '../core/kernel/index.ts';
import { speedProfile } from '../core/metrics/index.ts';
import type { Protocol } from '../core/procedure/index.ts';
import { performsMirrored } from '../core/procedure/handedness.ts';
import { crc32 } from '../core/recording/crc32.ts';
import { Replayer, recordInputs } from '../core/recording/replayer.ts';
import { ScrubFileError, type ScrubReview, readScrub, withReview } from '../core/recording/scrub-file.ts';
import { type AttemptReview, type Report, emptyReview } from '../core/scoring/index.ts';
import { ATTEMPT_FORMAT_INPUT_LOG, ATTEMPT_FORMAT_VERSION, type AttemptStore, type Profile, type SpeedSeries, type StoredAttempt } from './storage/attempts.ts';
import { packInputLog, tipPath, unpackInputLog } from './storage/input-log.ts';

export const BUNDLE_FORMAT = 'scrub-bundle';
export const BUNDLE_VERSION = 1;
/** The profile id of imported attempts whose learner has no profile of that name on this device. */
export const IMPORTED_PROFILE_ID = 'imported';

const SPEED_POINTS = 600;
const PATH_POINTS = 2000;

/** The speed charts and thinned tip paths stored with an attempt (record-attempt.ts and imports). */
export function attemptSeries(attempt: Attempt, inputLog: readonly ToolInput[]): Pick<StoredAttempt, 'speeds' | 'paths'> {
  const log = packInputLog(inputLog);
  const motion = attempt.motionState();
  const speeds = {} as Record<Hand, SpeedSeries>;
  const paths = {} as Record<Hand, Float32Array>;
  for (const hand of HANDS) {
    const profileOf = speedProfile(motion[hand].speeds, motion[hand].firstT, TICK_HZ, SPEED_POINTS);
    speeds[hand] = { t: Float32Array.from(profileOf.t), v: Float32Array.from(profileOf.v) };
    paths[hand] = tipPath(log, hand, PATH_POINTS);
  }
  return { speeds, paths };
}

/** `scrub-<procedure>-<yyyy-mm-dd-hh-mm>[-<learner>].scrub` */
export function scrubFileName(a: Pick<StoredAttempt, 'procedure' | 'startedAtMs'>, learner?: string | null): string {
  const when = new Date(a.startedAtMs).toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const who = learner ? `-${learner.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 40)}` : '';
  return `scrub-${a.procedure}-${when}${who}.scrub`;
}

/**
 * A stored attempt's `.scrub` file: its recording — its own bytes (format 2), or, for an attempt stored before
 * recordings (format 1: a packed input log), its input re-simulated and recorded now (needs its protocol) —
 * with the instructor's review of it on this device, if any, as its last block.
 */
export async function scrubOfStored(
  store: AttemptStore,
  a: StoredAttempt,
  findProtocol: (id: string) => Protocol | undefined,
  appVersion: string,
): Promise<Uint8Array> {
  const review = await store.review(a.id);
  const bytes = await store.recording(a.id);
  if (bytes) return withReview(bytes, review);
  const log = await store.inputLog(a.id);
  if (!log || a.formatVersion > ATTEMPT_FORMAT_INPUT_LOG) throw new Error(`attempt ${a.id} has no recording on this device`);
  const protocol = findProtocol(a.procedure);
  if (!protocol || protocol.version !== a.version) throw new Error(`the procedure ${a.procedure} ${a.version} of this attempt is not installed`);
  const inputs = unpackInputLog(log);
  const profile = await store.profile(a.profileId);
  const attempt = new Attempt({ protocol, mode: a.mode, seed: a.seed, ...(a.variant ? { variant: a.variant } : {}) });
  const recorded = recordInputs(
    attempt,
    a.seed,
    { ticks: inputs.length, inputAt: (t) => inputs[t]! },
    {
      app: { name: 'scrub', version: appVersion },
      learner: profile?.name ?? null,
      handedness: null,
      inputKind: 'mouse',
      startedAt: new Date(a.startedAtMs).toISOString(),
      endedAt: new Date(a.endedAtMs).toISOString(),
      source: 'stored before recordings (input log), recorded again on export',
    },
  );
  return withReview(recorded, review);
}

export interface BundleEntry {
  attempt: StoredAttempt;
  learner: string | null;
  bytes: Uint8Array;
}

/** The manifest of a bundle (`manifest.json`), for people and tools; the recordings themselves are the data. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  app: { name: string; version: string };
  createdAt: string;
  /** What it holds: one learner's attempts, or every attempt on the device (a class). */
  scope: { kind: 'learner'; learner: string } | { kind: 'device' };
  attempts: {
    file: string;
    learner: string | null;
    procedure: string;
    version: string;
    mode: string;
    startedAt: string;
    score: number;
    passed: boolean;
    /** Verdicts and annotations the recording carries (its review block). */
    review: { verdicts: number; annotations: number };
  }[];
}

/** A zip of `.scrub` files (stored: they are deflated already) and `manifest.json`. */
export function makeBundle(entries: readonly BundleEntry[], scope: BundleManifest['scope'], app: { name: string; version: string }, nowMs: number): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const manifest: BundleManifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, app, createdAt: new Date(nowMs).toISOString(), scope, attempts: [] };
  for (const e of entries) {
    let name = `attempts/${scrubFileName(e.attempt, e.learner)}`;
    for (let n = 2; name in files; n++) name = `attempts/${scrubFileName(e.attempt, e.learner).replace(/\.scrub$/, `-${n}.scrub`)}`;
    files[name] = e.bytes;
    manifest.attempts.push({
      file: name,
      learner: e.learner,
      procedure: e.attempt.procedure,
      version: e.attempt.version,
      mode: e.attempt.mode,
      startedAt: new Date(e.attempt.startedAtMs).toISOString(),
      score: e.attempt.report.score,
      passed: e.attempt.report.passed,
      review: reviewCounts(e.bytes),
    });
  }
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 0 });
}

function reviewCounts(bytes: Uint8Array): { verdicts: number; annotations: number } {
  const review = readScrub(bytes).review;
  return { verdicts: review?.verdicts.length ?? 0, annotations: review?.annotations.length ?? 0 };
}

export interface ImportResult {
  imported: { file: string; attempt: StoredAttempt }[];
  rejected: { file: string; message: string }[];
}

export interface ImportContext {
  store: AttemptStore;
  findProtocol: (id: string) => Protocol | undefined;
  appVersion: string;
  nowMs: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Imports a `.scrub` file or a bundle: each intact recording is stored; the others are listed with why. */
export async function importFile(ctx: ImportContext, file: string, bytes: Uint8Array): Promise<ImportResult> {
  const result: ImportResult = { imported: [], rejected: [] };
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch (error) {
      result.rejected.push({ file, message: `not a readable bundle: ${error instanceof Error ? error.message : String(error)}` });
      return result;
    }
    const manifest = entries['manifest.json'];
    if (manifest) {
      let parsed: { format?: unknown; version?: unknown } | null = null;
      try {
        parsed = JSON.parse(strFromU8(manifest)) as { format?: unknown; version?: unknown };
      } catch {
        // below
      }
      if (parsed?.format !== BUNDLE_FORMAT || typeof parsed.version !== 'number' || parsed.version > BUNDLE_VERSION) {
        result.rejected.push({ file, message: `not a Scrub bundle this app reads (manifest.json is not ${BUNDLE_FORMAT} version ≤ ${BUNDLE_VERSION})` });
        return result;
      }
    }
    const names = Object.keys(entries).filter((n) => n.endsWith('.scrub'));
    if (names.length === 0) result.rejected.push({ file, message: 'the bundle holds no .scrub recordings' });
    for (const name of names.sort()) await importOne(ctx, `${file}: ${name}`, entries[name]!, result);
    return result;
  }
  await importOne(ctx, file, bytes, result);
  return result;
}

/** An id from the file's content: importing the same recording again replaces it rather than adding it twice. */
function importedId(bytes: Uint8Array): string {
  return `imported-${crc32(bytes).toString(16).padStart(8, '0')}-${bytes.length.toString(16)}`;
}

async function importOne(ctx: ImportContext, file: string, bytes: Uint8Array, result: ImportResult): Promise<void> {
  try {
    const stored = await checkAndStore(ctx, file, bytes);
    result.imported.push({ file, attempt: stored });
  } catch (error) {
    result.rejected.push({ file, message: error instanceof Error ? error.message : String(error) });
  }
}

async function checkAndStore(ctx: ImportContext, file: string, bytes: Uint8Array): Promise<StoredAttempt> {
  const recording = readScrub(bytes); // format version, checksums, order, trailer: ScrubFileError names the problem
  const { header, trailer } = recording;
  const recordingOnly = bytes.slice(0, recording.recordingBytes); // stored apart from its review, as on the device that made it
  const protocol = ctx.findProtocol(header.protocol.id);
  if (!protocol) {
    throw new ScrubFileError(
      'protocol-mismatch',
      `recorded with protocol ${header.protocol.id} ${header.protocol.version}, which this app does not have: it cannot be re-graded here`,
    );
  }
  const replayer = Replayer.of(recording, protocol, { appVersion: ctx.appVersion }); // id, version, content hash
  const verified = replayer.verify({ snapshotEvery: 0 });
  if (!verified.ok) throw new Error(`does not replay here: ${verified.divergence?.what ?? 'unknown difference'}`);
  const report = replayer.report();
  if (recording.review) {
    const misfit = reviewMisfit(recording.review, report);
    if (misfit) throw new ScrubFileError('malformed', `its review does not fit the attempt: ${misfit}`);
  }
  const inputs = Array.from({ length: recording.ticks }, (_, t) => recording.inputAt(t));
  const profiles: Profile[] = await ctx.store.profiles();
  const learner = header.learner?.trim() ?? null;
  const owner = learner ? profiles.find((p) => p.name.trim().toLocaleLowerCase() === learner.toLocaleLowerCase()) : undefined;
  const startedAtMs = header.startedAt ? Date.parse(header.startedAt) : Number.NaN;
  const endedAtMs = trailer?.endedAt ? Date.parse(trailer.endedAt) : Number.NaN;
  const stored: StoredAttempt = {
    formatVersion: ATTEMPT_FORMAT_VERSION,
    id: importedId(recordingOnly),
    profileId: owner?.id ?? IMPORTED_PROFILE_ID,
    procedure: report.procedure,
    version: report.version,
    variant: report.variant,
    mode: report.mode,
    seed: header.seed,
    startedAtMs: Number.isFinite(startedAtMs) ? startedAtMs : ctx.nowMs,
    endedAtMs: Number.isFinite(endedAtMs) ? endedAtMs : Number.isFinite(startedAtMs) ? startedAtMs + recording.durationSeconds * 1000 : ctx.nowMs,
    report,
    ...attemptSeries(replayer.current, inputs),
    ...(performsMirrored(protocol, header.handedness) ? { mirrored: true as const } : {}),
    imported: { learner, atMs: ctx.nowMs, file },
  };
  const review: AttemptReview | undefined = recording.review ? { ...emptyReview(stored.id), ...recording.review } : undefined;
  await ctx.store.save(stored, recordingOnly, review); // one transaction: the row, its recording and review, or none
  return stored;
}

/** Why a carried review cannot belong to this re-simulated report (a finding verdict on another finding), or null. */
function reviewMisfit(review: ScrubReview, report: Report): string | null {
  for (const v of review.verdicts) {
    for (const f of v.findings) {
      const e = report.errors[f.index];
      if (!e || e.code !== f.code || e.t !== f.t) return `${v.reviewer}'s verdict on finding ${f.index + 1} (${f.code} at ${f.t} s) names no finding of it`;
    }
  }
  const end = report.metrics.durationSec + 1e-6;
  const late = review.annotations.find((a) => !(a.t >= 0 && a.t <= end));
  return late ? `a note at ${late.t} s is outside the attempt (0 … ${report.metrics.durationSec.toFixed(1)} s)` : null;
}
