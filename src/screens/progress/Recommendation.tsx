import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { recommend } from '../../core/progress/index.ts';
import { protocolText, stepTitle } from '../../core/procedure/index.ts';
import { listProcedures } from '../../app/protocol-catalog.ts';
import { chooseMode, startDrill, startSession } from '../../app/app-store.ts';
import { progressHistory, useLearner } from '../../app/learner.ts';
import { procedurePlan } from '../../app/procedure-plan.ts';

/** What to practise next, from the learner's history, with "drill this step" when one step stands out. */
export function Recommendation() {
  const { t, i18n } = useTranslation();
  const attempts = useLearner((s) => s.attempts);
  const reviews = useLearner((s) => s.reviews);
  const procedures = listProcedures();
  const rec = useMemo(() => recommend(progressHistory(attempts, reviews), procedures.map(procedurePlan), Date.now()), [attempts, reviews, procedures]);
  const protocol = procedures.find((p) => p.id === rec?.procedure);
  if (!rec || !protocol) return null;
  const text = protocolText(protocol, i18n.language);
  const title = text.title();
  const variant = protocol.variants.find((v) => v.id === rec.figures.variant);
  const mode = t(`mode.${rec.mode}.label`);
  return (
    <section aria-label={t('recommend.label')} className="recommendation">
      <p>
        <strong>{t('recommend.next')}</strong>{' '}
        {t(`recommend.reason.${rec.reason}`, {
          ...rec.figures,
          count: rec.figures.remaining ?? rec.figures.days,
          title,
          variant: variant ? text.variant(variant).title : '',
        })}{' '}
        <span className="meta">{t('recommend.mode', { mode })}</span>
      </p>
      <button
        type="button"
        onClick={() => {
          chooseMode(rec.mode);
          startSession(protocol);
        }}
      >
        {t('recommend.start', { title, mode })}
      </button>
      {rec.drillStep && (
        <button type="button" onClick={() => startDrill(protocol, rec.drillStep!)}>
          {t('recommend.drill', { step: stepTitle(protocol, rec.drillStep, i18n.language) })}
        </button>
      )}
    </section>
  );
}
