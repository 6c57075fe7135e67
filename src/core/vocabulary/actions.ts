/**
 * The semantic action vocabulary: what recognisers emit and the procedure engine consumes
 * (documented in docs/actions.md). In files, one JSON object per line.
 */
import type { Hand, Point } from '../kernel/input.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { oneLine } from '../kernel/one-line.ts';
import { didYouMean } from '../kernel/suggest.ts';

export const ACTION_TYPES = [
  'grasp',
  'release',
  'retract',
  'dissect',
  'incise',
  'mark',
  'needle-load',
  'needle-enter',
  'needle-exit',
  'throw',
  'tension',
  'cut',
  'clip',
  'cauterize',
  'declare',
  'decide',
  'place',
  'drop',
  'handover',
  'contact',
  'tear',
  'bleed',
  'heat',
  'haemostasis',
  'aspirate',
  'visibility',
  'framed',
  'lens-contact',
  'request-hint',
  'idle',
  'end',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** One semantic action. `t` is simulated seconds (tick / TICK_HZ); the engine reads time from nothing else. */
export interface Action {
  t: number;
  type: ActionType;
  tick?: number;
  hand?: Hand;
  instrument?: string;
  structure?: string;
  /** Other structures a clip or cut closes across besides `structure` (one clip on two structures). */
  across?: string[];
  /** The protocol's danger structure (`dangerZones`) nearest the working part of a clip, cut or burn … */
  nearest?: string;
  /** … and the distance from the working part to its surface, millimetres. */
  nearestMm?: number;
  /** Position along a tubular structure or path: 0 at the gallbladder end / start, 1 at the patient side / end. */
  s?: number;
  complete?: boolean;
  fraction?: number;
  point?: Point;
  /** Degrees. */
  angle?: number;
  /** Millimetres. */
  depth?: number;
  /** Millimetres: a bite's depth on the side it entered, and on the side it came out (`needle-exit`). */
  entryDepth?: number;
  exitDepth?: number;
  /** Millimetres. */
  distance?: number;
  /** Millimetres: closest approach of a cut or marking to a lesion's edge. */
  margin?: number;
  ratio?: number;
  /** Degrees: a marked ellipse's apex angle, the mean of its two tips. */
  tipAngle?: number;
  wraps?: number;
  direction?: string;
  what?: string;
  /** A decision the trainee made (`decide`): e.g. bail-out. */
  decision?: string;
  object?: string;
  peg?: string;
  inView?: boolean;
  from?: Hand;
  to?: Hand;
  midAir?: boolean;
  /** Newtons. */
  force?: number;
  /** Seconds. */
  duration?: number;
  /** Millilitres: blood lost so far (`bleed`), blood aspirated (`aspirate`). */
  volumeMl?: number;
  /** Thermal dose a structure has received so far, contact-equivalent seconds (`heat`). */
  dose?: number;
}

export type FieldKind = 'string' | 'strings' | 'number' | 'boolean' | 'hand' | 'point' | 'tick';

/** Every field an action may carry, with its kind: the parser rejects anything else. */
export const ACTION_FIELDS = {
  t: 'number',
  type: 'string',
  tick: 'tick',
  hand: 'hand',
  instrument: 'string',
  structure: 'string',
  across: 'strings',
  nearest: 'string',
  nearestMm: 'number',
  s: 'number',
  complete: 'boolean',
  fraction: 'number',
  point: 'point',
  angle: 'number',
  depth: 'number',
  entryDepth: 'number',
  exitDepth: 'number',
  distance: 'number',
  margin: 'number',
  ratio: 'number',
  tipAngle: 'number',
  wraps: 'number',
  direction: 'string',
  what: 'string',
  decision: 'string',
  object: 'string',
  peg: 'string',
  inView: 'boolean',
  from: 'hand',
  to: 'hand',
  midAir: 'boolean',
  force: 'number',
  duration: 'number',
  volumeMl: 'number',
  dose: 'number',
} as const satisfies Record<keyof Action, FieldKind>;
export type ActionField = keyof typeof ACTION_FIELDS;
export const ACTION_FIELD_NAMES = Object.keys(ACTION_FIELDS) as ActionField[];

/** Fields an action of each type must carry for the engine to judge it. */
export const REQUIRED_FIELDS: Record<ActionType, readonly ActionField[]> = {
  grasp: [],
  release: [],
  retract: ['structure'],
  dissect: ['structure', 'fraction'],
  incise: ['structure'],
  mark: [],
  'needle-load': ['s'],
  'needle-enter': ['structure'],
  'needle-exit': ['structure'],
  throw: ['wraps', 'direction'],
  tension: ['force'],
  cut: ['structure'],
  clip: ['structure', 's', 'complete'],
  cauterize: ['structure'],
  declare: ['what'],
  decide: ['decision'],
  place: ['object'],
  drop: ['object', 'inView'],
  handover: ['object', 'from', 'to', 'midAir'],
  contact: [],
  tear: ['structure'],
  bleed: ['volumeMl'],
  heat: ['structure', 'dose'],
  haemostasis: ['structure', 'what'],
  aspirate: ['volumeMl'],
  visibility: ['instrument', 'inView'],
  framed: ['object', 'angle', 'distance'],
  'lens-contact': [],
  'request-hint': [],
  idle: [],
  end: [],
};

export function isActionType(x: unknown): x is ActionType {
  return typeof x === 'string' && (ACTION_TYPES as readonly string[]).includes(x);
}

export interface ActionLogError {
  line: number;
  message: string;
}

export interface ActionLog {
  actions: Action[];
  errors: ActionLogError[];
}

/** Bounds on what an action log may say (docs/limits.md): times within 0 … 11.6 days, any number within ±1e9. */
export const MAX_ACTION_TIME_S = 1_000_000;
export const MAX_ACTION_NUMBER = 1e9;
/** Problems reported per log; past this they are counted, not listed. */
export const MAX_LOG_ERRORS = 100;

/**
 * Parses a JSONL action log. Blank lines are skipped; every other line must be one valid action.
 * Problems are collected with their line numbers rather than thrown, each one line of text. `check` adds the
 * problems of a well-formed action that only its reader can see (names its protocol does not have).
 */
export function parseActionLog(text: string, check?: (action: Action) => readonly string[]): ActionLog {
  const actions: Action[] = [];
  const errors: ActionLogError[] = [];
  let unlisted = 0;
  const report = (line: number, message: string) => {
    if (errors.length < MAX_LOG_ERRORS) errors.push({ line, message: oneLine(message) });
    else unlisted++;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let previousT = -Infinity;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      report(line, 'not valid JSON');
      return;
    }
    const wellFormed = checkAction(value);
    const problems = wellFormed.length === 0 ? [...inLogBounds(value as Action, raw), ...(check?.(value as Action) ?? [])] : wellFormed;
    if (problems.length > 0) {
      for (const message of problems) report(line, message);
      return;
    }
    const action = value as Action;
    if (action.t < previousT) {
      report(line, `time goes backwards (t ${action.t} after ${previousT})`);
      return;
    }
    previousT = action.t;
    actions.push(action);
  });
  if (unlisted > 0) errors.push({ line: lines.length, message: `… and ${unlisted} more problems` });
  return { actions, errors };
}

/** What a file may not say though an action in memory could: repeated keys, times and numbers out of bounds, a tick off its time. */
function inLogBounds(action: Action, raw: string): string[] {
  const problems: string[] = [];
  const repeated = repeatedKey(raw);
  if (repeated !== undefined) problems.push(`field '${repeated}' is given twice`);
  if (!(action.t >= 0 && action.t <= MAX_ACTION_TIME_S)) problems.push(`t must be from 0 to ${MAX_ACTION_TIME_S} s, not ${action.t}`);
  if (action.tick !== undefined && Math.abs(action.tick - action.t * TICK_HZ) > 0.5) {
    problems.push(`tick ${action.tick} is not at t ${action.t} (tick = t × ${TICK_HZ})`);
  }
  if (action.fraction !== undefined && !(action.fraction >= 0 && action.fraction <= 1)) problems.push(`fraction must be from 0 to 1, not ${action.fraction}`);
  for (const [key, v] of Object.entries(action)) {
    const numbers = typeof v === 'number' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'number') : [];
    if (numbers.some((x) => Math.abs(x) > MAX_ACTION_NUMBER)) problems.push(`field '${key}' is beyond ±${MAX_ACTION_NUMBER}`);
  }
  return problems;
}

/** A key the top-level object of a (valid) JSON line repeats: JSON.parse would keep the last silently. */
function repeatedKey(json: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      const start = i;
      for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++;
      if (depth !== 1) continue;
      let j = i + 1;
      while (json[j] === ' ' || json[j] === '\t' || json[j] === '\r') j++;
      if (json[j] !== ':') continue;
      const key = JSON.parse(json.slice(start, i + 1)) as string;
      if (seen.has(key)) return key;
      seen.add(key);
    }
  }
  return undefined;
}

/**
 * Everything wrong with one decoded action, as messages (empty when it is valid). A field set to
 * `undefined` (possible in memory, never in JSON) counts as absent.
 */
export function checkAction(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['an action must be a JSON object'];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  if (record.type === undefined) problems.push("missing field 'type'");
  else if (!isActionType(record.type)) {
    problems.push(`unknown action type ${JSON.stringify(record.type)}${typeof record.type === 'string' ? didYouMean(record.type, ACTION_TYPES) : ''}`);
  }
  if (record.t === undefined) problems.push("missing field 't' (seconds)");
  for (const [key, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (!Object.hasOwn(ACTION_FIELDS, key)) {
      problems.push(`unknown field '${key}'${didYouMean(key, ACTION_FIELD_NAMES)}`);
      continue;
    }
    const kind = ACTION_FIELDS[key as ActionField];
    if (!fieldHasKind(v, kind)) problems.push(`field '${key}' must be ${KIND_WORDS[kind]}, not ${JSON.stringify(v)}`);
  }
  if (isActionType(record.type)) {
    for (const field of REQUIRED_FIELDS[record.type]) {
      if (record[field] === undefined) problems.push(`a '${record.type}' action needs field '${field}'`);
    }
  }
  return problems;
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  strings: 'a list of strings',
  number: 'a finite number',
  boolean: 'true or false',
  hand: "'left' or 'right'",
  point: 'an [x, y, z] array of numbers',
  tick: 'a whole number ≥ 0',
};

function fieldHasKind(v: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'strings':
      return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'hand':
      return v === 'left' || v === 'right';
    case 'point':
      return Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    case 'tick':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0;
  }
}
