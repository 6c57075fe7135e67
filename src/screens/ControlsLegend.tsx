import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hand } from '../core/kernel/index.ts';
import { learnersHandWords } from '../core/kernel/mirror.ts';
import { DEFAULT_KEYMAP, DESKTOP_ACTIONS, type DesktopAction, type Keymap, isDefaultKeymap, keyLabel, rebind, unbindable } from '../input/keymap.ts';
import { setKeymap } from '../app/learner.ts';
import { mouseControls, steersScope } from '../input/keyboard.ts';

interface Props {
  instruments: readonly { id: string; name: string }[];
  activeHand: Hand;
  held: Record<Hand, string | null>;
  keymap: Keymap;
  /** The scene has a laparoscope the learner can steer: its keys are listed. */
  steerable: boolean;
  /** Performed mirrored: `activeHand` and `held` are the learner's hands already; an instrument's name follows them. */
  mirrored?: boolean;
  /** The main view is the laparoscope's picture (not the room): a right drag does not orbit it. */
  scopeView: boolean;
}

/** The desktop controls, always on screen so nobody has to guess; a key's button rebinds it (kept on this device). */
export function ControlsLegend({ instruments, activeHand, held, keymap, steerable, mirrored = false, scopeView }: Props) {
  const { t } = useTranslation();
  const named = (instrument: { name: string }): string => learnersHandWords(instrument.name, mirrored);
  const name = (id: string | null): string => {
    const instrument = instruments.find((i) => i.id === id);
    return instrument ? named(instrument) : t('controls.empty');
  };
  const [listening, setListening] = useState<DesktopAction | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Open where there is room for it; on a small window it folds to its title, out of the scene's way.
  const [open] = useState(() => window.matchMedia('(min-width: 760px) and (min-height: 520px)').matches);

  useEffect(() => {
    if (!listening) return;
    // Capture phase: the key that is being bound must not also act in the session.
    const onKey = (e: KeyboardEvent): void => {
      e.preventDefault();
      e.stopImmediatePropagation();
      const why = unbindable(e.key);
      if (why) {
        setProblem(t('controls.cannotUse', { key: keyLabel(e.key), why: t(`controls.unbindable.${why}`) }));
        return;
      }
      setProblem(null);
      setListening(null);
      void setKeymap(rebind(keymap, listening, e.key));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [listening, keymap, t]);

  return (
    <aside className="controls" aria-label={t('controls.title')}>
      <details open={open}>
        <summary>{t('controls.title')}</summary>
        <p className="hands">
          <span className={activeHand === 'left' ? 'active' : ''}>{t('controls.left', { instrument: name(held.left) })}</span>
          <span className={activeHand === 'right' ? 'active' : ''}>{t('controls.right', { instrument: name(held.right) })}</span>
        </p>
        <dl>
          {mouseControls(scopeView).map((id) => (
            <div key={id}>
              <dt>{t(`controls.mouse.${id}.key`)}</dt>
              <dd>{t(`controls.mouse.${id}.what`)}</dd>
            </div>
          ))}
          {DESKTOP_ACTIONS.filter((action) => steerable || !steersScope(action)).map((action) => (
            <div key={action}>
              <dt>
                <button
                  type="button"
                  className="key"
                  aria-label={t('controls.keyFor', { action: t(`controls.action.${action}`), key: keyLabel(keymap[action]) })}
                  aria-pressed={listening === action}
                  onClick={(e) => {
                    e.currentTarget.blur();
                    setListening(listening === action ? null : action);
                  }}
                >
                  {listening === action ? t('controls.pressKey') : keyLabel(keymap[action])}
                </button>
              </dt>
              <dd>{t(`controls.action.${action}`)}</dd>
            </div>
          ))}
        </dl>
        <ol className="instrument-keys" aria-label={t('controls.instruments')}>
          {instruments.map((instrument, i) => (
            <li key={instrument.id}>
              <kbd>{i + 1}</kbd> {named(instrument)}
            </li>
          ))}
          <li>
            <kbd>0</kbd> {t('controls.putDown')}
          </li>
        </ol>
        {problem && <p role="alert">{problem}</p>}
        {!isDefaultKeymap(keymap) && (
          <button type="button" onClick={() => void setKeymap(DEFAULT_KEYMAP)}>
            {t('controls.defaultKeys')}
          </button>
        )}
      </details>
    </aside>
  );
}
