/**
 * Checks a schema-valid protocol for what a schema cannot: that every id it mentions exists (steps,
 * structures, instruments, objects, pegs, places, error codes, parameters, named conditions), that every step is
 * ordered exactly once, that named conditions do not refer to themselves nor expand beyond the engine's bounds,
 * that parameters used as numbers are numbers, and that ranges are not empty.
 */
import { ACTION_FIELDS, ACTION_TYPES, type ActionField } from '../vocabulary/actions.ts';
import { MAX_EXPANDED_TESTS, analyseConditions } from './condition-graph.ts';
import { MAX_DEPTH } from './conditions.ts';
import { Num, PARAM_REF, isParamRef, type Names, type ParamValue } from './params.ts';
import { PREDICATES, PREDICATE_NAMES } from './predicates.ts';
import { getOwn } from './records.ts';
import { SEVERITIES, type Compare, type Condition, type OrderingEntry, type Protocol } from './schema.ts';
import { caseCardProblems } from './case-card.ts';
import { oneHandedProblems } from './one-handed.ts';
import { didYouMean } from '../kernel/suggest.ts';

import type { Path, Problem } from './problem.ts';

export function checkReferences(p: Protocol): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string, atKey = false) => problems.push(atKey ? { path, message, atKey } : { path, message });

  const stepIds = p.steps.map((s) => s.id);
  const instrumentIds = p.instruments.map((i) => i.id);
  const sourceIds = p.sources.map((s) => s.id);
  const variantIds = p.variants.map((v) => v.id);
  const codes = [...new Set(p.errors.map((e) => e.code))];
  const conditionNames = Object.keys(p.conditions);
  const paramNames = Object.keys(p.parameters);
  /** Where each parameter's value is written: the protocol's `parameters:`, then each variant's overrides. */
  const paramSources: { params: Record<string, ParamValue>; path: Path }[] = [
    { params: p.parameters, path: ['parameters'] },
    ...p.variants.map((v, i) => ({ params: v.parameters ?? {}, path: ['variants', i, 'parameters'] })),
  ];

  // Lookups through sets: a protocol with thousands of ids, conditions or error rules is checked in linear time.
  const sets = new Map<readonly string[], ReadonlySet<string>>();
  const has = (list: readonly string[], id: string): boolean => {
    let set = sets.get(list);
    if (set === undefined) sets.set(list, (set = new Set(list)));
    return set.has(id);
  };
  const known = (path: Path, what: string, id: string, list: readonly string[]) => {
    if (!has(list, id)) report(path, `unknown ${what} '${id}'${didYouMean(id, list)}`);
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
          if (!has(list, id)) report(at, `${item} names unknown ${what} '${id}'${didYouMean(id, list)}`);
        });
      }
    });
  };
  const unique = (path: Path, what: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) report([...path, i, 'id'], `duplicate ${what} id '${id}'`);
      seen.add(id);
    });
  };

  /** A number slot given as `$name`: the parameter (and every variant's override) must be a number. */
  const numeric = (value: unknown) => {
    if (!isParamRef(value)) return;
    const name = value.slice(1);
    for (const source of paramSources) {
      const resolved = getOwn(source.params, name);
      if (resolved !== undefined && typeof resolved !== 'number') report([...source.path, name], `${value} is used as a number, so it must be one`);
    }
  };
  /** The value of a number slot where it is known without a variant: a literal, or the protocol's parameter. */
  const knownValue = (value: Num | undefined): number | undefined => {
    if (typeof value === 'number') return value;
    const resolved = value === undefined ? undefined : getOwn(p.parameters, value.slice(1));
    return typeof resolved === 'number' ? resolved : undefined;
  };
  const range = (path: Path, low: Num | undefined, high: Num | undefined, what: string) => {
    numeric(low);
    numeric(high);
    const [lo, hi] = [knownValue(low), knownValue(high)];
    if (lo !== undefined && hi !== undefined && lo > hi) report(path, `${what}: ${lo} is above ${hi}, so nothing can satisfy it`);
  };
  const within = (path: Path, value: Num | undefined, what: string, low: number, high = Number.POSITIVE_INFINITY) => {
    numeric(value);
    const v = knownValue(value);
    if (v !== undefined && !(v >= low && v <= high))
      report(path, `${what} must be ${high === Number.POSITIVE_INFINITY ? `at least ${low}` : `from ${low} to ${high}`}, not ${v}`);
  };
  const compare = (path: Path, c: Compare) => {
    for (const key of ['gt', 'gte', 'lt', 'lte'] as const) numeric(c[key]);
    if (c.inside !== undefined) range([...path, 'inside'], c.inside[0], c.inside[1], 'inside: [low, high]');
    if (c.outside !== undefined) range([...path, 'outside'], c.outside[0], c.outside[1], 'outside: [low, high]');
  };

  unique(['steps'], 'step', stepIds);
  unique(['instruments'], 'instrument', instrumentIds);
  unique(['sources'], 'source', sourceIds);
  unique(
    ['variants'],
    'variant',
    p.variants.map((v) => v.id),
  );
  const structures = new Set<string>();
  p.structures.forEach((id, i) => {
    if (structures.has(id)) report(['structures', i], `duplicate structure '${id}'`);
    structures.add(id);
  });

  // Every $name anywhere (outside `parameters`) must be a parameter.
  walkStrings(p, [], (value, path) => {
    if (path[0] === 'parameters' || path[0] === 'variants') return;
    if (PARAM_REF.test(value) && !has(paramNames, value.slice(1))) {
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
  if (p.handedness.source !== undefined) known(['handedness', 'source'], 'source', p.handedness.source, sourceIds);
  if (p.oneHanded.source !== undefined) known(['oneHanded', 'source'], 'source', p.oneHanded.source, sourceIds);

  const checkCondition = (c: Condition, path: Path): void => {
    c.all?.forEach((x, i) => checkCondition(x, [...path, 'all', i]));
    c.any?.forEach((x, i) => checkCondition(x, [...path, 'any', i]));
    if (c.not !== undefined) checkCondition(c.not, [...path, 'not']);
    if (c.ref !== undefined) known([...path, 'ref'], 'named condition', c.ref, conditionNames);
    if (c.step !== undefined) known([...path, 'step', 'id'], 'step', c.step.id, stepIds);
    if (c.variant !== undefined) knownNames([...path, 'variant'], 'variant', c.variant, variantIds);
    if (c.cleared !== undefined) {
      knownNames([...path, 'cleared', 'structure'], 'structure', c.cleared.structure, p.structures);
      within([...path, 'cleared', 'atLeast'], c.cleared.atLeast, 'cleared atLeast (a fraction)', 0, 1);
    }
    if (c.count !== undefined) {
      knownNames([...path, 'count', 'type'], 'action type', c.count.type, ACTION_TYPES);
      range([...path, 'count'], c.count.atLeast, c.count.atMost, 'count atLeast … atMost');
    }
    if (c.action !== undefined) {
      const a = c.action;
      knownNames([...path, 'action', 'type'], 'action type', a.type, ACTION_TYPES);
      for (const [field, matcher] of Object.entries(a)) {
        if (ACTION_FIELDS[field as ActionField] !== 'number') continue;
        if (typeof matcher === 'object' && matcher !== null && !Array.isArray(matcher)) compare([...path, 'action', field], matcher as Compare);
        else numeric(matcher);
      }
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
      const shape = (PREDICATES[name].args as unknown as { shape: Record<string, unknown> }).shape;
      for (const [arg, schema] of Object.entries(shape)) if (schema === Num) numeric(args[arg]);
    }
  };

  const graph = analyseConditions(p.conditions);
  for (const name of graph.cyclic) report(['conditions', name], `named condition '${name}' refers to itself`, true);
  /** Every condition the engine evaluates, checked, and bounded once its references are followed. */
  const checkRoot = (c: Condition, path: Path): void => {
    checkCondition(c, path);
    const { depth, size } = graph.expand(c);
    if (depth > MAX_DEPTH) report(path, `nests ${depth} levels deep once its refs are followed (at most ${MAX_DEPTH})`);
    if (size > MAX_EXPANDED_TESTS) report(path, `expands to more than ${MAX_EXPANDED_TESTS.toLocaleString('en')} tests once its refs are followed`);
  };
  for (const [name, c] of Object.entries(p.conditions)) checkRoot(c, ['conditions', name]);
  if (p.timer !== undefined && 'startWhen' in p.timer) checkRoot(p.timer.startWhen, ['timer', 'startWhen']);

  p.viewTargets.forEach((t, i) => known(['viewTargets', i, 'id'], 'object', t.id, p.objects));
  if (p.viewTargets.length > 0 && p.laparoscope === undefined)
    report(['viewTargets'], 'view targets need a laparoscope to centre them in: add `laparoscope: { holder: learner }`', true);
  p.dangerZones.forEach((z, i) => known(['dangerZones', i, 'structure'], 'structure', z.structure, p.structures));

  // What a step may highlight: structures, and in a camera-navigation drill its view targets.
  const targetKinds = (
    p.viewTargets.length > 0 ? ['structure or view target', [...p.structures, ...p.viewTargets.map((t) => t.id)]] : ['structure', p.structures]
  ) as [string, readonly string[]];
  p.steps.forEach((s, i) => {
    s.instruments.forEach((id, j) => known(['steps', i, 'instruments', j], 'instrument', id, instrumentIds));
    s.targets?.forEach((id, j) => known(['steps', i, 'targets', j], targetKinds[0], id, targetKinds[1]));
    s.requires?.forEach((id, j) => known(['steps', i, 'requires', j], 'step', id, stepIds));
    if (s.source !== undefined) known(['steps', i, 'source'], 'source', s.source, sourceIds);
    checkRoot(s.completion, ['steps', i, 'completion']);
  });

  // A translation may only name what the protocol has: a misspelt step id would silently show English.
  for (const [language, t] of Object.entries(p.translations)) {
    if (!/^[a-z]{2}$/.test(language)) report(['translations', language], `'${language}' is not a language code: use two letters of ISO 639-1 (e.g. es)`, true);
    const keys = (part: string, what: string, ids: readonly string[], list: readonly string[]): void => {
      for (const id of ids) {
        if (!list.includes(id)) report(['translations', language, part, id], `translation of unknown ${what} '${id}'${didYouMean(id, list)}`, true);
      }
    };
    keys('steps', 'step', Object.keys(t.steps), stepIds);
    keys('errors', 'error code', Object.keys(t.errors), codes);
    keys('variants', 'variant', Object.keys(t.variants), variantIds);
    keys('instruments', 'instrument', Object.keys(t.instruments), instrumentIds);
  }

  // Each ordering (the protocol's, and a variant's own) names each step at most once; every step is in one of them.
  const ordered = new Set<string>();
  const checkOrdering = (ordering: readonly OrderingEntry[], at: Path) => {
    const seen = new Set<string>();
    const checkUnit = (unit: string | { anyOrder: string[] }, path: Path) => {
      const ids = typeof unit === 'string' ? [unit] : unit.anyOrder;
      ids.forEach((id, i) => {
        const idPath = typeof unit === 'string' ? path : [...path, 'anyOrder', i];
        known(idPath, 'step', id, stepIds);
        if (seen.has(id)) report(idPath, `step '${id}' is ordered more than once`);
        seen.add(id);
        ordered.add(id);
      });
    };
    ordering.forEach((entry, i) => {
      if (typeof entry === 'string' || 'anyOrder' in entry) return checkUnit(entry, [...at, i]);
      entry.repeat.steps.forEach((unit, j) => checkUnit(unit, [...at, i, 'repeat', 'steps', j]));
      if (entry.repeat.until !== undefined) checkRoot(entry.repeat.until, [...at, i, 'repeat', 'until']);
      within([...at, i, 'repeat', 'min'], entry.repeat.min, 'repeat min', 0);
      range([...at, i, 'repeat'], entry.repeat.min, entry.repeat.max, 'repeat min … max');
    });
  };
  checkOrdering(p.ordering, ['ordering']);
  p.variants.forEach((v, i) => v.ordering !== undefined && checkOrdering(v.ordering, ['variants', i, 'ordering']));
  p.steps.forEach((s, i) => {
    if (!ordered.has(s.id)) report(['steps', i, 'id'], `step '${s.id}' is not in the ordering`);
  });

  const firstSeverity = new Map<string, string>();
  for (const rule of p.errors) if (!firstSeverity.has(rule.code)) firstSeverity.set(rule.code, rule.severity);
  p.errors.forEach((rule, i) => {
    checkRoot(rule.when, ['errors', i, 'when']);
    within(['errors', i, 'cooldownSec'], rule.cooldownSec, 'cooldownSec', 0);
    if (rule.step !== undefined) known(['errors', i, 'step'], 'step', rule.step, stepIds);
    if (rule.source !== undefined) known(['errors', i, 'source'], 'source', rule.source, sourceIds);
    if (firstSeverity.get(rule.code) !== rule.severity) report(['errors', i, 'severity'], `error '${rule.code}' is given two severities`);
  });

  problems.push(...caseCardProblems(p), ...oneHandedProblems(p));

  const s = p.scoring;
  for (const id of Object.keys(s.weights ?? {})) known(['scoring', 'weights', id], 'step', id, stepIds);
  for (const code of Object.keys(s.penalties?.byCode ?? {})) known(['scoring', 'penalties', 'byCode', code], 'error code', code, codes);
  const codesAndSeverities = [...codes, ...SEVERITIES];
  for (const key of Object.keys(s.proficiency?.maxErrors ?? {})) {
    known(['scoring', 'proficiency', 'maxErrors', key], 'error code or severity', key, codesAndSeverities);
  }
  if (s.method === 'time-penalty' && s.cutoffSec === undefined) report(['scoring', 'method'], 'time-penalty scoring needs cutoffSec');
  within(['scoring', 'cutoffSec'], s.cutoffSec, 'cutoffSec', 0);
  within(['scoring', 'proficiency', 'maxTimeSec'], s.proficiency?.maxTimeSec, 'maxTimeSec', 0);
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

function walkStrings(value: unknown, path: Path, visit: (s: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...path, k], visit);
  }
}
