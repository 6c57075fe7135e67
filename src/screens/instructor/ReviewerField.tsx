import { useTranslation } from 'react-i18next';
import { setReviewer, useDesk } from '../../app/review.ts';

/**
 * The reviewer's name: one for the desk (`useDesk`), asked by the review panel, the debrief's notes and the
 * replay's pinned notes alike, so a name typed in one is there in the others.
 */
export function ReviewerField() {
  const { t } = useTranslation();
  const reviewer = useDesk((s) => s.reviewer);
  return (
    <label className="field">
      {t('review.reviewer')}
      <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} placeholder={t('review.yourName')} autoComplete="name" />
    </label>
  );
}
