import { type Protocol, stepTitle } from '../../core/procedure/index.ts';
import { type Report, type StepFigures, stepFigures } from '../../core/scoring/index.ts';
import { SEVERITY_GLYPH } from '../palette.ts';

/** A step's state as a symbol beside its word (never colour alone). */
const STEP_SYMBOL: Record<string, string> = { completed: '✓', active: '▶', pending: '○' };

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
  const experts = new Map((expert ? stepFigures(expert) : []).map((f) => [f.id, f]));
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
        {report.errors.map((e, i) => (
          <div
            key={`${e.code}@${e.t}`}
            className={`timeline-error ${e.severity}${dismissed.includes(i) ? ' dismissed' : ''}`}
            style={{ left: pct(e.t) }}
            title={`${e.code} at ${e.t.toFixed(1)} s${dismissed.includes(i) ? ' (dismissed by the instructor)' : ''}`}
          >
            <span className="glyph">{SEVERITY_GLYPH[e.severity]}</span>
          </div>
        ))}
        {notes.map((n) => (
          <div key={n.id} className="timeline-note" style={{ left: pct(n.t) }} title={`Note at ${n.t.toFixed(1)} s: ${n.text}`} />
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
              <span className="symbol" aria-hidden="true">
                {STEP_SYMBOL[f.status] ?? '·'}
              </span>{' '}
              <span className="title">{stepTitle(protocol, f.id)}</span>
              <span className="meta">
                {f.status}
                {f.status === 'completed' && ` · ${figures(f)}`}
                {f.errors > 0 && ` · ${f.errors} error${f.errors === 1 ? '' : 's'}`}
                {f.status === 'completed' && e?.status === 'completed' && ` (expert: ${figures(e)})`}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A completed step's time, and path and movements where the attempt was simulated. */
function figures(f: StepFigures): string {
  const parts = [`${f.durationSec!.toFixed(1)} s`];
  if (f.pathLength !== null) parts.push(`${(f.pathLength * 100).toFixed(0)} cm`);
  if (f.movements !== null) parts.push(`${f.movements} movement${f.movements === 1 ? '' : 's'}`);
  return parts.join(', ');
}
