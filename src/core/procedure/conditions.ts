/** Evaluates protocol conditions against the scene, the action being judged and the step states. */
import { ACTION_FIELDS, type Action, type ActionField } from '../vocabulary/actions.ts';
import { bool, isParamRef, names, num, type Names, type Params } from './params.ts';
import { PREDICATE_NAMES, testPredicate, type PredicateName } from './predicates.ts';
import { getOwn, type IdRecord } from './records.ts';
import type { FieldRecord } from './field-record.ts';
import type { ActionMatch, Compare, Condition, FieldMatcher, Protocol, StepStatus } from './schema.ts';

export interface StepRecord {
  /** The step id, with `#n` for the n-th iteration of a repeat block. */
  key: string;
  id: string;
  status: StepStatus;
  start: number | null;
  end: number | null;
  /** Action counts when the step started, for `count … since: step`. */
  startCounts: IdRecord<number>;
  hinted: boolean;
}

export interface EvalContext {
  protocol: Protocol;
  params: Params;
  /** The id of the attempt's patient variant. */
  variant: string;
  scene: FieldRecord;
  action: Action;
  steps: readonly StepRecord[];
  /** Counts at the start of the step the condition is judged for. */
  stepStartCounts: IdRecord<number>;
  /** True when `scene` is from before the action (error rules), so counts must add the action itself. */
  beforeAction: boolean;
}

/** Named conditions may refer to each other; the validator rejects cycles, this is a last guard. */
export const MAX_DEPTH = 64;

export function holds(condition: Condition, ctx: EvalContext, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const c = condition;
  if (c.all !== undefined) return c.all.every((x) => holds(x, ctx, depth + 1));
  if (c.any !== undefined) return c.any.some((x) => holds(x, ctx, depth + 1));
  if (c.not !== undefined) return !holds(c.not, ctx, depth + 1);
  if (c.ref !== undefined) {
    const named = getOwn(ctx.protocol.conditions, c.ref);
    return named !== undefined && holds(named, ctx, depth + 1);
  }
  if (c.action !== undefined) return matchesAction(c.action, ctx.action, ctx.params);
  if (c.cleared !== undefined) {
    const atLeast = num(c.cleared.atLeast, ctx.params);
    return names(c.cleared.structure, ctx.params).every((id) => (getOwn(ctx.scene.cleared, id) ?? 0) >= atLeast);
  }
  if (c.declared !== undefined) return names(c.declared, ctx.params).every((what) => ctx.scene.declared.includes(what));
  if (c.variant !== undefined) return names(c.variant, ctx.params).includes(ctx.variant);
  if (c.step !== undefined) return latestStatus(ctx.steps, c.step.id) === c.step.is;
  if (c.count !== undefined) return countHolds(c.count, ctx);
  for (const name of PREDICATE_NAMES) {
    const args = c[name];
    if (args !== undefined) return testPredicate(name as PredicateName, ctx, args);
  }
  return false;
}

export function matchesAction(match: ActionMatch, action: Action, params: Params): boolean {
  if (!names(match.type, params).includes(action.type)) return false;
  for (const field of Object.keys(match) as (ActionField | 'type')[]) {
    if (field === 'type') continue;
    const matcher = match[field];
    if (matcher !== undefined && !fieldMatches(field, matcher, action[field], params)) return false;
  }
  return true;
}

function fieldMatches(field: ActionField, matcher: FieldMatcher, value: unknown, params: Params): boolean {
  const kind = ACTION_FIELDS[field];
  if (kind === 'number') {
    if (typeof value !== 'number') return false;
    if (typeof matcher === 'number' || isParamRef(matcher)) return value === num(matcher as number | string, params);
    return typeof matcher === 'object' && !Array.isArray(matcher) && compares(value, matcher, params);
  }
  if (kind === 'boolean') return typeof matcher !== 'object' && typeof matcher !== 'number' && value === bool(matcher, params);
  if (typeof matcher !== 'string' && !Array.isArray(matcher)) return false;
  const wanted = names(matcher as Names, params);
  // A list field (`across`) matches when any of its items is wanted.
  const items = Array.isArray(value) ? value : [value];
  return items.some((item) => typeof item === 'string' && wanted.includes(item));
}

function compares(x: number, c: Compare, params: Params): boolean {
  const n = (v: number | string) => num(v, params);
  if (c.gt !== undefined && !(x > n(c.gt))) return false;
  if (c.gte !== undefined && !(x >= n(c.gte))) return false;
  if (c.lt !== undefined && !(x < n(c.lt))) return false;
  if (c.lte !== undefined && !(x <= n(c.lte))) return false;
  if (c.inside !== undefined && !(x >= n(c.inside[0]) && x <= n(c.inside[1]))) return false;
  if (c.outside !== undefined && !(x < n(c.outside[0]) || x > n(c.outside[1]))) return false;
  return true;
}

function countHolds(c: NonNullable<Condition['count']>, ctx: EvalContext): boolean {
  let total = 0;
  for (const type of names(c.type, ctx.params)) {
    const now = getOwn(ctx.scene.counts, type) ?? 0;
    const base = c.since === 'start' ? 0 : (getOwn(ctx.stepStartCounts, type) ?? 0);
    total += now - base + (ctx.beforeAction && ctx.action.type === type ? 1 : 0);
  }
  if (c.atLeast !== undefined && !(total >= num(c.atLeast, ctx.params))) return false;
  if (c.atMost !== undefined && !(total <= num(c.atMost, ctx.params))) return false;
  return true;
}

export function latestStatus(steps: readonly StepRecord[], id: string): StepStatus {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.id === id) return steps[i]!.status;
  return 'pending';
}
