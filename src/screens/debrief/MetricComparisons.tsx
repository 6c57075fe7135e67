import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { MetricComparison } from '../../core/metrics/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';

/** The metrics charted (their names are `metric.<key>` in the locales); the rest are in the table of the report. */
const SHOWN = new Set(['duration_s', 'path_length_m', 'movements', 'idle_ratio', 'ldlj', 'sparc']);

/**
 * Each metric of the dominant hand over the learner's attempts (this one last), with the expert's value
 * as a line where the protocol has a benchmark. `scope` says what an unfinished attempt was compared on.
 */
export function MetricComparisons({
  comparisons,
  hand,
  hasExpert,
  scope,
}: {
  comparisons: MetricComparison[];
  hand: string;
  hasExpert: boolean;
  scope: string | null;
}) {
  const { t } = useTranslation();
  const shown = comparisons.filter((c) => SHOWN.has(c.key) && c.value !== null);
  return (
    <section aria-label={t('metrics.title')} className="metrics">
      <h2>{t('metrics.heading', { hand: t(`hand.${hand}`, { defaultValue: hand }) })}</h2>
      {scope && <p className="scope">{scope}</p>}
      {!hasExpert ? <p className="note">{t('metrics.noExpert')}</p> : shown.some((c) => c.expert !== null) && <p className="note">{t('metrics.dashed')}</p>}
      <div className="metric-grid">
        {shown.map((c) => (
          <MetricChart key={c.key} comparison={c} />
        ))}
      </div>
    </section>
  );
}

function MetricChart({ comparison: c }: { comparison: MetricComparison }) {
  const { t } = useTranslation();
  const name = t(`metric.${c.key}`);
  const { data, options } = useMemo(() => {
    const values = [...c.previous, c.value];
    const attempts = values.map((_, i) => i + 1);
    const series: uPlot.Series[] = [{ label: t('metrics.attempt') }, { label: name, stroke: '#e6884f', width: 1.5, points: { show: true, size: 7 } }];
    const data: uPlot.AlignedData = [attempts, values];
    if (c.expert !== null) {
      series.push({ label: t('metrics.expert'), stroke: '#2a9d5b', dash: [6, 4] });
      data.push(attempts.map(() => c.expert));
    }
    const options: Omit<uPlot.Options, 'width'> = {
      height: 130,
      legend: { show: false },
      scales: { x: { time: false } },
      series,
      axes: [{ size: 24, incrs: [1, 2, 5, 10, 20, 50] }, { size: 44 }],
    };
    return { data, options };
  }, [c, t, name]);
  const delta = c.previousBest === null ? t('metrics.firstAttempt') : t('metrics.bestBefore', { value: format(c.previousBest) });
  const level = c.reachedExpert === null ? '' : `; ${t(c.reachedExpert ? 'metrics.atExpert' : 'metrics.belowExpert')}`;
  return (
    <figure className="metric">
      <figcaption>
        <strong>{name}</strong>: {format(c.value!)} ({t(`metrics.better.${c.better}`)}; {delta}
        {level})
      </figcaption>
      <UPlotChart label={t('metrics.perAttempt', { metric: name })} data={data} options={options} />
    </figure>
  );
}

function format(v: number): string {
  return Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(3);
}
