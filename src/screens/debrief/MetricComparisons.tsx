import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { MetricComparison } from '../../core/metrics/index.ts';
import { UPlotChart } from '../UPlotChart.tsx';
import { OKABE_ITO } from '../palette.ts';

/** The metrics charted, with how to read them; the rest are in the table of the report. */
const SHOWN: Record<string, string> = {
  duration_s: 'time (s)',
  path_length_m: 'path length (m)',
  movements: 'movements',
  idle_ratio: 'idle fraction',
  ldlj: 'smoothness, LDLJ',
  sparc: 'smoothness, SPARC',
};

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
  const shown = comparisons.filter((c) => c.key in SHOWN && c.value !== null);
  return (
    <section aria-label="Metrics" className="metrics">
      <h2>Metrics ({hand} hand) against your previous attempts</h2>
      {scope && <p className="scope">{scope}</p>}
      {!hasExpert ? (
        <p className="note">This procedure has no expert benchmark yet: each metric is shown against your own previous attempts only.</p>
      ) : (
        shown.some((c) => c.expert !== null) && <p className="note">The dashed line is the expert benchmark.</p>
      )}
      <div className="metric-grid">
        {shown.map((c) => (
          <MetricChart key={c.key} comparison={c} />
        ))}
      </div>
    </section>
  );
}

function MetricChart({ comparison: c }: { comparison: MetricComparison }) {
  const { data, options } = useMemo(() => {
    const values = [...c.previous, c.value];
    const attempts = values.map((_, i) => i + 1);
    const series: uPlot.Series[] = [{ label: 'attempt' }, { label: SHOWN[c.key]!, stroke: OKABE_ITO.vermillion, width: 1.5, points: { show: true, size: 7 } }];
    const data: uPlot.AlignedData = [attempts, values];
    if (c.expert !== null) {
      series.push({ label: 'expert', stroke: OKABE_ITO.bluishGreen, dash: [6, 4] });
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
  }, [c]);
  const delta = c.previousBest === null ? 'first attempt' : `best before: ${format(c.previousBest)}`;
  return (
    <figure className="metric">
      <figcaption>
        <strong>{SHOWN[c.key]}</strong>: {format(c.value!)} ({c.better} is better; {delta}
        {c.reachedExpert !== null && `; ${c.reachedExpert ? 'at the expert level' : 'below the expert level'}`})
      </figcaption>
      <UPlotChart label={`${SHOWN[c.key]} per attempt`} data={data} options={options} />
    </figure>
  );
}

function format(v: number): string {
  return Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(3);
}
