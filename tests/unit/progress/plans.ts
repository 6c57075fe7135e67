import type { ProcedurePlan } from '../../../src/core/progress/index.ts';
import { FLS_PEG_TRANSFER } from '../../../src/core/scoring/index.ts';

/** FLS peg transfer as the progress tests plan it: one patient, the FLS proficiency benchmark. */
export const PEG: ProcedurePlan = {
  id: 'fls-peg-transfer',
  variants: ['standard'],
  requiredVariants: [],
  proficiency: FLS_PEG_TRANSFER,
  difficulty: 'introductory',
  estimatedMinutes: 5,
};
