/**
 * Mistakes, not actions: an error rule's `charge` says when a new occurrence is a new mistake and when it
 * repeats one already recorded (docs/protocols.md, "Charging mistakes"). A repeat is counted on the record it
 * repeats and charged nothing more.
 */
import type { Action } from '../vocabulary/actions.ts';
import { num, type Params } from './params.ts';
import { DEFAULT_CHARGE, type Charge, type ErrorRule } from './schema.ts';
import type { ErrorSubject } from './specifics.ts';

/** What an error record needs for its repeats to be recognised. */
interface Charged {
  code: string;
  lastT: number;
  about?: ErrorSubject;
}

export function chargeOf(rule: Pick<ErrorRule, 'once' | 'charge'>): Charge {
  return rule.once === true ? 'once' : (rule.charge ?? DEFAULT_CHARGE);
}

/** Index of the recorded mistake this occurrence of `rule` repeats, or -1 when it is a new mistake. */
export function repeatedMistake(rule: ErrorRule, errors: readonly Charged[], action: Action, params: Params): number {
  const charge = chargeOf(rule);
  for (let i = errors.length - 1; i >= 0; i--) {
    const e = errors[i]!;
    if (e.code !== rule.code) continue;
    if (charge === 'once') return i;
    if (charge === 'per-event') return action.t - e.lastT < num(rule.cooldownSec ?? 0, params) ? i : -1;
    if (mistakeKey(e.about ?? {}) === mistakeKey(action)) return i;
  }
  return -1;
}

/** per-structure: the structure the action names, else its object; actions that name neither share one key. */
function mistakeKey(x: { structure?: unknown; object?: unknown }): string {
  if (typeof x.structure === 'string') return `structure:${x.structure}`;
  if (typeof x.object === 'string') return `object:${x.object}`;
  return '';
}
