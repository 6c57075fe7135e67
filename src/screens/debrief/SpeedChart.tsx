import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import type { SpeedSeries } from '../../app/storage/attempts.ts';
import { learnersHand } from '../../core/kernel/mirror.ts';
import { UPlotChart } from '../UPlotChart.tsx';
import { OKABE_ITO } from '../../views/palette.ts';

/** The hands apart by colour and by dash: left solid blue, right dashed vermillion. */
const HAND_LINES: Record<'left' | 'right', Pick<uPlot.Series, 'stroke' | 'dash'>> = {
  left: { stroke: OKABE_ITO.blue },
  right: { stroke: OKABE_ITO.vermillion, dash: [6, 3] },
};

/**
 * Tip speed over time per hand (peak per bucket, so spikes stay visible; gaps where the hand moved no instrument).
 * `mirrored`: each line is named after the hand the learner moved it with (the series stay canonical).
 */
export function SpeedChart({ speeds, mirrored = false }: { speeds: Record<'left' | 'right', SpeedSeries>; mirrored?: boolean }) {
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
      series: [{ label: t('speed.time') }, ...hands.map((h) => ({ label: t(`hand.${learnersHand(h, mirrored)}`), ...HAND_LINES[h], width: 1.5 }))],
    };
    return { data, options };
  }, [speeds, mirrored, t]);
  if (hands.length === 0) return <p>{t('speed.none')}</p>;
  return <UPlotChart label={t('speed.label')} data={data} options={options} />;
}
