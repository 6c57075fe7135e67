import { useTranslation } from 'react-i18next';
import { type Protocol, type Mode, protocolText } from '../core/procedure/index.ts';
import { useApp } from '../app/app-store.ts';

/**
 * The procedure as the trainee sees it: the current step, and — as the protocol's mode allows — its
 * instruction, the hint when one falls due, and errors as they happen (dangerous ones loudest).
 */
export function StepPanel({ protocol, mode }: { protocol: Protocol; mode: Mode }) {
  const { t, i18n } = useTranslation();
  const text = protocolText(protocol, i18n.language);
  const hud = useApp((s) => s.hud);
  const show = protocol.modes[mode];
  const step = protocol.steps.find((s) => s.id === hud.step);
  const index = step ? protocol.steps.indexOf(step) + 1 : 0;
  const stepText = step ? text.step(step) : null;
  // The hint that fell due is the English of some step's hint (with anyOrder steps, not always the shown step's).
  const hintStep = hud.hint ? protocol.steps.find((s) => s.hint === hud.hint) : undefined;
  const hint = hintStep ? text.step(hintStep).hint : hud.hint;
  const errors = show.errorFeedback === 'immediate' ? hud.errors.slice(-3) : [];

  return (
    <aside className="step-panel" aria-label={t('session.procedure')} aria-live="polite">
      {hud.finished ? (
        <p className="step-title">{t('session.finished')}</p>
      ) : stepText ? (
        <>
          <p className="step-count">{t('session.stepCount', { index, total: protocol.steps.length, done: hud.stepsDone })}</p>
          <p className="step-title">{stepText.title}</p>
          {show.instructions && <p className="instruction">{stepText.instruction}</p>}
          {hint && show.hints !== 'none' && (
            <p className="hint">
              {t('session.hint')} {hint}
            </p>
          )}
        </>
      ) : (
        <p className="step-title">{text.title()}</p>
      )}
      {hud.danger && !hud.finished && (
        <p className="danger" role="alert">
          <strong>{t('session.careful')}</strong>{' '}
          {t('session.dangerDistance', { structure: hud.danger.structure.replace(/-/g, ' '), distance: hud.danger.distanceMm })}
        </p>
      )}
      {errors.map((e) => (
        <p key={`${e.code}@${e.t}`} className={`error ${e.severity}`} role={e.severity === 'critical' ? 'alert' : undefined}>
          <strong>{t(`severity.${e.severity}.live`)}</strong> {text.error(e.code, e).message}
        </p>
      ))}
    </aside>
  );
}
