/**
 * The semantic action vocabulary: what recognisers emit and the procedure engine consumes
 * (documented in docs/actions.md). In files, one JSON object per line.
 */
import type { Hand, Point } from '../kernel/input.ts';
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
  'place',
  'drop',
  'handover',
  'contact',
  'tear',
  'bleed',
  'haemostasis',
  'aspirate',
  'visibility',
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
  object: 'string',
  peg: 'string',
  inView: 'boolean',
  from: 'hand',
  to: 'hand',
  midAir: 'boolean',
  force: 'number',
  duration: 'number',
  volumeMl: 'number',
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
  place: ['object'],
  drop: ['object', 'inView'],
  handover: ['object', 'from', 'to', 'midAir'],
  contact: [],
  tear: ['structure'],
  bleed: ['volumeMl'],
  haemostasis: ['structure', 'what'],
  aspirate: ['volumeMl'],
  visibility: ['instrument', 'inView'],
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

/**
 * Parses a JSONL action log. Blank lines are skipped; every other line must be one valid action.
 * Problems are collected with their line numbers rather than thrown. `check` adds the problems of a
 * well-formed action that only its reader can see (names its protocol does not have).
 */
export function parseActionLog(text: string, check?: (action: Action) => readonly string[]): ActionLog {
  const actions: Action[] = [];
  const errors: ActionLogError[] = [];
  const lines = text.split(/\r?\n/);
  let previousT = -Infinity;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({ line, message: 'not valid JSON' });
      return;
    }
    const wellFormed = checkAction(value);
    const problems = wellFormed.length === 0 && check !== undefined ? check(value as Action) : wellFormed;
    if (problems.length > 0) {
      for (const message of problems) errors.push({ line, message });
      return;
    }
    const action = value as Action;
    if (action.t < previousT) {
      errors.push({ line, message: `time goes backwards (t ${action.t} after ${previousT})` });
      return;
    }
    previousT = action.t;
    actions.push(action);
  });
  return { actions, errors };
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
    if (!(key in ACTION_FIELDS)) {
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
