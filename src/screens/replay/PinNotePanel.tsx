import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICK_HZ } from '../../core/kernel/index.ts';
import type { ReplaySession } from '../../app/replay-session.ts';
import { ReviewError, pinNote, useDesk } from '../../app/review.ts';
import { ReviewerField } from '../instructor/ReviewerField.tsx';

/** A point picked in the scene, in world metres. */
export type ScenePoint = [number, number, number];

/**
 * Pinning a note in the replay (a stored attempt's): the instructor writes the note, arms the pin, then clicks
 * the scene; the note is saved at the playhead's time with the clicked point (`pinNote`), and the pins are drawn
 * in the scene near their time (`NotePins`). `armed` is the viewer's: the scene's click handler reads it.
 */
export function PinNotePanel({
  session,
  attemptId,
  armed,
  onArm,
}: {
  session: ReplaySession;
  attemptId: string;
  armed: boolean;
  onArm: (place: ((point: ScenePoint) => void) | null) => void;
}) {
  const { t } = useTranslation();
  const reviewer = useDesk((s) => s.reviewer);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const place = (point: ScenePoint): void => {
    onArm(null);
    const t = Math.round((session.tick / TICK_HZ) * 100) / 100;
    pinNote(attemptId, { t, text, author: reviewer, pin: point })
      .then((review) => {
        session.setNotes(review.annotations);
        setText('');
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(error instanceof ReviewError ? error.problems.join(' ') : String(error)));
  };
  return (
    <section className="pin-note" aria-label={t('pin.label')}>
      <ReviewerField />
      <label className="field">
        {t('pin.note')}
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('pin.placeholder')} />
      </label>
      <button type="button" aria-pressed={armed} onClick={() => onArm(armed ? null : place)} disabled={!armed && (!text.trim() || !reviewer.trim())}>
        {t(armed ? 'pin.armed' : 'pin.pin')}
      </button>
      {problem && <p role="alert">{problem}</p>}
      <ul className="pinned-notes" aria-label={t('pin.pinned')}>
        {session.notes
          .filter((n) => n.pin)
          .map((n) => (
            <li key={n.id}>
              <button type="button" className="link" onClick={() => session.step(Math.round(n.t * TICK_HZ) - session.tick)}>
                {t('units.seconds', { seconds: n.t.toFixed(1) })}
              </button>{' '}
              {n.text} <span className="meta">— {n.author}</span>
            </li>
          ))}
      </ul>
    </section>
  );
}
