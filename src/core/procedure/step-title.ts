import type { Protocol } from './schema.ts';

/**
 * A step's title from its key in a report (the step's id, or `id#iteration` for a step of a repeat block);
 * the key itself when the protocol has no such step.
 */
export function stepTitle(protocol: Pick<Protocol, 'steps'>, key: string): string {
  const id = key.split('#')[0];
  return protocol.steps.find((s) => s.id === id)?.title ?? key;
}
