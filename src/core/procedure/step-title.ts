import type { Protocol } from './schema.ts';

/**
 * A step's title from its key in a report (the step's id, or `id#iteration` for a step of a repeat block), in
 * `language` where the protocol has it translated; the key itself when the protocol has no such step.
 */
export function stepTitle(protocol: Pick<Protocol, 'steps'> & Partial<Pick<Protocol, 'translations'>>, key: string, language = 'en'): string {
  const id = key.split('#')[0];
  const step = protocol.steps.find((s) => s.id === id);
  if (!step) return key;
  const translation = protocol.translations && Object.hasOwn(protocol.translations, language) ? protocol.translations[language] : undefined;
  const translated = translation && Object.hasOwn(translation.steps, step.id) ? translation.steps[step.id]?.title : undefined;
  return translated ?? step.title;
}
