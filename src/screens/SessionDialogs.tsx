import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDialogFocus } from './dialog-focus.ts';

/**
 * The attempt stands still until the learner resumes. Modal for the keyboard (focus on Resume, Tab stays
 * inside); P and Esc keep their session meaning (resume, ask to leave), handled by the session screen.
 */
export function PausedDialog({ recoveredAtSec, onResume }: { recoveredAtSec: number | null; onResume: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref);
  return (
    <div ref={ref} className="paused-overlay" role="dialog" aria-modal="true" aria-label={t('session.paused')}>
      <p>{t('session.paused')}</p>
      {recoveredAtSec !== null && <p className="note">{t('session.recoveredAt', { seconds: recoveredAtSec.toFixed(1) })}</p>}
      <button type="button" className="primary" onClick={onResume}>
        {t('session.resume')}
      </button>
    </div>
  );
}

/** Asked before an attempt is left unsaved; focus starts on Keep going, and Esc (the session's key) keeps going. */
export function LeaveDialog({ ended, onKeepGoing, onFinish, onLeave }: { ended: boolean; onKeepGoing: () => void; onFinish: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref);
  return (
    <div className="overlay">
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby="leave-heading">
        <h2 id="leave-heading">{t('leave.heading')}</h2>
        <p>{t(ended ? 'leave.endedUnsaved' : 'leave.unsaved')}</p>
        <div className="start">
          <button type="button" className="primary" onClick={onKeepGoing}>
            {t('leave.keepGoing')}
          </button>
          <button type="button" onClick={onFinish}>
            {t(ended ? 'leave.seeDebrief' : 'leave.finish')}
          </button>
          <button type="button" onClick={onLeave}>
            {t('debrief.leaveUnsaved')}
          </button>
        </div>
      </div>
    </div>
  );
}
