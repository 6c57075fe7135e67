import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RatingEstimate } from '../../core/scoring/index.ts';

/** Estimated OSATS / GOALS domain ratings, always labelled as estimates (docs/metrics.md). */
export function RatingEstimates({ estimates }: { estimates: RatingEstimate[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('ratings.title')} className="ratings">
      <h2>{t('ratings.title')}</h2>
      {estimates.map((e) => (
        <div key={e.scale}>
          <h3>{t('ratings.scale', { scale: e.scale })}</h3>
          <p className="note">{t('ratings.label', { scale: e.scale })}</p>
          <p className={e.withheld ? 'scope withheld' : 'scope'}>{coverage(e, t)}</p>
          {e.withheld ? null : e.domains.length === 0 ? (
            <p>{t('ratings.noData')}</p>
          ) : (
            <dl>
              {e.domains.map((d) => (
                <div key={d.domain} className="rating">
                  <dt>{t(`ratings.domain.${d.domain}`, { defaultValue: d.domain })}</dt>
                  <dd>
                    ≈ {d.rating.toFixed(1)} / 5{' '}
                    <span className="meta">{t('ratings.basis', { basis: d.basis.map((b) => t(`ratings.proxy.${b}`, { defaultValue: b })).join(', ') })}</span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      ))}
    </section>
  );
}

/** The core's coverage sentence, worded in the learner's language from its figures. */
function coverage(e: RatingEstimate, t: TFunction): string {
  const { completed, total } = e.steps;
  if (e.withheld) return t('ratings.withheld', { completed, total });
  const scope = completed >= total ? t('ratings.whole') : t('ratings.partial', { count: completed, total });
  return e.unsteady ? `${scope} ${t('ratings.unsteady')}` : scope;
}
