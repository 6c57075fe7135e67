import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadProtocol, parseActionLog, runAttempt, unknownNames, type Action, type EngineOptions, type Protocol } from '../../../src/core/procedure/index.ts';
import { buildReport, type Report } from '../../../src/core/scoring/index.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const FIXTURES = join(ROOT, 'tests/fixtures/actions');
export const PROCEDURES = ['lap-chole-cvs', 'interrupted-suture', 'elliptical-excision', 'fls-peg-transfer'] as const;

export function protocol(id: string): Protocol {
  const file = join(ROOT, 'procedures', `${id}.yaml`);
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  return result.protocol;
}

const checkedAgainst = new Map<string, Protocol>();

/** A fixture log, checked like `scrub grade` checks it: well-formed, and naming only what its protocol has. */
export function actions(procedure: string, name: string): Action[] {
  const p = checkedAgainst.get(procedure) ?? protocol(procedure);
  checkedAgainst.set(procedure, p);
  const log = parseActionLog(readFileSync(join(FIXTURES, procedure, `${name}.jsonl`), 'utf8'), (a) => unknownNames(p, a));
  if (log.errors.length > 0) throw new Error(JSON.stringify(log.errors));
  return log.actions;
}

export function grade(p: Protocol, log: readonly Action[], options: EngineOptions = {}): Report {
  return buildReport(p, runAttempt(p, log, { mode: 'assess', ...options }).state);
}

export function fixtureNames(procedure: string): string[] {
  return readdirSync(join(FIXTURES, procedure))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, ''));
}

export type Expectation =
  | { variant?: string; outcome: string; passed: boolean; errors: string[] }
  | { variant?: string; code: string; severity: string; step: string; alsoRaised?: string[]; outcome?: string };

export function expectations(procedure: string): Record<string, Expectation> {
  return JSON.parse(readFileSync(join(FIXTURES, procedure, 'expected.json'), 'utf8')) as Record<string, Expectation>;
}
