/**
 * Why an error rule fired: walks its `when` the way `holds` judged it and keeps only the parts that decided,
 * so the report says which value broke which threshold and which criterion was missing, not just the code.
 */
import { ACTION_FIELDS, type Action, type ActionField } from '../vocabulary/actions.ts';
import { holds, MAX_DEPTH, type EvalContext } from './conditions.ts';
import { isParamRef, names, num } from './params.ts';
import { PREDICATE_NAMES, explainPredicate, type PredicateName } from './predicates.ts';
import { getOwn } from './records.ts';
import type { ActionMatch, Compare, Condition } from './schema.ts';
import { FIELD_UNITS, SUBJECT_FIELDS, type Comparison, type ErrorSpecifics, type ErrorSubject, type Measurement } from './specifics.ts';

interface Explanation {
  measured: Measurement[];
  missing: string[];
}

/** The specifics of an error whose rule condition `when` holds for the action in `ctx`. */
export function explainError(when: Condition, ctx: EvalContext): ErrorSpecifics {
  const out: Explanation = { measured: [], missing: [] };
  walk(when, ctx, true, out, 0);
  const specifics: ErrorSpecifics = {};
  const about = subjectOf(ctx.action);
  if (Object.keys(about).length > 0) specifics.about = about;
  if (out.measured.length > 0) specifics.measured = out.measured;
  if (out.missing.length > 0) specifics.missing = out.missing;
  return specifics;
}

/** The string fields of the action that say what it was done to, with and by. */
function subjectOf(action: Action): ErrorSubject {
  const about: ErrorSubject = {};
  for (const field of SUBJECT_FIELDS) {
    const value = action[field];
    if (typeof value === 'string') about[field] = value;
  }
  return about;
}

/** Explains `c`, which evaluated to `held`: only the parts whose own value produced that result are followed. */
function walk(c: Condition, ctx: EvalContext, held: boolean, out: Explanation, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const parts = c.all ?? c.any;
  if (parts !== undefined) {
    // all → true: every part; all → false: the failing parts; any → true: the holding parts; any → false: every part.
    for (const part of parts) if (holds(part, ctx, depth + 1) === held) walk(part, ctx, held, out, depth + 1);
    return;
  }
  if (c.not !== undefined) return walk(c.not, ctx, !held, out, depth + 1);
  if (c.ref !== undefined) return walkRef(c.ref, ctx, held, out, depth);
  if (c.action !== undefined) {
    if (held) out.measured.push(...measureAction(c.action, ctx));
    return;
  }
  if (c.cleared !== undefined) {
    if (!held) out.measured.push(...shortOfCleared(c.cleared, ctx));
    return;
  }
  if (c.declared !== undefined) {
    if (!held) for (const what of names(c.declared, ctx.params)) if (!ctx.scene.declared.includes(what)) out.missing.push(what);
    return;
  }
  for (const name of PREDICATE_NAMES) {
    const args = c[name];
    if (args === undefined) continue;
    const found = explainPredicate(name as PredicateName, ctx, args, held);
    out.measured.push(...(found.measured ?? []));
    out.missing.push(...(found.missing ?? []));
    return;
  }
}

/** A named condition that failed is a missing criterion, unless a named condition inside it says more precisely which. */
function walkRef(ref: string, ctx: EvalContext, held: boolean, out: Explanation, depth: number): void {
  const named = getOwn(ctx.protocol.conditions, ref);
  if (named === undefined) return;
  const measuredBefore = out.measured.length;
  const missingBefore = out.missing.length;
  walk(named, ctx, held, out, depth + 1);
  if (held || out.missing.length > missingBefore) return;
  out.missing.push(ref);
  for (let i = measuredBefore; i < out.measured.length; i++) out.measured[i] = { ...out.measured[i]!, criterion: out.measured[i]!.criterion ?? ref };
}

const COMPARISONS: readonly (keyof Compare & Comparison)[] = ['lt', 'lte', 'gt', 'gte', 'inside', 'outside'];

/** The action's numbers against the thresholds of the `action:` match they satisfied. */
function measureAction(match: ActionMatch, ctx: EvalContext): Measurement[] {
  const measured: Measurement[] = [];
  for (const field of Object.keys(match) as (ActionField | 'type')[]) {
    if (field === 'type' || ACTION_FIELDS[field] !== 'number') continue;
    const matcher = match[field];
    const value = ctx.action[field];
    if (typeof value !== 'number' || typeof matcher !== 'object' || Array.isArray(matcher) || isParamRef(matcher)) continue;
    const compare = matcher as Compare;
    for (const comparison of COMPARISONS) {
      const bound = compare[comparison];
      if (bound === undefined) continue;
      const threshold: Measurement['threshold'] = Array.isArray(bound) ? [num(bound[0], ctx.params), num(bound[1], ctx.params)] : num(bound, ctx.params);
      const m: Measurement = { quantity: field, value, comparison, threshold };
      const unit = getOwn(FIELD_UNITS, field);
      if (unit !== undefined) m.unit = unit;
      measured.push(m);
    }
  }
  return measured;
}

function shortOfCleared(c: NonNullable<Condition['cleared']>, ctx: EvalContext): Measurement[] {
  const atLeast = num(c.atLeast, ctx.params);
  return names(c.structure, ctx.params).flatMap((structure) => {
    const value = getOwn(ctx.scene.cleared, structure) ?? 0;
    return value >= atLeast ? [] : [{ quantity: 'cleared', value, comparison: 'lt' as const, threshold: atLeast, structure }];
  });
}
