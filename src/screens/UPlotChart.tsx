import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A uPlot chart made once per `data`/`options` pair and destroyed with the component. */
export function UPlotChart({ options, data, label }: { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = new uPlot({ width: Math.max(200, el.clientWidth), ...options }, data, el);
    return () => chart.destroy();
  }, [options, data]);
  return <div className="chart" role="img" aria-label={label} ref={host} />;
}
