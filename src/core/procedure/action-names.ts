/**
 * Nothing an action names is taken on trust (docs/actions.md): its structures (`structure`, `across`,
 * `nearest`), instrument, object, peg and place must be in its protocol (its hands, `left` or `right`, are
 * checked with its form by `checkAction`). The engine rejects any other action, live and from logs; `scrub grade` reports it
 * first, at its line in the log.
 */
import { didYouMean } from '../kernel/suggest.ts';
import type { Action } from '../vocabulary/actions.ts';
import type { Protocol } from './schema.ts';

type NamedField = 'structure' | 'instrument' | 'object' | 'peg' | 'place';

/** The ids a protocol lets actions name, per field (the `place` list is the `what` of a `place` action). */
function namesOf(protocol: Protocol): Record<NamedField, readonly string[]> {
  return {
    structure: protocol.structures,
    instrument: protocol.instruments.map((i) => i.id),
    object: protocol.objects,
    peg: protocol.pegs,
    place: protocol.places,
  };
}

/** What `action` names that `protocol` does not have, one message each (empty when everything is known). */
export function unknownNames(protocol: Protocol, action: Action): string[] {
  const names = namesOf(protocol);
  const problems: string[] = [];
  const check = (field: NamedField, id: unknown) => {
    if (typeof id !== 'string' || names[field].includes(id)) return;
    problems.push(`unknown ${field} '${id}' ${suggestion(protocol.id, field, id, names[field])}`);
  };
  check('structure', action.structure);
  for (const id of action.across ?? []) check('structure', id);
  check('structure', action.nearest);
  check('instrument', action.instrument);
  check('object', action.object);
  check('peg', action.peg);
  if (action.type === 'place') check('place', action.what);
  return problems;
}

/** "(did you mean 'x'?)" when one is close, else what the protocol has. */
function suggestion(procedure: string, field: NamedField, id: string, known: readonly string[]): string {
  const close = didYouMean(id, known).trim();
  if (close !== '') return close;
  return known.length === 0 ? `(${procedure} has no ${field}s)` : `(${procedure} has ${field}s ${known.join(', ')})`;
}
