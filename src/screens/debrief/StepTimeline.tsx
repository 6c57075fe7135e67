import { type Protocol, stepTitle } from '../../core/procedure/index.ts';
import type { Report } from '../../core/scoring/index.ts';

/** The steps as bars along the attempt's time, errors as markers on them; then the same as a list. */
export function StepTimeline({ report, protocol }: { report: Report; protocol: Protocol }) {
  const total = Math.max(report.metrics.durationSec, 1e-3);
  const pct = (t: number): string => `${Math.min(100, (100 * t) / total).toFixed(2)}%`;
  const started = report.steps.filter((s) => s.start !== null);
  return (
    <section aria-label="Timeline" className="timeline">
      <h2>Timeline</h2>
      <div className="timeline-bar" aria-hidden="true">
        {started.map((s) => (
          <div
            key={`${s.id}@${s.start}`}
            className={`timeline-step ${s.status}`}
            style={{ left: pct(s.start!), width: pct((s.end ?? report.metrics.durationSec) - s.start!) }}
            title={stepTitle(protocol, s.id)}
          />
        ))}
        {report.errors.map((e) => (
          <div key={`${e.code}@${e.t}`} className={`timeline-error ${e.severity}`} style={{ left: pct(e.t) }} title={`${e.code} at ${e.t.toFixed(1)} s`} />
        ))}
      </div>
      <div className="timeline-axis">
        <span>0 s</span>
        <span>{report.metrics.durationSec.toFixed(1)} s</span>
      </div>
      <ol className="steps">
        {report.steps.map((s) => {
          const errors = report.errors.filter((e) => e.step === s.id).length;
          return (
            <li key={`${s.id}@${s.start}`} className={`step ${s.status}`}>
              <span className="title">{stepTitle(protocol, s.id)}</span>
              <span className="meta">
                {s.status}
                {s.start !== null && s.end !== null && ` · ${(s.end - s.start).toFixed(1)} s`}
                {errors > 0 && ` · ${errors} error${errors === 1 ? '' : 's'}`}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
