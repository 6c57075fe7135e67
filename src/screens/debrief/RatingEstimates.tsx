import { useTranslation } from 'react-i18next';
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
          <p className="note">{e.label}.</p>
          <p className={e.withheld ? 'scope withheld' : 'scope'}>{e.coverage}</p>
          {e.withheld ? null : e.domains.length === 0 ? (
            <p>{t('ratings.noData')}</p>
          ) : (
            <dl>
              {e.domains.map((d) => (
                <div key={d.domain} className="rating">
                  <dt>{d.domain}</dt>
                  <dd>
                    ≈ {d.rating.toFixed(1)} / 5 <span className="meta">{t('ratings.basis', { basis: d.basis.join(', ') })}</span>
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
