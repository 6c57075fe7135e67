import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MODES,
  formatProtocolError,
  loadProtocol,
  parseActionLog,
  runAttempt,
  unknownNames,
  type EngineOptions,
  type Mode,
} from '../../core/procedure/index.ts';
import { buildReport } from '../../core/scoring/index.ts';
import { UsageError, type Command } from '../command.ts';

const USAGE = 'scrub grade --procedure <id|file.yaml> --actions <log.jsonl> [--mode learn|practice|assess] [--variant <id> | --seed <n>]';

/** `scrub grade`: runs the procedure engine over an action log and prints the report as JSON. */
export const grade: Command = {
  name: 'grade',
  summary: 'grade an action log against a procedure and print the report (JSON)',
  usage: USAGE,
  run(args) {
    const opts = parseOptions(args);
    const protocolFile = resolveProtocol(opts.procedure);
    const loaded = loadProtocol(readText(protocolFile), protocolFile);
    if (!loaded.ok) {
      for (const e of loaded.errors) console.error(formatProtocolError(e));
      return 1;
    }
    const protocol = loaded.protocol;
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
  },
};

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

/** A path to a protocol file, or a protocol id looked up in procedures/ (here, then beside the CLI). */
function resolveProtocol(procedure: string): string {
  if (/\.ya?ml$/.test(procedure) || procedure.includes('/')) return procedure;
  const candidates = [join('procedures', `${procedure}.yaml`), join(import.meta.dirname, '../../../procedures', `${procedure}.yaml`)];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) throw new UsageError(`no protocol '${procedure}' (looked for ${candidates[0]})`);
  return found;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
