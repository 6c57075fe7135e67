import { useTranslation } from 'react-i18next';
import { flushOutbox, useLearner } from '../app/learner.ts';

/** How many learning records wait to be sent, and why; a button to try now. Hidden when nothing waits. */
export function OutboxStatus() {
  const { t } = useTranslation();
  const { state, pending } = useLearner((s) => s.outbox);
  if (pending === 0)
    return (
      <p className="outbox" data-pending="0" aria-label={t('outbox.label')}>
        {t('outbox.allSent')}
      </p>
    );
  return (
    <p className="outbox" data-pending={pending} aria-label={t('outbox.label')}>
      {t('outbox.waiting', { count: pending, why: t(`outbox.state.${state}`, { defaultValue: state }) })}{' '}
      <button type="button" className="link" onClick={() => void flushOutbox()}>
        {t('outbox.sendNow')}
      </button>
    </p>
  );
}
