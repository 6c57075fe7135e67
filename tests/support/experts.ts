/** Loads a stored expert script and its protocol, and plays it through an attempt headlessly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attempt } from '../../src/core/attempt/attempt.ts';
import { type Protocol, loadProtocol } from '../../src/core/procedure/index.ts';
import { type KeyframeScript, parseKeyframeScript } from '../../src/core/recording/keyframes.ts';
import { attemptForScript, runKeyframeScript } from '../../src/core/recording/play.ts';

const ROOT = join(import.meta.dirname, '../..');

export function expertScript(name: string): KeyframeScript {
  return parseKeyframeScript(JSON.parse(readFileSync(join(ROOT, 'assets/experts', `${name}.json`), 'utf8')));
}

export function protocol(id: string): Protocol {
  const file = join(ROOT, 'procedures', `${id}.yaml`);
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.protocol;
}

export function play(name: string): Attempt {
  const script = expertScript(name);
  return runKeyframeScript(protocol(script.procedure), script);
}

/** A new attempt for a script (its protocol, seed, variant and mode), not yet played. */
export function attemptFor(script: KeyframeScript): Attempt {
  return attemptForScript(protocol(script.procedure), script);
}
