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

/** The card of `variant` (an id; '' or unknown: the protocol's own), or null when the protocol has none. */
export function caseCardFor(protocol: Protocol, variant: string, seed: number): CaseCard | null {
  const spec = protocol.caseCard;
  if (spec === undefined) return null;
  const v = protocol.variants.find((x) => x.id === variant);
  const fields = mergedFields(spec, v);
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) values[name] = drawField(field, seed, name);
  const fill = (template: string) => template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? `{${name}}`);
  const over = v?.caseCard;
  const card: CaseCard = {
    kind: spec.kind,
    variant: v?.id ?? '',
    indication: fill(over?.indication ?? spec.indication),
    findings: [...spec.findings, ...(over?.findings ?? [])].map(fill),
  };
  const patient = over?.patient ?? spec.patient;
  const history = over?.history ?? spec.history;
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

/** The headings of a card's parts: a patient's, or a training task's. */
export function caseCardSections(card: CaseCard): { heading: string; lines: string[] }[] {
  const patient = card.kind === 'patient';
  const sections = [
    { heading: 'Patient', lines: card.patient ? [card.patient] : [] },
    { heading: 'History', lines: card.history ? [card.history] : [] },
    { heading: patient ? 'Indication' : 'Task', lines: [card.indication] },
    { heading: patient ? 'Findings' : 'Set-up', lines: card.findings },
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
    return problems;
  }
  checkFields(spec.fields, ['caseCard', 'fields']);
  checkTexts(spec, Object.keys(spec.fields), ['caseCard']);
  p.variants.forEach((v, i) => {
    if (v.caseCard === undefined) return;
    checkFields(v.caseCard.fields ?? {}, ['variants', i, 'caseCard', 'fields']);
    checkTexts(v.caseCard, Object.keys(mergedFields(spec, v)), ['variants', i, 'caseCard']);
  });
  return problems;
}
