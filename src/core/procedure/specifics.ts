/**
 * What an error was about, as data and in words: the structure, instrument or object its action named,
 * the values that broke the rule's thresholds, and the criteria that did not hold. explain.ts finds them;
 * the report carries them (docs/report.md).
 */
import type { Hand } from '../kernel/input.ts';
import { learnersHand, learnersHandWords } from '../kernel/mirror.ts';
import { getOwn } from './records.ts';

/** How a measured value broke its threshold: `lt` means value < threshold, `outside` means beyond [low, high]. */
export type Comparison = 'lt' | 'lte' | 'gt' | 'gte' | 'inside' | 'outside';

export interface Measurement {
  /** An action field (depth, force, angle…) or a quantity of the field record (cleared, strokes, throws…). */
  quantity: string;
  value: number;
  comparison: Comparison;
  threshold: number | [number, number];
  unit?: string;
  /** The structure measured, when it is not the one the action named (e.g. a criterion's). */
  structure?: string;
  /** The missing criterion this measurement belongs to. */
  criterion?: string;
}

/** Action fields that say what an action was done to, with and by. */
export const SUBJECT_FIELDS = ['structure', 'object', 'peg', 'instrument', 'hand', 'from', 'to', 'what'] as const;
export type ErrorSubject = Partial<Record<(typeof SUBJECT_FIELDS)[number], string>>;

/** The specific facts of one error; each key is present only when there is something to say. */
export interface ErrorSpecifics {
  about?: ErrorSubject;
  measured?: Measurement[];
  /** Named conditions of the protocol (or a predicate's own criteria) that had to hold and did not. */
  missing?: string[];
}

/** Units of the numeric action fields (docs/actions.md). */
export const FIELD_UNITS: Readonly<Record<string, string>> = {
  depth: 'mm',
  distance: 'mm',
  margin: 'mm',
  angle: '°',
  force: 'N',
  duration: 's',
  volumeMl: 'ml',
  dose: 's',
};

/**
 * The specifics in words, e.g. "dermis, with the needle driver; depth 1.4 mm < 2 mm minimum". Empty when there
 * are none. `mirrored` (the attempt was performed mirrored, docs/accessibility.md): a hand, and the hand word of
 * an instrument's id (`grasper-left`), are named as the learner used them; the stored message stays canonical.
 */
export function describeSpecifics(s: ErrorSpecifics, options: { mirrored?: boolean } = {}): string {
  const measured = s.measured ?? [];
  const parts: string[] = [];
  const subject = describeSubject(s.about ?? {}, options.mirrored ?? false);
  if (subject !== '') parts.push(subject);
  for (const m of measured) if (m.criterion === undefined) parts.push(describeMeasurement(m));
  const missing = (s.missing ?? []).map((c) => {
    const own = measured.filter((m) => m.criterion === c).map(describeMeasurement);
    return own.length > 0 ? `${words(c)} (${own.join(', ')})` : words(c);
  });
  if (missing.length > 0) parts.push(`not met: ${missing.join(', ')}`);
  return parts.join('; ');
}

/** The rule's message with the specifics, then what to do instead (`mirrored`: as in `describeSpecifics`). */
export function errorMessage(message: string, specifics: ErrorSpecifics, instead: string, options: { mirrored?: boolean } = {}): string {
  const detail = describeSpecifics(specifics, options);
  const headline = detail === '' ? message : `${message.replace(/\.\s*$/, '')} — ${detail}.`;
  return `${headline} Instead: ${instead}`;
}

function describeSubject(a: ErrorSubject, mirrored: boolean): string {
  const parts: string[] = [];
  const target = a.structure ?? a.object;
  if (target !== undefined) parts.push(words(target));
  if (a.peg !== undefined) parts.push(`peg ${a.peg}`);
  if (a.instrument !== undefined) parts.push(`with the ${learnersHandWords(words(a.instrument), mirrored)}`);
  else if (a.hand !== undefined) parts.push(`${isHand(a.hand) ? learnersHand(a.hand, mirrored) : a.hand} hand`);
  if (a.from !== undefined && a.to !== undefined) parts.push(`from ${a.from} to ${a.to}`);
  if (a.what !== undefined) parts.push(words(a.what));
  return parts.join(', ');
}

const SYMBOLS: Record<Comparison, string> = { lt: '<', lte: '≤', gt: '>', gte: '≥', inside: 'within', outside: 'outside' };
/** A strict comparison broke a limit the value had to reach (lt) or stay under (gt); the others read plainly. */
const BOUNDS: Record<Comparison, string> = { lt: ' minimum', lte: '', gt: ' maximum', gte: '', inside: '', outside: '' };
/** Quantities whose field name says little on its own. */
const QUANTITY_WORDS: Readonly<Record<string, string>> = { s: 'position (s)' };

export function describeMeasurement(m: Measurement): string {
  const unit = m.unit === undefined ? '' : m.unit === '°' ? '°' : ` ${m.unit}`;
  const threshold = typeof m.threshold === 'number' ? `${figure(m.threshold)}${unit}` : `${figure(m.threshold[0])}–${figure(m.threshold[1])}${unit}`;
  const quantity = getOwn(QUANTITY_WORDS, m.quantity) ?? words(m.quantity);
  const what = m.structure === undefined ? quantity : `${words(m.structure)} ${quantity}`;
  return `${what} ${figure(m.value)}${unit} ${SYMBOLS[m.comparison]} ${threshold}${BOUNDS[m.comparison]}`;
}

function isHand(h: string): h is Hand {
  return h === 'left' || h === 'right';
}

function words(id: string): string {
  return id.replace(/-/g, ' ');
}

function figure(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/**
 * An error's message as the learner reads it: as recorded (canonical), or for an attempt performed mirrored,
 * made again from its rule with the hands the learner used (a message recorded without its `instead` predates
 * specifics and is shown as recorded).
 */
export function learnersErrorMessage(
  error: ErrorSpecifics & { code: string; message: string; instead?: string | undefined },
  rules: readonly { code: string; message: string; instead: string }[],
  mirrored: boolean,
): string {
  const rule = mirrored && error.instead !== undefined ? rules.find((r) => r.code === error.code) : undefined;
  return rule ? errorMessage(rule.message, error, error.instead ?? rule.instead, { mirrored }) : error.message;
}
