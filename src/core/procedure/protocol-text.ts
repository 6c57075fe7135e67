import type { Protocol, Step, ErrorRule, Variant } from './schema.ts';

/**
 * A protocol's text in one language, English (the file's own text) wherever the translation has none. Grading never
 * reads it: the engine and the reports keep ids and the file's own text, and views show this.
 */
export interface ProtocolText {
  readonly language: string;
  title(): string;
  summary(): string;
  instrument(id: string): string;
  variant(v: Pick<Variant, 'id' | 'title' | 'description'>): { title: string; description: string | undefined };
  step(s: Pick<Step, 'id' | 'title' | 'instruction' | 'hint'>): { title: string; instruction: string; hint: string };
  /** The one-handed mode: what the assistant does (allowed), or why it is not allowed; undefined where the protocol says neither. */
  oneHanded(): string | undefined;
  /** An error's message and what to do instead, by code, given the English the engine reported. */
  error(code: string, english: { message: string; instead?: string | undefined }): { message: string; instead: string | undefined };
}

export function protocolText(protocol: Protocol, language: string): ProtocolText {
  const t = Object.hasOwn(protocol.translations, language) ? protocol.translations[language] : undefined;
  const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined => (record && Object.hasOwn(record, key) ? record[key] : undefined);
  return {
    language: t ? language : 'en',
    title: () => t?.title ?? protocol.title,
    summary: () => t?.summary ?? protocol.summary,
    instrument: (id) => own(t?.instruments, id) ?? protocol.instruments.find((i) => i.id === id)?.name ?? id,
    variant: (v) => {
      const x = own(t?.variants, v.id);
      return { title: x?.title ?? v.title, description: x?.description ?? v.description };
    },
    step: (s) => {
      const x = own(t?.steps, s.id);
      return { title: x?.title ?? s.title, instruction: x?.instruction ?? s.instruction, hint: x?.hint ?? s.hint };
    },
    oneHanded: () => {
      const { assistant, reason } = protocol.oneHanded;
      return assistant ? (t?.oneHanded?.assistant ?? assistant.does) : (t?.oneHanded?.reason ?? reason);
    },
    error: (code, english) => {
      const x = own(t?.errors, code);
      return { message: x?.message ?? english.message, instead: x?.instead ?? english.instead };
    },
  };
}

/** The English texts a translation to `language` lacks, as `steps.<id>.title` etc.: empty when it is complete. */
export function missingTranslations(protocol: Protocol, language: string): string[] {
  const t = protocol.translations[language];
  const missing: string[] = [];
  const need = (have: unknown, path: string): void => void (have === undefined && missing.push(path));
  need(t?.title, 'title');
  need(t?.summary, 'summary');
  for (const i of protocol.instruments) need(t?.instruments[i.id], `instruments.${i.id}`);
  for (const v of protocol.variants) {
    need(t?.variants[v.id]?.title, `variants.${v.id}.title`);
    if (v.description !== undefined) need(t?.variants[v.id]?.description, `variants.${v.id}.description`);
  }
  for (const s of protocol.steps) for (const f of ['title', 'instruction', 'hint'] as const) need(t?.steps[s.id]?.[f], `steps.${s.id}.${f}`);
  if (protocol.oneHanded.assistant) need(t?.oneHanded?.assistant, 'oneHanded.assistant');
  if (protocol.oneHanded.reason !== undefined) need(t?.oneHanded?.reason, 'oneHanded.reason');
  for (const e of uniqueCodes(protocol.errors)) for (const f of ['message', 'instead'] as const) need(t?.errors[e]?.[f], `errors.${e}.${f}`);
  const card = protocol.caseCard;
  if (card) {
    for (const f of ['patient', 'history', 'indication'] as const) if (card[f] !== undefined) need(t?.caseCard?.[f], `caseCard.${f}`);
    card.findings.forEach((_, i) => need(t?.caseCard?.findings?.[i], `caseCard.findings.${i}`));
    const words = [card.fields, ...protocol.variants.map((v) => v.caseCard?.fields ?? {})].flatMap((fields) =>
      Object.values(fields).flatMap((f) => ('oneOf' in f ? f.oneOf : [])),
    );
    for (const w of new Set(words)) need(t?.caseCard?.words[w], `caseCard.words.${w}`);
    for (const v of protocol.variants) {
      const over = v.caseCard;
      if (!over) continue;
      const vt = t?.variants[v.id]?.caseCard;
      for (const f of ['patient', 'history', 'indication'] as const) if (over[f] !== undefined) need(vt?.[f], `variants.${v.id}.caseCard.${f}`);
      (over.findings ?? []).forEach((_, i) => need(vt?.findings?.[i], `variants.${v.id}.caseCard.findings.${i}`));
    }
  }
  return missing;
}

function uniqueCodes(errors: readonly ErrorRule[]): string[] {
  return [...new Set(errors.map((e) => e.code))];
}
