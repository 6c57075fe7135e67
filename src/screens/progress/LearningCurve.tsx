import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { CurvePoint } from '../../core/progress/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';
import { OKABE_ITO } from '../../views/palette.ts';

/** Time, errors and score per attempt: time and errors on the left axis, score on the right. */
export function LearningCurve({ points, title }: { points: CurvePoint[]; title: string }) {
  const { data, options } = useMemo(() => {
    const data: uPlot.AlignedData = [points.map((p) => p.attempt), points.map((p) => p.timeSec), points.map((p) => p.errors), points.map((p) => p.score)];
    const dots = { show: true, size: 7 };
    const options: Omit<uPlot.Options, 'width'> = {
      height: 220,
      scales: { x: { time: false }, score: { auto: true } },
      axes: [
        { label: 'attempt', incrs: [1, 2, 5, 10, 20, 50] },
        { label: 'time (s) · errors' },
        { scale: 'score', side: 1, label: 'score', grid: { show: false } },
      ],
      series: [
        { label: 'attempt' },
        { label: 'time (s)', stroke: OKABE_ITO.blue, width: 2, points: dots },
        { label: 'errors', stroke: OKABE_ITO.vermillion, width: 2, dash: [8, 4], points: dots },
        { label: 'score', stroke: OKABE_ITO.bluishGreen, width: 2, dash: [2, 3], scale: 'score', points: dots },
      ],
    };
    return { data, options };
  }, [points]);
  return <UPlotChart label={`${title}: learning curve over ${points.length} attempts`} data={data} options={options} />;
}
