/**
 * The browser side of attempts as files (attempt-files.ts): downloads, and importing picked or dropped files.
 */
import { Attempt } from '../core/attempt/attempt.ts';
import { recordInputs } from '../core/recording/replayer.ts';
import { readScrub } from '../core/recording/scrub-file.ts';
import { type BundleEntry, type ImportResult, importFile, makeBundle, scrubFileName, scrubOfStored } from './attempt-files.ts';
import type { FinishedAttempt } from './finished-attempt.ts';
import { attemptStore, refreshAttempts, learnerStore } from './learner.ts';
import { findProcedure } from './protocol-catalog.ts';
import { APP_VERSION } from './app-version.ts';

/** Offers bytes as a download (a Blob, so no storage is needed). */
export function downloadBytes(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The attempt as a `.scrub` file (the storage-full notice): its recording when it is over; a running one is
 * re-simulated from its input and finished there, so that the file is whole and imports anywhere.
 */
export function downloadFinishedScrub(finished: FinishedAttempt): void {
  let bytes = finished.recording;
  const recording = readScrub(bytes, { allowUnfinished: true });
  if (recording.trailer === null) {
    const { protocol, report } = finished;
    const { learner, handedness, oneHanded = false, inputKind } = recording.header;
    const attempt = new Attempt({ protocol, mode: report.mode, seed: finished.seed, oneHanded, ...(report.variant ? { variant: report.variant } : {}) });
    bytes = recordInputs(attempt, finished.seed, recording, {
      app: { name: 'scrub', version: APP_VERSION },
      learner,
      handedness,
      oneHanded,
      inputKind,
      startedAt: new Date(finished.startedAtMs).toISOString(),
      endedAt: new Date(finished.endedAtMs).toISOString(),
    });
  }
  downloadBytes(bytes, scrubFileName({ procedure: finished.protocol.id, startedAtMs: finished.startedAtMs }), 'application/octet-stream');
}

/** One stored attempt as a `.scrub` download. */
export async function downloadStoredScrub(id: string): Promise<void> {
  const a = await attemptStore.attempt(id);
  if (!a) return;
  const bytes = await scrubOfStored(attemptStore, a, findProcedure, APP_VERSION);
  downloadBytes(bytes, scrubFileName(a, a.imported?.learner ?? (await attemptStore.profile(a.profileId))?.name), 'application/octet-stream');
}

/** The chosen learner's attempts (or, `device`, every attempt on this device: a class) as one zip. */
export async function downloadBundle(scope: 'learner' | 'device'): Promise<void> {
  const profile = learnerStore.getState().profile;
  const attempts = scope === 'learner' && profile ? await attemptStore.attemptsOf(profile.id) : await attemptStore.allAttempts();
  const entries: BundleEntry[] = [];
  for (const a of attempts) {
    try {
      const learner = a.imported?.learner ?? (await attemptStore.profile(a.profileId))?.name ?? null;
      entries.push({ attempt: a, learner, bytes: await scrubOfStored(attemptStore, a, findProcedure, APP_VERSION) });
    } catch {
      // An old attempt whose procedure is no longer installed cannot be recorded: left out.
    }
  }
  const bundle = makeBundle(
    entries,
    scope === 'learner' && profile ? { kind: 'learner', learner: profile.name } : { kind: 'device' },
    { name: 'scrub', version: APP_VERSION },
    Date.now(),
  );
  const who = scope === 'learner' && profile ? profile.name.replace(/[^\p{L}\p{N}_-]+/gu, '_') : 'class';
  downloadBytes(bundle, `scrub-${who}-${new Date().toISOString().slice(0, 10)}.zip`, 'application/zip');
}

/** Imports picked or dropped files, one after another; each file (each recording of a bundle) on its own. */
export async function importFiles(files: readonly File[]): Promise<ImportResult> {
  const all: ImportResult = { imported: [], rejected: [] };
  for (const file of files) {
    let r: ImportResult;
    try {
      r = await importFile(
        { store: attemptStore, findProtocol: findProcedure, appVersion: APP_VERSION, nowMs: Date.now() },
        file.name,
        new Uint8Array(await file.arrayBuffer()),
      );
    } catch (error) {
      r = { imported: [], rejected: [{ file: file.name, message: error instanceof Error ? error.message : String(error) }] };
    }
    all.imported.push(...r.imported);
    all.rejected.push(...r.rejected);
  }
  const profile = learnerStore.getState().profile;
  if (profile) await refreshAttempts(profile.id);
  return all;
}
