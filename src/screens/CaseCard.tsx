import { useTranslation } from 'react-i18next';
import { type CaseCard, caseCardSections } from '../core/procedure/case-card.ts';

/**
 * The case before the attempt: who the patient is, the history, the indication and the findings (or the
 * training task), and Start. The attempt waits, paused, until Start; text only, from the protocol's data.
 */
export function CaseCardOverlay({ card, title, onStart, onLeave }: { card: CaseCard; title: string; onStart: () => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay">
      <div className="dialog case-card" role="dialog" aria-modal="true" aria-labelledby="case-card-title">
        <h2 id="case-card-title">{t(card.kind === 'patient' ? 'caseCard.case' : 'caseCard.task')}</h2>
        <p className="meta">{title}</p>
        <dl>
          {caseCardSections(card).map((s) => (
            <div key={s.part}>
              <dt>{t(`caseCard.part.${s.part}`)}</dt>
              {s.lines.map((line) => (
                <dd key={line}>{line}</dd>
              ))}
            </div>
          ))}
        </dl>
        <div className="start">
          {/* biome-ignore lint/a11y/noAutofocus: the dialog's one action, so Enter starts the attempt */}
          <button type="button" className="primary" autoFocus onClick={onStart}>
            {t('caseCard.start')}
          </button>
          <button type="button" onClick={onLeave}>
            {t('caseCard.back')}
          </button>
        </div>
      </div>
    </div>
  );
}
