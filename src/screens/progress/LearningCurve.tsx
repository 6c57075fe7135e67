import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { CurvePoint } from '../../core/progress/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';
import { OKABE_ITO } from '../../views/palette.ts';

/** Time, errors and score per attempt: time and errors on the left axis, score on the right. */
export function LearningCurve({ points, title }: { points: CurvePoint[]; title: string }) {
  const { t } = useTranslation();
  const { data, options } = useMemo(() => {
    const data: uPlot.AlignedData = [points.map((p) => p.attempt), points.map((p) => p.timeSec), points.map((p) => p.errors), points.map((p) => p.score)];
    const dots = { show: true, size: 7 };
    const options: Omit<uPlot.Options, 'width'> = {
      height: 220,
      scales: { x: { time: false }, score: { auto: true } },
      axes: [
        { label: t('curve.attempt'), incrs: [1, 2, 5, 10, 20, 50] },
        { label: t('curve.timeErrors') },
        { scale: 'score', side: 1, label: t('curve.score'), grid: { show: false } },
      ],
      series: [
        { label: t('curve.attempt') },
        { label: t('curve.time'), stroke: OKABE_ITO.blue, width: 2, points: dots },
        { label: t('curve.errors'), stroke: OKABE_ITO.vermillion, width: 2, dash: [8, 4], points: dots },
        { label: t('curve.score'), stroke: OKABE_ITO.bluishGreen, width: 2, dash: [2, 3], scale: 'score', points: dots },
      ],
    };
    return { data, options };
  }, [points, t]);
  return <UPlotChart label={t('curve.label', { title, count: points.length })} data={data} options={options} />;
}
