import type { Protocol, Mode } from '../core/procedure/index.ts';
import { useApp } from '../app/app-store.ts';
import { SEVERITY_GLYPH } from './palette.ts';
import { WARNING_TONE_CAPTION } from '../app/warning-tone.ts';

/**
 * The procedure as the trainee sees it: the current step, and — as the protocol's mode allows — its
 * instruction, the hint when one falls due, and errors as they happen (dangerous ones loudest).
 */
export function StepPanel({ protocol, mode }: { protocol: Protocol; mode: Mode }) {
  const hud = useApp((s) => s.hud);
  const show = protocol.modes[mode];
  const step = protocol.steps.find((s) => s.id === hud.step);
  const index = step ? protocol.steps.indexOf(step) + 1 : 0;
  const errors = show.errorFeedback === 'immediate' ? hud.errors.slice(-3) : [];

  return (
    <aside className="step-panel" aria-label="Procedure" aria-live="polite">
      {hud.finished ? (
        <p className="step-title">Procedure finished</p>
      ) : step ? (
        <>
          <p className="step-count">
            Step {index} of {protocol.steps.length} · {hud.stepsDone} done
          </p>
          <p className="step-title">{step.title}</p>
          {show.instructions && <p className="instruction">{step.instruction}</p>}
          {hud.hint && show.hints !== 'none' && <p className="hint">Hint: {hud.hint}</p>}
        </>
      ) : (
        <p className="step-title">{protocol.title}</p>
      )}
      {hud.danger && !hud.finished && (
        <p className="danger" role="alert">
          <strong>Careful:</strong> {hud.danger.structure.replace(/-/g, ' ')} is {hud.danger.distanceMm} mm from your instrument.
          <span className="sound-caption">[{WARNING_TONE_CAPTION}]</span>
        </p>
      )}
      {errors.map((e) => (
        <p key={`${e.code}@${e.t}`} className={`error ${e.severity}`} role={e.severity === 'critical' ? 'alert' : undefined}>
          <strong>
            <span aria-hidden="true">{SEVERITY_GLYPH[e.severity]}</span>{' '}
            {e.severity === 'critical' ? 'Critical error' : e.severity === 'major' ? 'Error' : 'Note'}:
          </strong>{' '}
          {e.message}
        </p>
      ))}
    </aside>
  );
}
