import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { type Protocol, stepTitle } from '../../core/procedure/index.ts';
import { type Report, type StepFigures, stepFigures } from '../../core/scoring/index.ts';

/**
 * The steps as bars along the attempt's time, errors as markers on them; then the same as a list with each
 * step's time, path length, movements and errors, beside the expert's for the same step where there is one.
 */
export function StepTimeline({
  report,
  protocol,
  expert,
  notes = [],
  dismissed = [],
}: {
  report: Report;
  protocol: Protocol;
  expert: Report | null;
  /** An instructor's notes at time points (docs/instructor.md), drawn as markers. */
  notes?: readonly { id: string; t: number; text: string }[];
  /** Indices in `report.errors` of findings an instructor dismissed: drawn faint. */
  dismissed?: readonly number[];
}) {
  const { t, i18n } = useTranslation();
  const experts = new Map((expert ? stepFigures(expert) : []).map((f) => [f.id, f]));
  const total = Math.max(report.metrics.durationSec, 1e-3);
  const pct = (t: number): string => `${Math.min(100, (100 * t) / total).toFixed(2)}%`;
  const started = report.steps.filter((s) => s.start !== null);
  return (
    <section aria-label={t('debrief.timeline')} className="timeline">
      <h2>{t('debrief.timeline')}</h2>
      <div className="timeline-bar" aria-hidden="true">
        {started.map((s) => (
          <div
            key={`${s.id}@${s.start}`}
            className={`timeline-step ${s.status}`}
            style={{ left: pct(s.start!), width: pct((s.end ?? report.metrics.durationSec) - s.start!) }}
            title={stepTitle(protocol, s.id, i18n.language)}
          />
        ))}
        {report.errors.map((e, i) => (
          <div
            key={`${e.code}@${e.t}`}
            className={`timeline-error ${e.severity}${dismissed.includes(i) ? ' dismissed' : ''}`}
            style={{ left: pct(e.t) }}
            title={t(dismissed.includes(i) ? 'debrief.errorMarkerDismissed' : 'debrief.errorMarker', { code: e.code, seconds: e.t.toFixed(1) })}
          />
        ))}
        {notes.map((n) => (
          <div key={n.id} className="timeline-note" style={{ left: pct(n.t) }} title={t('debrief.noteMarker', { seconds: n.t.toFixed(1), text: n.text })} />
        ))}
      </div>
      <div className="timeline-axis">
        <span>0 s</span>
        <span>{report.metrics.durationSec.toFixed(1)} s</span>
      </div>
      <ol className="steps">
        {stepFigures(report).map((f) => {
          const e = experts.get(f.id);
          return (
            <li key={f.id} className={`step ${f.status}`}>
              <span className="title">{stepTitle(protocol, f.id, i18n.language)}</span>
              <span className="meta">
                {t(`stepStatus.${f.status}`)}
                {f.status === 'completed' && ` · ${figures(f, t)}`}
                {f.errors > 0 && ` · ${t('debrief.errorCount', { count: f.errors })}`}
                {f.status === 'completed' && e?.status === 'completed' && ` ${t('debrief.expertFigures', { figures: figures(e, t) })}`}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A completed step's time, and path and movements where the attempt was simulated. */
function figures(f: StepFigures, t: TFunction): string {
  const parts = [`${f.durationSec!.toFixed(1)} s`];
  if (f.pathLength !== null) parts.push(`${(f.pathLength * 100).toFixed(0)} cm`);
  if (f.movements !== null) parts.push(t('debrief.movements', { count: f.movements }));
  return parts.join(', ');
}
