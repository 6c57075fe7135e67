import { type Protocol, proficiencyRule, variantParams } from '../../core/procedure/index.ts';
import type { ProcedurePlan } from '../../core/progress/index.ts';

/**
 * What src/core/progress needs to know of a protocol. Protocols do not yet mark variants as required
 * before proficiency, so none is.
 */
export function procedurePlan(protocol: Protocol): ProcedurePlan {
  const params = variantParams(protocol, protocol.variants[0]);
  return { id: protocol.id, variants: protocol.variants.map((v) => v.id), requiredVariants: [], proficiency: proficiencyRule(protocol, params) ?? null };
}
