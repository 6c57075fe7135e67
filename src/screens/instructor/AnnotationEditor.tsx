import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptReview } from '../../core/scoring/index.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';
import { ReviewError, addAnnotation, removeAnnotation, useDesk } from '../../app/review.ts';
import { ReviewerField } from './ReviewerField.tsx';

/**
 * Notes at time points of the attempt, saved with it and shown to the learner in their debrief. The time can
 * be typed, or taken from a finding ("Note here"). A 3D pin comes with the replay viewer.
 */
export function AnnotationEditor({
  attempt,
  review,
  time,
  onTime,
  onSaved,
}: {
  attempt: StoredAttempt;
  review: AttemptReview | null;
  time: string;
  onTime: (t: string) => void;
  onSaved: (r: AttemptReview) => void;
}) {
  const { t } = useTranslation();
  const reviewer = useDesk((s) => s.reviewer);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const duration = attempt.report.metrics.durationSec;

  const add = async (): Promise<void> => {
    try {
      const saved = await addAnnotation(attempt, { t: time.trim() === '' ? Number.NaN : Number(time), text: text.trim(), author: reviewer.trim() });
      setText('');
      setProblems([]);
      onSaved(saved);
    } catch (error) {
      setProblems(error instanceof ReviewError ? error.problems : [String(error)]);
    }
  };

  return (
    <section aria-label={t('annotations.title')} className="annotation-editor">
      <h2>{t('annotations.title')}</h2>
      <ol className="annotations">
        {(review?.annotations ?? []).map((n) => (
          <li key={n.id}>
            <span className="time">{t('units.seconds', { seconds: n.t.toFixed(1) })}</span> {n.text} <span className="meta">— {n.author}</span>{' '}
            <button
              type="button"
              className="small"
              aria-label={t('annotations.deleteAt', { seconds: n.t.toFixed(1) })}
              onClick={() => void removeAnnotation(attempt, n.id).then(onSaved)}
            >
              {t('annotations.delete')}
            </button>
          </li>
        ))}
      </ol>
      <div className="annotation-form">
        {!reviewer.trim() && <ReviewerField />}
        <label className="field">
          {t('annotations.at', { max: duration.toFixed(1) })}
          <input type="number" min={0} max={duration} step="0.1" value={time} onChange={(e) => onTime(e.target.value)} />
        </label>
        <label className="field wide">
          {t('annotations.note')}
          <input value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void add()} />
        </label>
        <button type="button" onClick={() => void add()}>
          {t('annotations.add')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
