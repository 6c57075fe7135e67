/** Reading the files the commands are given: a clear usage error, never a stack trace. */
import { readFileSync } from 'node:fs';
import { type Protocol, formatProtocolError, loadProtocol } from '../core/procedure/index.ts';
import { UsageError } from './command.ts';
import { resolveProtocol } from './recordings.ts';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The protocol of `--procedure` (an id or a file), or null after printing its located errors. */
export function loadProtocolOption(procedure: string): Protocol | null {
  const file = resolveProtocol(procedure);
  const loaded = loadProtocol(readText(file), file);
  if (loaded.ok) return loaded.protocol;
  for (const e of loaded.errors) console.error(formatProtocolError(e));
  return null;
}
