import { useTranslation } from 'react-i18next';
import { stepTitle } from '../../core/procedure/index.ts';
import { useApp } from '../../app/app-store.ts';

/**
 * "Drill this step", as far as it goes today: the whole procedure runs in practice mode and the step is
 * shown as the goal. Starting the attempt at that step needs scene snapshots per step (not built yet).
 */
export function DrillGoal() {
  const { t, i18n } = useTranslation();
  const step = useApp((s) => s.drillStep);
  const protocol = useApp((s) => s.session?.attempt.protocol);
  if (!step || !protocol) return null;
  return (
    <aside className="drill-goal" aria-label={t('drill.label')}>
      {t('drill.goal')} <strong>{stepTitle(protocol, step, i18n.language)}</strong>. {t('drill.fromStart')}
    </aside>
  );
}
