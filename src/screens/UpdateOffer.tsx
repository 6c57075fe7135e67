import { useTranslation } from 'react-i18next';
import { pwaStore } from '../app/pwa.ts';

/**
 * Offers a downloaded new version of the app. Shown only on screens outside an attempt (home, debrief,
 * progress): an update is never applied mid-attempt, and never without the learner's click.
 */
export function UpdateOffer() {
  const { t } = useTranslation();
  const updateReady = pwaStore((s) => s.updateReady);
  const applyUpdate = pwaStore((s) => s.applyUpdate);
  if (!updateReady || !applyUpdate) return null;
  return (
    <aside className="update-offer" role="status" aria-label={t('update.label')}>
      <span>{t('update.ready')}</span>
      <button type="button" className="primary" onClick={() => void applyUpdate()}>
        {t('update.now')}
      </button>
      <button type="button" onClick={() => pwaStore.setState({ updateReady: false })}>
        {t('update.later')}
      </button>
    </aside>
  );
}
