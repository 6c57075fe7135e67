/**
 * Checks a schema-valid protocol for what a schema cannot: that every id it mentions exists (steps,
 * structures, instruments, objects, pegs, places, error codes, parameters, named conditions), that every step is
 * ordered exactly once, and that named conditions do not refer to themselves.
 */
import { ACTION_TYPES } from '../vocabulary/actions.ts';
import { PARAM_REF, isParamRef, type Names, type ParamValue } from './params.ts';
import { PREDICATES, PREDICATE_NAMES } from './predicates.ts';
import { getOwn } from './records.ts';
import { SEVERITIES, type Condition, type Protocol } from './schema.ts';
import { didYouMean } from '../kernel/suggest.ts';

export type Path = (string | number)[];
export interface Problem {
  path: Path;
  message: string;
  /** Point at the key itself rather than its value. */
  atKey?: boolean;
}

export function checkReferences(p: Protocol): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string, atKey = false) => problems.push(atKey ? { path, message, atKey } : { path, message });

  const stepIds = p.steps.map((s) => s.id);
  const instrumentIds = p.instruments.map((i) => i.id);
  const sourceIds = p.sources.map((s) => s.id);
  const codes = [...new Set(p.errors.map((e) => e.code))];
  const conditionNames = Object.keys(p.conditions);
  const paramNames = Object.keys(p.parameters);
  /** Where each parameter's value is written: the protocol's `parameters:`, then each variant's overrides. */
  const paramSources: { params: Record<string, ParamValue>; path: Path }[] = [
    { params: p.parameters, path: ['parameters'] },
    ...p.variants.map((v, i) => ({ params: v.parameters ?? {}, path: ['variants', i, 'parameters'] })),
  ];

  const known = (path: Path, what: string, id: string, list: readonly string[]) => {
    if (!list.includes(id)) report(path, `unknown ${what} '${id}'${didYouMean(id, list)}`);
  };
  /**
   * Ids (possibly via a parameter) that must all be in `list`. An id reached through a parameter is
   * reported where it is written (the protocol's or a variant's `parameters:`), not where it is used.
   */
  const knownNames = (path: Path, what: string, value: Names, list: readonly string[]) => {
    const items = typeof value === 'string' ? [value] : value;
    items.forEach((item, i) => {
      if (!isParamRef(item)) return known(typeof value === 'string' ? path : [...path, i], what, item, list);
      const name = item.slice(1);
      for (const source of paramSources) {
        const resolved = getOwn(source.params, name);
        const ids = typeof resolved === 'string' ? [resolved] : Array.isArray(resolved) ? resolved : [];
        ids.forEach((id, j) => {
          const at = typeof resolved === 'string' ? [...source.path, name] : [...source.path, name, j];
          if (!list.includes(id)) report(at, `${item} names unknown ${what} '${id}'${didYouMean(id, list)}`);
        });
      }
    });
  };
  const unique = (path: Path, what: string, ids: readonly string[]) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) report([...path, i, 'id'], `duplicate ${what} id '${id}'`);
    });
  };

  unique(['steps'], 'step', stepIds);
  unique(['instruments'], 'instrument', instrumentIds);
  unique(['sources'], 'source', sourceIds);
  unique(
    ['variants'],
    'variant',
    p.variants.map((v) => v.id),
  );
  p.structures.forEach((id, i) => p.structures.indexOf(id) !== i && report(['structures', i], `duplicate structure '${id}'`));

  // Every $name anywhere (outside `parameters`) must be a parameter.
  walkStrings(p, [], (value, path) => {
    if (path[0] === 'parameters' || path[0] === 'variants') return;
    if (PARAM_REF.test(value) && !paramNames.includes(value.slice(1))) {
      report(path, `unknown parameter '${value}'${didYouMean(value.slice(1), paramNames).replace("'", "'$")}`);
    }
  });

  p.variants.forEach((v, i) => {
    for (const [name, value] of Object.entries(v.parameters ?? {})) {
      const base = getOwn(p.parameters, name);
      if (base === undefined) report(['variants', i, 'parameters', name], `variant overrides unknown parameter '${name}'${didYouMean(name, paramNames)}`, true);
      else if (Array.isArray(base) !== Array.isArray(value) || (!Array.isArray(base) && typeof base !== typeof value)) {
        report(['variants', i, 'parameters', name], `variant gives parameter '${name}' a different kind of value than the protocol does`);
      }
    }
    if (v.source !== undefined) known(['variants', i, 'source'], 'source', v.source, sourceIds);
  });
  if (p.laparoscope?.source !== undefined) known(['laparoscope', 'source'], 'source', p.laparoscope.source, sourceIds);

  const checkCondition = (c: Condition, path: Path): void => {
    c.all?.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    c.any?.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    if (c.not !== undefined) checkCondition(c.not, [...path, 'not']);
    if (c.ref !== undefined) known([...path, 'ref'], 'named condition', c.ref, conditionNames);
    if (c.step !== undefined) known([...path, 'step', 'id'], 'step', c.step.id, stepIds);
    if (c.cleared !== undefined) knownNames([...path, 'cleared', 'structure'], 'structure', c.cleared.structure, p.structures);
    if (c.count !== undefined) knownNames([...path, 'count', 'type'], 'action type', c.count.type, ACTION_TYPES);
    if (c.action !== undefined) {
      const a = c.action;
      knownNames([...path, 'action', 'type'], 'action type', a.type, ACTION_TYPES);
      for (const field of ['structure', 'across', 'nearest'] as const) {
        const value = a[field];
        if (isNames(value)) knownNames([...path, 'action', field], 'structure', value, p.structures);
      }
      if (isNames(a.instrument)) knownNames([...path, 'action', 'instrument'], 'instrument', a.instrument, instrumentIds);
      if (isNames(a.object)) knownNames([...path, 'action', 'object'], 'object', a.object, p.objects);
      if (isNames(a.peg)) knownNames([...path, 'action', 'peg'], 'peg', a.peg, p.pegs);
      if (a.type === 'place' && isNames(a.what)) knownNames([...path, 'action', 'what'], 'place', a.what, p.places);
    }
    for (const name of PREDICATE_NAMES) {
      const args = c[name] as Record<string, unknown> | undefined;
      if (args === undefined) continue;
      for (const arg of PREDICATES[name].structureArgs) {
        const value = args[arg];
        if (isNames(value)) knownNames([...path, name, arg], 'structure', value, p.structures);
      }
    }
  };

  for (const [name, c] of Object.entries(p.conditions)) checkCondition(c, ['conditions', name]);
  for (const name of conditionNames) {
    if (refersTo(p, name, name, [])) report(['conditions', name], `named condition '${name}' refers to itself`, true);
  }
  if (p.timer !== undefined) checkCondition(p.timer.startWhen, ['timer', 'startWhen']);

  p.dangerZones.forEach((z, i) => known(['dangerZones', i, 'structure'], 'structure', z.structure, p.structures));

  p.steps.forEach((s, i) => {
    s.instruments.forEach((id, j) => known(['steps', i, 'instruments', j], 'instrument', id, instrumentIds));
    s.targets?.forEach((id, j) => known(['steps', i, 'targets', j], 'structure', id, p.structures));
    s.requires?.forEach((id, j) => known(['steps', i, 'requires', j], 'step', id, stepIds));
    if (s.source !== undefined) known(['steps', i, 'source'], 'source', s.source, sourceIds);
    checkCondition(s.completion, ['steps', i, 'completion']);
  });

  const ordered: string[] = [];
  const checkUnit = (unit: string | { anyOrder: string[] }, path: Path) => {
    const ids = typeof unit === 'string' ? [unit] : unit.anyOrder;
    ids.forEach((id, i) => {
      const idPath = typeof unit === 'string' ? path : [...path, 'anyOrder', i];
      known(idPath, 'step', id, stepIds);
      if (ordered.includes(id)) report(idPath, `step '${id}' is ordered more than once`);
      ordered.push(id);
    });
  };
  p.ordering.forEach((entry, i) => {
    if (typeof entry === 'string' || 'anyOrder' in entry) return checkUnit(entry, ['ordering', i]);
    entry.repeat.steps.forEach((unit, j) => checkUnit(unit, ['ordering', i, 'repeat', 'steps', j]));
    if (entry.repeat.until !== undefined) checkCondition(entry.repeat.until, ['ordering', i, 'repeat', 'until']);
  });
  p.steps.forEach((s, i) => {
    if (!ordered.includes(s.id)) report(['steps', i, 'id'], `step '${s.id}' is not in the ordering`);
  });

  p.errors.forEach((rule, i) => {
    checkCondition(rule.when, ['errors', i, 'when']);
    if (rule.step !== undefined) known(['errors', i, 'step'], 'step', rule.step, stepIds);
    if (rule.source !== undefined) known(['errors', i, 'source'], 'source', rule.source, sourceIds);
    const first = p.errors.find((e) => e.code === rule.code);
    if (first !== undefined && first.severity !== rule.severity) report(['errors', i, 'severity'], `error '${rule.code}' is given two severities`);
  });

  const s = p.scoring;
  for (const id of Object.keys(s.weights ?? {})) known(['scoring', 'weights', id], 'step', id, stepIds);
  for (const code of Object.keys(s.penalties?.byCode ?? {})) known(['scoring', 'penalties', 'byCode', code], 'error code', code, codes);
  for (const key of Object.keys(s.proficiency?.maxErrors ?? {})) {
    known(['scoring', 'proficiency', 'maxErrors', key], 'error code or severity', key, [...codes, ...SEVERITIES]);
  }
  if (s.method === 'time-penalty' && s.cutoffSec === undefined) report(['scoring', 'method'], 'time-penalty scoring needs cutoffSec');
  if (s.source !== undefined) known(['scoring', 'source'], 'source', s.source, sourceIds);
  if (s.proficiency?.source !== undefined) known(['scoring', 'proficiency', 'source'], 'source', s.proficiency.source, sourceIds);
  // Keys of maps point at the key, so the message lands on the line that names the unknown id.
  const located = problems.map((x) =>
    x.path.length >= 3 && ['weights', 'byCode', 'maxErrors'].includes(String(x.path[x.path.length - 2])) ? { ...x, atKey: true } : x,
  );
  // A parameter used in several places is misspelt once: say so once.
  const seen = new Set<string>();
  return located.filter((x) => {
    const key = JSON.stringify([x.path, x.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isNames(x: unknown): x is Names {
  return typeof x === 'string' || (Array.isArray(x) && x.every((i) => typeof i === 'string'));
}

function refersTo(p: Protocol, target: string, name: string, seen: string[]): boolean {
  if (seen.includes(name)) return false;
  const c = getOwn(p.conditions, name);
  if (c === undefined) return false;
  const refs: string[] = [];
  walkStrings(c, [], (value, path) => {
    if (path[path.length - 1] === 'ref') refs.push(value);
  });
  return refs.some((r) => r === target || refersTo(p, target, r, [...seen, name]));
}

function walkStrings(value: unknown, path: Path, visit: (s: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
  }
}
