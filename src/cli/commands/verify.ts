import { type Command, UsageError } from '../command.ts';
import { defaultJobs, parseShard, processFiles, shardOf } from '../recordings.ts';

const USAGE = 'scrub verify <file.scrub…> [--jobs N] [--shard i/n]';

/** `scrub verify`: re-simulates each recording and confirms it is intact and replays as recorded. */
export const verify: Command = {
  name: 'verify',
  summary: 'check recordings (.scrub): intact, and re-simulating them gives what was recorded',
  usage: USAGE,
  async run(args) {
    const opts = parseRecordingArgs(args, []);
    const files = shardOf(opts.files, opts.shard);
    let failed = 0;
    await processFiles(files, 'verify', opts.jobs, (r) => {
      if (r.ok) console.log(`ok    ${r.file}  ${r.procedure}, ${r.ticks} ticks (${r.seconds!.toFixed(1)} s), state ${r.stateHash}`);
      else {
        failed++;
        console.log(`FAIL  ${r.file}: ${r.problem}`);
      }
    });
    if (failed > 0) console.error(`${failed} of ${files.length} recording${files.length === 1 ? '' : 's'} failed`);
    return failed > 0 ? 1 : 0;
  },
};

export interface RecordingArgs {
  files: string[];
  jobs: number;
  shard?: { index: number; count: number };
  flags: Set<string>;
}

/** Files, `--jobs N`, `--shard i/n`, and the given extra flags (without values). */
export function parseRecordingArgs(args: string[], flags: string[]): RecordingArgs {
  const out: RecordingArgs = { files: [], jobs: defaultJobs(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) out.files.push(arg);
    else if (flags.includes(arg)) out.flags.add(arg);
    else if (arg === '--jobs' || arg === '--shard') {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === '--shard') out.shard = parseShard(value);
      else {
        if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--jobs wants a whole number ≥ 1, got '${value}'`);
        out.jobs = Number(value);
      }
    } else throw new UsageError(`unknown option '${arg}'`);
  }
  if (out.files.length === 0) throw new UsageError('name at least one recording (.scrub)');
  return out;
}
