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

const plans = new WeakMap<Protocol, Map<string, PlanUnit[]>>();

/**
 * The plan of a protocol for a patient variant: the variant's own `ordering` where it has one, else the
 * protocol's (computed once per protocol object and variant).
 */
export function planOf(protocol: Protocol, variant = ''): readonly PlanUnit[] {
  let byVariant = plans.get(protocol);
  if (byVariant === undefined) {
    byVariant = new Map();
    plans.set(protocol, byVariant);
  }
  let plan = byVariant.get(variant);
  if (plan === undefined) {
    plan = buildPlan(protocol.variants.find((v) => v.id === variant)?.ordering ?? protocol.ordering);
    byVariant.set(variant, plan);
  }
  return plan;
}

/** The ids of the steps a variant's plan has, each once, in plan order. */
export function plannedSteps(protocol: Protocol, variant = ''): string[] {
  return [...new Set(planOf(protocol, variant).flatMap((u) => u.steps))];
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
