/**
 * The case card: the patient (or training task) shown before an attempt, written from the protocol's
 * `caseCard` and the variant's changes to it, with its values drawn from the attempt's seed. The same
 * protocol, variant and seed always give the same card.
 */
import { Rng } from '../kernel/rng.ts';
import type { CardField, CaseCardSpec } from './case-card-schema.ts';
import type { Path, Problem } from './problem.ts';
import type { Protocol, Variant } from './schema.ts';
import { didYouMean } from '../kernel/suggest.ts';

export interface CaseCard {
  kind: CaseCardSpec['kind'];
  /** The variant it was written for. */
  variant: string;
  patient?: string;
  history?: string;
  indication: string;
  findings: string[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * The card of `variant` (an id; '' or unknown: the protocol's own), or null when the protocol has none; in `language`
 * where the protocol's `translations:` carry its card (English text wherever they do not). The values are drawn the
 * same in every language: only their words (`oneOf`) are translated.
 */
export function caseCardFor(protocol: Protocol, variant: string, seed: number, language = 'en'): CaseCard | null {
  const spec = protocol.caseCard;
  if (spec === undefined) return null;
  const v = protocol.variants.find((x) => x.id === variant);
  const translation = Object.hasOwn(protocol.translations, language) ? protocol.translations[language] : undefined;
  const own = translation?.caseCard;
  const theirs = v && translation && Object.hasOwn(translation.variants, v.id) ? translation.variants[v.id]?.caseCard : undefined;
  const fields = mergedFields(spec, v);
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = drawField(field, seed, name);
    values[name] = 'oneOf' in field && own && Object.hasOwn(own.words, value) ? own.words[value]! : value;
  }
  const fill = (template: string) => template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? `{${name}}`);
  const over = v?.caseCard;
  // A variant's text replaces the protocol's, so its translation does too (else the variant's English).
  const text = (key: 'patient' | 'history' | 'indication'): string | undefined =>
    over?.[key] !== undefined ? (theirs?.[key] ?? over[key]) : (own?.[key] ?? spec[key]);
  const card: CaseCard = {
    kind: spec.kind,
    variant: v?.id ?? '',
    indication: fill(text('indication')!),
    findings: [...spec.findings.map((f, i) => own?.findings?.[i] ?? f), ...(over?.findings ?? []).map((f, i) => theirs?.findings?.[i] ?? f)].map(fill),
  };
  const patient = text('patient');
  const history = text('history');
  if (patient !== undefined) card.patient = fill(patient);
  if (history !== undefined) card.history = fill(history);
  return card;
}

function mergedFields(spec: CaseCardSpec, variant: Variant | undefined): Record<string, CardField> {
  return { ...spec.fields, ...(variant?.caseCard?.fields ?? {}) };
}

/** One field's value: each field has its own stream from the seed, so adding a field changes no other. */
export function drawField(field: CardField, seed: number, name: string): string {
  const rng = new Rng((seed ^ fieldSalt(name)) >>> 0);
  if ('oneOf' in field) return field.oneOf[Math.min(field.oneOf.length - 1, Math.floor(rng.next() * field.oneOf.length))]!;
  const [low, high] = field.between;
  const steps = Math.floor((high - low) / field.step + 1e-9);
  const k = Math.min(steps, Math.floor(rng.next() * (steps + 1)));
  const decimals = Math.max(0, -Math.floor(Math.log10(field.step) + 1e-9));
  return (low + k * field.step).toFixed(decimals);
}

/** FNV-1a of the field's name. */
function fieldSalt(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The parts of a card that have text, a patient's or a training task's; views name them (`caseCard.part.<part>`). */
export function caseCardSections(card: CaseCard): { part: 'patient' | 'history' | 'indication' | 'task' | 'findings' | 'setup'; lines: string[] }[] {
  const patient = card.kind === 'patient';
  const sections = [
    { part: 'patient' as const, lines: card.patient ? [card.patient] : [] },
    { part: 'history' as const, lines: card.history ? [card.history] : [] },
    { part: patient ? ('indication' as const) : ('task' as const), lines: [card.indication] },
    { part: patient ? ('findings' as const) : ('setup' as const), lines: card.findings },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

/** What a schema cannot check of the cards: every {name} is a field (of the card, or of the variant's), ranges run low to high. */
export function caseCardProblems(p: Protocol): Problem[] {
  const spec = p.caseCard;
  const problems: Problem[] = [];
  const checkFields = (fields: Record<string, CardField>, at: Path) => {
    for (const [name, field] of Object.entries(fields)) {
      if ('between' in field && field.between[0] > field.between[1])
        problems.push({ path: [...at, name, 'between'], message: `field '${name}' runs from high to low` });
    }
  };
  const checkTexts = (texts: Record<string, unknown>, names: readonly string[], at: Path) => {
    for (const key of ['patient', 'history', 'indication', 'findings'] as const) {
      const value = texts[key];
      const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
      list.forEach((text, i) => {
        for (const m of text.matchAll(PLACEHOLDER)) {
          const name = m[1]!;
          if (!names.includes(name)) {
            problems.push({
              path: typeof value === 'string' ? [...at, key] : [...at, key, i],
              message: `unknown case-card field '{${name}}'${didYouMean(name, names)}`,
            });
          }
        }
      });
    }
  };
  if (spec === undefined) {
    p.variants.forEach((v, i) => {
      if (v.caseCard !== undefined)
        problems.push({ path: ['variants', i, 'caseCard'], message: 'a variant changes a case card the protocol does not have', atKey: true });
    });
    for (const [language, t] of Object.entries(p.translations)) {
      if (t.caseCard !== undefined)
        problems.push({ path: ['translations', language, 'caseCard'], message: 'a translation of a case card the protocol does not have', atKey: true });
    }
    return problems;
  }
  checkFields(spec.fields, ['caseCard', 'fields']);
  checkTexts(spec, Object.keys(spec.fields), ['caseCard']);
  p.variants.forEach((v, i) => {
    if (v.caseCard === undefined) return;
    checkFields(v.caseCard.fields ?? {}, ['variants', i, 'caseCard', 'fields']);
    checkTexts(v.caseCard, Object.keys(mergedFields(spec, v)), ['variants', i, 'caseCard']);
  });
  // A translation of the card uses the same fields, translates each finding one for one, and only words the fields have.
  const words = new Set(
    [spec.fields, ...p.variants.map((v) => v.caseCard?.fields ?? {})].flatMap((f) => Object.values(f).flatMap((x) => ('oneOf' in x ? x.oneOf : []))),
  );
  const sameCount = (translated: readonly string[] | undefined, english: readonly string[], at: Path) => {
    if (translated !== undefined && translated.length !== english.length)
      problems.push({ path: at, message: `${translated.length} translated findings for ${english.length} in English: translate them one for one` });
  };
  for (const [language, t] of Object.entries(p.translations)) {
    const at: Path = ['translations', language];
    if (t.caseCard) {
      checkTexts(t.caseCard, Object.keys(spec.fields), [...at, 'caseCard']);
      sameCount(t.caseCard.findings, spec.findings, [...at, 'caseCard', 'findings']);
      for (const word of Object.keys(t.caseCard.words)) {
        if (!words.has(word))
          problems.push({
            path: [...at, 'caseCard', 'words', word],
            message: `no case-card field has the word '${word}'${didYouMean(word, [...words])}`,
            atKey: true,
          });
      }
    }
    for (const [id, vt] of Object.entries(t.variants)) {
      const v = p.variants.find((x) => x.id === id);
      if (!v || vt.caseCard === undefined) continue;
      const vat: Path = [...at, 'variants', id, 'caseCard'];
      if (v.caseCard === undefined)
        problems.push({ path: vat, message: `variant '${id}' does not change the case card: there is nothing to translate`, atKey: true });
      else {
        checkTexts(vt.caseCard, Object.keys(mergedFields(spec, v)), vat);
        sameCount(vt.caseCard.findings, v.caseCard.findings ?? [], [...vat, 'findings']);
      }
    }
  }
  return problems;
}
