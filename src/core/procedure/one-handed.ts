import type { Hand } from '../kernel/input.ts';
import { didYouMean } from '../kernel/suggest.ts';
import type { Path, Problem } from './problem.ts';
import type { Protocol } from './schema.ts';

/**
 * What the one-handed mode's assistant can take hold of in each scene (`oneHanded.assistant.grasp.structure`;
 * src/core/attempt/assistant.ts finds it in the attempt's anatomy).
 */
export const ASSISTANT_GRASPS: Readonly<Record<Protocol['scene'], readonly string[]>> = {
  hepatobiliary: ['gallbladder'],
  'skin-pad': [],
  pegboard: [],
};

/**
 * Whether a learner who asked for the one-handed mode gets it: only where the protocol allows it
 * (docs/accessibility.md, "One-handed").
 */
export function performsOneHanded(protocol: Pick<Protocol, 'oneHanded'>, oneHanded: boolean): boolean {
  return oneHanded && protocol.oneHanded.allowed;
}

/** The hand the assistant takes: its instrument's (the protocol's non-dominant hand). */
export function assistantHand(protocol: Pick<Protocol, 'oneHanded' | 'instruments'>): Hand | null {
  const id = protocol.oneHanded.assistant?.instrument;
  const hand = protocol.instruments.find((i) => i.id === id)?.hand;
  return hand === 'left' || hand === 'right' ? hand : null;
}

/** The `oneHanded` field's problems beyond its shape: what each choice needs, and ids the protocol does not know. */
export function oneHandedProblems(p: Protocol): Problem[] {
  const problems: Problem[] = [];
  const at = (path: Path, message: string) => problems.push({ path: ['oneHanded', ...path], message });
  const { allowed, assistant, reason } = p.oneHanded;
  if (allowed && assistant === undefined) at(['allowed'], 'one-handed is allowed but no `assistant` says what the assistant does');
  if (!allowed && assistant !== undefined) at(['assistant'], 'an assistant is given but one-handed is not allowed');
  if (allowed && reason !== undefined) at(['reason'], 'a reason is for a procedure that is not allowed one-handed');
  if (assistant === undefined) return problems;
  const instrument = p.instruments.find((i) => i.id === assistant.instrument);
  const ids = p.instruments.map((i) => i.id);
  if (!instrument) at(['assistant', 'instrument'], `unknown instrument '${assistant.instrument}'${didYouMean(assistant.instrument, ids)}`);
  else if (instrument.hand !== 'left' && instrument.hand !== 'right')
    at(['assistant', 'instrument'], `instrument '${instrument.id}' is for no one hand: the assistant takes the hand its instrument is for`);
  const graspable = ASSISTANT_GRASPS[p.scene];
  const structure = assistant.grasp.structure;
  if (!graspable.includes(structure)) {
    const can = graspable.length > 0 ? ` (it can take: ${graspable.join(', ')})` : ' (it can take nothing there)';
    at(['assistant', 'grasp', 'structure'], `the assistant cannot take '${structure}' in the ${p.scene} scene${can}`);
  } else if (!p.structures.includes(structure)) {
    at(['assistant', 'grasp', 'structure'], `unknown structure '${structure}'${didYouMean(structure, p.structures)}`);
  }
  return problems;
}
