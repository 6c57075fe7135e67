import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { CurvePoint } from '../../core/progress/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';
import { OKABE_ITO } from '../../views/palette.ts';

/**
 * Each learner's learning curve on one procedure, side by side on the same scales: time per attempt (left)
 * and score (right), so that curves can be compared at a glance.
 */
export function ClassCurves({ curves, title }: { curves: { id: string; name: string; points: CurvePoint[] }[]; title: string }) {
  const { t } = useTranslation();
  const maxAttempts = Math.max(2, ...curves.map((c) => c.points.length));
  const maxTime = Math.max(1, ...curves.flatMap((c) => c.points.map((p) => p.timeSec)));
  const maxScore = Math.max(1, ...curves.flatMap((c) => c.points.map((p) => p.score)));
  return (
    <section aria-label={t('classCurves.label')} className="class-curves">
      <h2>{t('classCurves.title', { title })}</h2>
      <p className="note">{t('classCurves.note')}</p>
      <div className="curve-grid">
        {curves.map((c) => (
          <figure key={c.id}>
            <figcaption>{c.name}</figcaption>
            <Curve points={c.points} name={c.name} title={title} maxAttempts={maxAttempts} maxTime={maxTime} maxScore={maxScore} />
          </figure>
        ))}
      </div>
    </section>
  );
}

function Curve({
  points,
  name,
  title,
  maxAttempts,
  maxTime,
  maxScore,
}: {
  points: CurvePoint[];
  name: string;
  title: string;
  maxAttempts: number;
  maxTime: number;
  maxScore: number;
}) {
  const { t } = useTranslation();
  const { data, options } = useMemo(() => {
    const data: uPlot.AlignedData = [points.map((p) => p.attempt), points.map((p) => p.timeSec), points.map((p) => p.score)];
    const dots = { show: true, size: 6 };
    const options: Omit<uPlot.Options, 'width'> = {
      height: 160,
      legend: { show: false },
      scales: { x: { time: false, range: [1, maxAttempts] }, y: { range: [0, maxTime * 1.05] }, score: { range: [0, maxScore * 1.05] } },
      axes: [
        { label: t('curve.attempt'), incrs: [1, 2, 5, 10, 20, 50], size: 36 },
        { label: t('curve.seconds'), size: 44 },
        { scale: 'score', side: 1, label: t('curve.score'), grid: { show: false }, size: 44 },
      ],
      series: [
        { label: t('curve.attempt') },
        { label: t('curve.time'), stroke: OKABE_ITO.blue, width: 2, points: dots },
        { label: t('curve.score'), stroke: OKABE_ITO.bluishGreen, width: 2, dash: [2, 3], scale: 'score', points: dots },
      ],
    };
    return { data, options };
  }, [points, maxAttempts, maxTime, maxScore, t]);
  return <UPlotChart label={t('classCurves.curve', { name, title, count: points.length })} data={data} options={options} />;
}
