/**
 * The ordering of a protocol flattened into units: each unit is the set of steps active together
 * (one step, or an anyOrder group); units inside a repeat block loop back for each iteration.
 */
import type { Condition, OrderingEntry, Protocol } from './schema.ts';
import type { Num } from './params.ts';

export interface PlanUnit {
  steps: readonly string[];
  /** The repeat block this unit belongs to, if any. */
  block?: RepeatBlock;
}

export interface RepeatBlock {
  id: string;
  first: number;
  last: number;
  min: Num;
  max: Num;
  until?: Condition;
}

const plans = new WeakMap<Protocol, PlanUnit[]>();

/** The plan of a protocol (computed once per protocol object). */
export function planOf(protocol: Protocol): readonly PlanUnit[] {
  let plan = plans.get(protocol);
  if (plan === undefined) {
    plan = buildPlan(protocol.ordering);
    plans.set(protocol, plan);
  }
  return plan;
}

function buildPlan(ordering: readonly OrderingEntry[]): PlanUnit[] {
  const units: PlanUnit[] = [];
  for (const entry of ordering) {
    if (typeof entry === 'string') units.push({ steps: [entry] });
    else if ('anyOrder' in entry) units.push({ steps: entry.anyOrder });
    else {
      const r = entry.repeat;
      const block: RepeatBlock = { id: r.id, first: units.length, last: units.length + r.steps.length - 1, min: r.min, max: r.max };
      if (r.until !== undefined) block.until = r.until;
      for (const unit of r.steps) units.push({ steps: typeof unit === 'string' ? [unit] : unit.anyOrder, block });
    }
  }
  return units;
}
