import { type Protocol, variantParams } from '../core/procedure/index.ts';
import { proficiencyRule } from '../core/scoring/index.ts';
import type { ProcedurePlan } from '../core/progress/index.ts';

/** What src/core/progress needs to know of a protocol: its patients, those required before proficiency, the rule, how hard and long it is. */
export function procedurePlan(protocol: Protocol): ProcedurePlan {
  const params = variantParams(protocol, protocol.variants[0]);
  return {
    id: protocol.id,
    variants: protocol.variants.map((v) => v.id),
    requiredVariants: protocol.variants.filter((v) => v.requiredForProficiency).map((v) => v.id),
    proficiency: proficiencyRule(protocol, params) ?? null,
    difficulty: protocol.difficulty,
    estimatedMinutes: protocol.estimatedMinutes,
  };
}
