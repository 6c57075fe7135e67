import { MODES, parseActionLog, runAttempt, unknownNames, type EngineOptions, type Mode } from '../../core/procedure/index.ts';
import { buildReport } from '../../core/scoring/index.ts';
import { UsageError, type Command } from '../command.ts';
import { loadProtocolOption, readText } from '../files.ts';
import { type FileResult, processFiles, shardOf } from '../recordings.ts';
import { parseRecordingArgs } from './verify.ts';

const USAGE = [
  'scrub grade <file.scrub…> [--csv] [--jobs N] [--shard i/n]',
  '       scrub grade --procedure <id|file.yaml> --actions <log.jsonl> [--mode learn|practice|assess] [--variant <id> | --seed <n>]',
].join('\n');

/**
 * `scrub grade`: re-simulates recordings and prints each one's report (JSON; JSON lines for several; `--csv` a
 * row each); or, with `--procedure` and `--actions`, runs the procedure engine over an action log.
 */
export const grade: Command = {
  name: 'grade',
  summary: 'grade recordings (.scrub) or an action log and print the report (JSON, or CSV)',
  usage: USAGE,
  run(args) {
    if (args.includes('--procedure') || args.includes('--actions')) return gradeActionLog(args);
    return gradeRecordings(args);
  },
};

/** CSV columns of `scrub grade --csv`, one row per attempt. */
export const CSV_COLUMNS = [
  'file',
  'learner',
  'procedure',
  'version',
  'variant',
  'mode',
  'seed',
  'started_at',
  'ended_at',
  'duration_s',
  'outcome',
  'passed',
  'score',
  'proficient',
  'errors',
  'error_codes',
] as const;

async function gradeRecordings(args: string[]): Promise<number> {
  const opts = parseRecordingArgs(args, ['--csv']);
  const csv = opts.flags.has('--csv');
  const files = shardOf(opts.files, opts.shard);
  let failed = 0;
  if (csv) console.log(CSV_COLUMNS.join(','));
  await processFiles(files, 'grade', opts.jobs, (r) => {
    if (!r.ok || !r.report) {
      failed++;
      console.error(`scrub grade: ${r.file}: ${r.problem}`);
      return;
    }
    if (csv) console.log(csvRow(r));
    else if (files.length === 1) console.log(JSON.stringify(r.report, null, 2));
    else console.log(JSON.stringify({ file: r.file, ...r.report }));
  });
  if (failed > 0)
    console.error(`scrub grade: ${failed} of ${files.length} recording${files.length === 1 ? '' : 's'} not graded (damaged, or not replaying as recorded)`);
  return failed > 0 ? 1 : 0;
}

function csvRow(r: FileResult): string {
  const report = r.report!;
  const row: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null | undefined> = {
    file: r.file,
    learner: r.learner,
    procedure: report.procedure,
    version: report.version,
    variant: report.variant,
    mode: report.mode,
    seed: r.seed,
    started_at: r.startedAt,
    ended_at: r.endedAt,
    duration_s: report.metrics.durationSec,
    outcome: report.outcome,
    passed: report.passed,
    score: report.score,
    proficient: report.metrics.proficient,
    errors: report.errors.length,
    error_codes: report.errors.map((e) => e.code).join(';'),
  };
  return CSV_COLUMNS.map((c) => csvField(row[c])).join(',');
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; empty for null. */
function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function gradeActionLog(args: string[]): number {
  const opts = parseOptions(args);
  const protocol = loadProtocolOption(opts.procedure);
  if (!protocol) return 1;
  const log = parseActionLog(readText(opts.actions), (action) => unknownNames(protocol, action));
  if (log.errors.length > 0) {
    for (const e of log.errors) console.error(`${opts.actions}:${e.line}: ${e.message}`);
    console.error(`scrub grade: ${opts.actions} is not a valid action log`);
    return 1;
  }
  const attempt: EngineOptions = { mode: opts.mode };
  if (opts.variant !== undefined) {
    if (!protocol.variants.some((v) => v.id === opts.variant)) {
      throw new UsageError(`${protocol.id} has no variant '${opts.variant}' (variants: ${protocol.variants.map((v) => v.id).join(', ')})`);
    }
    attempt.variant = opts.variant;
  }
  if (opts.seed !== undefined) attempt.seed = opts.seed;
  const { state } = runAttempt(protocol, log.actions, attempt);
  console.log(JSON.stringify(buildReport(protocol, state), null, 2));
  return 0;
}

interface Options {
  procedure: string;
  actions: string;
  mode: Mode;
  variant?: string;
  seed?: number;
}

function parseOptions(args: string[]): Options {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    if (!['--procedure', '--actions', '--mode', '--variant', '--seed'].includes(name)) throw new UsageError(`unknown option '${name}'`);
    const value = args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values[name.slice(2)] = value;
  }
  const { procedure, actions, mode = 'assess', variant, seed } = values;
  if (procedure === undefined) throw new UsageError('--procedure is required');
  if (actions === undefined) throw new UsageError('--actions is required');
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
  const options: Options = { procedure, actions, mode: mode as Mode };
  if (variant !== undefined) options.variant = variant;
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new UsageError('--seed must be a whole number');
    options.seed = Number(seed);
  }
  return options;
}
