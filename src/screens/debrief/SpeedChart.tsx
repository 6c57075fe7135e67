import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { SpeedSeries } from '../../app/storage/attempts.ts';
import { UPlotChart } from '../UPlotChart.tsx';

const HAND_COLOURS = { left: '#4f8fe6', right: '#e6884f' } as const;

/** Tip speed over time per hand (peak per bucket, so spikes stay visible; gaps where the hand moved no instrument). */
export function SpeedChart({ speeds }: { speeds: Record<'left' | 'right', SpeedSeries> }) {
  const { t } = useTranslation();
  const hands = (['left', 'right'] as const).filter((h) => speeds[h].v.some((v) => v > 0));
  const { data, options } = useMemo(() => {
    const x = speeds.right.t.length >= speeds.left.t.length ? speeds.right.t : speeds.left.t;
    // NaN: no instrument motion there (an empty hand, a tool change): a gap in the line.
    const data: uPlot.AlignedData = [Array.from(x), ...hands.map((h) => Array.from(speeds[h].v, (v) => (Number.isNaN(v) ? null : v)))];
    const options: Omit<uPlot.Options, 'width'> = {
      height: 200,
      scales: { x: { time: false } },
      axes: [{ label: 's' }, { label: 'm/s' }],
      series: [{ label: t('speed.time') }, ...hands.map((h) => ({ label: t(`hand.${h}`), stroke: HAND_COLOURS[h], width: 1.5 }))],
    };
    return { data, options };
  }, [speeds, t]);
  if (hands.length === 0) return <p>{t('speed.none')}</p>;
  return <UPlotChart label={t('speed.label')} data={data} options={options} />;
}
