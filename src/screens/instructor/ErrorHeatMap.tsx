import { useTranslation } from 'react-i18next';
import type { ErrorHeatMap } from '../../core/progress/index.ts';

/** Errors by step (rows) and learner (columns) over one procedure: darker is more. A table, so it reads aloud. */
export function ErrorHeatMapView({ map, title, stepName }: { map: ErrorHeatMap; title: string; stepName: (step: string) => string }) {
  const { t } = useTranslation();
  if (map.learners.length === 0) return null;
  return (
    <section aria-label={t('heatMap.label')} className="heat-map">
      <h2>{t('heatMap.title', { title })}</h2>
      <p className="note">{t('heatMap.note')}</p>
      <table className="heat" aria-label={t('heatMap.table', { title })}>
        <thead>
          <tr>
            <th scope="col">{t('heatMap.step')}</th>
            {map.learners.map((l) => (
              <th key={l.id} scope="col">
                {l.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.steps.map((step, si) => (
            <tr key={step ?? '(none)'}>
              <th scope="row">{step === null ? t('heatMap.noStep') : stepName(step)}</th>
              {map.counts[si]!.map((n, li) => (
                <td
                  key={map.learners[li]!.id}
                  className="cell"
                  data-count={n}
                  style={{ background: n === 0 ? 'transparent' : `rgba(255, 90, 60, ${(0.2 + (0.8 * n) / Math.max(1, map.max)).toFixed(2)})` }}
                  title={`${map.learners[li]!.name}, ${step === null ? t('heatMap.noStep') : stepName(step)}: ${t('debrief.errorCount', { count: n })}`}
                >
                  {n > 0 ? n : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
