/**
 * What `scrub verify` and `scrub grade` do to each recording (read, re-simulate, check, report), in this
 * thread or spread over worker threads (`--jobs`), and `--shard i/n` to split a batch over machines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Protocol, formatProtocolError, loadProtocol } from '../core/procedure/index.ts';
import { Replayer } from '../core/recording/replayer.ts';
import { ScrubFileError, readScrub } from '../core/recording/scrub-file.ts';
import type { Report } from '../core/scoring/index.ts';
import { UsageError } from './command.ts';

/** The app's version (package.json), written into recordings and compared on replay. */
export const APP_VERSION: string = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version;

/** A path to a protocol file, or a protocol id looked up in procedures/ (here, then beside the CLI). */
export function resolveProtocol(procedure: string): string {
  if (/\.ya?ml$/.test(procedure) || procedure.includes('/')) return procedure;
  const candidates = [join('procedures', `${procedure}.yaml`), join(import.meta.dirname, '../../procedures', `${procedure}.yaml`)];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) throw new UsageError(`no protocol '${procedure}' (looked for ${candidates[0]})`);
  return found;
}

const protocols = new Map<string, Protocol | string>();

/** The shipped protocol of an id (cached), or the reason there is none. */
function protocolFor(id: string): Protocol | string {
  let p = protocols.get(id);
  if (p === undefined) {
    const candidates = [join('procedures', `${id}.yaml`), join(import.meta.dirname, '../../procedures', `${id}.yaml`)];
    const file = /^[a-z0-9-]+$/.test(id) ? candidates.find((c) => existsSync(c)) : undefined;
    if (file === undefined) p = `no protocol '${id}' here (looked for ${candidates[0]})`;
    else {
      const loaded = loadProtocol(readFileSync(file, 'utf8'), file);
      p = loaded.ok ? loaded.protocol : `protocol ${file} does not load: ${loaded.errors.map(formatProtocolError).join('; ')}`;
    }
    protocols.set(id, p);
  }
  return p;
}

export type Task = 'verify' | 'grade';

export interface FileResult {
  file: string;
  ok: boolean;
  /** Why it failed (one line), when it did. */
  problem?: string;
  procedure?: string;
  ticks?: number;
  seconds?: number;
  stateHash?: string;
  learner?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  seed?: number;
  /** The re-simulated attempt's report (grade, when verified). */
  report?: Report;
  /** Milliseconds the re-simulation took (for throughput figures). */
  ms: number;
}

/** Reads one recording, re-simulates and checks it; with `grade`, the report too. Never throws for a bad file. */
export function processFile(file: string, task: Task): FileResult {
  const t0 = performance.now();
  const done = (r: Omit<FileResult, 'file' | 'ms'>): FileResult => ({ file, ...r, ms: performance.now() - t0 });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    return done({ ok: false, problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  try {
    const rec = readScrub(bytes);
    const protocol = protocolFor(rec.header.protocol.id);
    if (typeof protocol === 'string') return done({ ok: false, problem: protocol });
    const replayer = Replayer.of(rec, protocol, { appVersion: APP_VERSION });
    const result = replayer.verify({ snapshotEvery: 0 });
    const about = {
      procedure: rec.header.protocol.id,
      ticks: rec.ticks,
      seconds: rec.durationSeconds,
      stateHash: result.stateHash,
      learner: rec.header.learner,
      startedAt: rec.header.startedAt,
      endedAt: rec.trailer?.endedAt ?? null,
      seed: rec.header.seed,
    };
    if (!result.ok) return done({ ok: false, problem: `does not replay: ${result.divergence!.what}`, ...about });
    return done({ ok: true, ...about, ...(task === 'grade' ? { report: replayer.report() } : {}) });
  } catch (error) {
    if (error instanceof ScrubFileError) return done({ ok: false, problem: error.message });
    return done({ ok: false, problem: `internal error: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** `i/n` (0 ≤ i < n): this machine's share of the files. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(count >= 1 && index < count)) throw new UsageError(`--shard wants i/n with 0 ≤ i < n (e.g. 0/4), got '${text}'`);
  return { index, count };
}

/**
 * The files of shard `index` of `count`: every count-th file of the list sorted by path, starting at the index-th,
 * so every machine given the same files (in any order) takes its own, and together they take each once.
 */
export function shardOf(files: readonly string[], shard: { index: number; count: number } | undefined): string[] {
  if (!shard) return [...files];
  const sorted = [...new Set(files)].sort();
  const mine = new Set(sorted.filter((_, i) => i % shard.count === shard.index));
  return files.filter((f, i) => mine.has(f) && files.indexOf(f) === i);
}

/** Worker threads to use by default: every core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Processes the files, `jobs` at a time on worker threads (1: in this thread), and returns the results in the
 * files' order. `onResult` sees each result in that order as soon as it and every one before it is done.
 */
export async function processFiles(files: readonly string[], task: Task, jobs: number, onResult: (r: FileResult) => void): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array(files.length);
  let printed = 0;
  const settle = (i: number, r: FileResult) => {
    results[i] = r;
    while (printed < files.length && results[printed] !== undefined) onResult(results[printed++]!);
  };
  const threads = Math.min(jobs, files.length);
  if (threads <= 1) {
    files.forEach((f, i) => settle(i, processFile(f, task)));
    return results as FileResult[];
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      // The worker's entry registers tsx, as bin/scrub.js does, then loads recordings-worker.ts.
      const worker = new Worker(new URL('../../bin/scrub-worker.js', import.meta.url));
      try {
        while (next < files.length) {
          const i = next++;
          const r = await new Promise<FileResult>((resolve, reject) => {
            const onMessage = (m: FileResult) => {
              worker.off('error', reject);
              resolve(m);
            };
            worker.once('message', onMessage);
            worker.once('error', reject);
            worker.postMessage({ file: files[i], task });
          });
          settle(i, r);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return results as FileResult[];
}
