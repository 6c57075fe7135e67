import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { CurvePoint } from '../../core/progress/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';

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
        { label: 'time (s)', stroke: '#4f8fe6', width: 2, points: dots },
        { label: 'errors', stroke: '#d94a4a', width: 2, points: dots },
        { label: 'score', stroke: '#2a9d5b', width: 2, scale: 'score', points: dots },
      ],
    };
    return { data, options };
  }, [points]);
  return <UPlotChart label={`${title}: learning curve over ${points.length} attempts`} data={data} options={options} />;
}
