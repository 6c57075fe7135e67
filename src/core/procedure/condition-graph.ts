/**
 * The shape of named conditions once their `ref:`s are followed: which refer to themselves (directly or
 * round a loop), and how deep and how large each condition gets when every reference is expanded. A chain
 * of conditions that each refer twice to the one before doubles per link, so a short file could ask the
 * engine for billions of tests per action; the validator bounds both figures, in time linear in the file.
 */
import { getOwn } from './records.ts';
import type { Condition } from './schema.ts';

/** The engine's evaluation depth limit (conditions.ts MAX_DEPTH) is the bound on expanded depth. */
export const MAX_EXPANDED_TESTS = 10_000;

export interface Expansion {
  /** Levels of all/any/not/ref from the condition to its deepest test. */
  depth: number;
  /** Nodes visited to evaluate it in full (capped just above MAX_EXPANDED_TESTS). */
  size: number;
}

export interface ConditionGraph {
  /** Named conditions that reach themselves through `ref:`. */
  cyclic: string[];
  /** The expansion of any condition; references into a cycle or to unknown names count as one test. */
  expand: (c: Condition) => Expansion;
}

export function analyseConditions(named: Readonly<Record<string, Condition>>): ConditionGraph {
  const names = Object.keys(named);
  const refs = new Map(names.map((n) => [n, refsOf(named[n]!).filter((r) => getOwn(named, r) !== undefined)]));
  // Peel off, again and again, the conditions whose references are all peeled: what remains is in or above a loop.
  const referrers = new Map<string, string[]>(names.map((n) => [n, []]));
  const pending = new Map<string, number>();
  for (const [n, rs] of refs) {
    pending.set(n, rs.length);
    for (const r of rs) referrers.get(r)!.push(n);
  }
  const order = names.filter((n) => pending.get(n) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const up of referrers.get(order[i]!)!) {
      const left = pending.get(up)! - 1;
      pending.set(up, left);
      if (left === 0) order.push(up);
    }
  }
  const peeled = new Set(order);
  const cyclic = names.filter((n) => !peeled.has(n) && reaches(refs, n));

  const expansions = new Map<string, Expansion>();
  const expand = (c: Condition): Expansion => {
    const children: Expansion[] = [];
    c.all?.forEach((x) => children.push(expand(x)));
    c.any?.forEach((x) => children.push(expand(x)));
    if (c.not !== undefined) children.push(expand(c.not));
    if (c.ref !== undefined) {
      const e = expansions.get(c.ref);
      if (e !== undefined) children.push(e);
    }
    let size = 1;
    let depth = 0;
    for (const e of children) {
      size = Math.min(size + e.size, MAX_EXPANDED_TESTS + 1);
      depth = Math.max(depth, e.depth + 1);
    }
    return { depth, size };
  };
  // In peeling order every reference is expanded before the conditions that use it.
  for (const n of order) expansions.set(n, expand(named[n]!));
  return { cyclic, expand };
}

/** Whether `start` reaches itself through references (only asked of the few conditions left after peeling). */
function reaches(refs: Map<string, string[]>, start: string): boolean {
  const seen = new Set<string>();
  const stack = [...refs.get(start)!];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === start) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...refs.get(n)!);
  }
  return false;
}

function refsOf(c: Condition): string[] {
  const out: string[] = [];
  const visit = (x: Condition): void => {
    if (x.ref !== undefined) out.push(x.ref);
    x.all?.forEach(visit);
    x.any?.forEach(visit);
    if (x.not !== undefined) visit(x.not);
  };
  visit(c);
  return out;
}
