import type { TFunction } from 'i18next';
import { type Report, comparisonScope } from '../../core/scoring/index.ts';

/** `comparisonNote` of the core, worded in the learner's language: what an unfinished attempt is compared on; null when complete. */
export function scopeNote(report: Report, hasExpert: boolean, t: TFunction): string | null {
  const { complete, completed, total } = comparisonScope(report);
  if (complete) return null;
  if (completed.length === 0) return t('scope.none', { total });
  return t(hasExpert ? 'scope.partialExpert' : 'scope.partial', { count: completed.length, total });
}
