import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hand } from '../core/kernel/index.ts';
import { DEFAULT_KEYMAP, DESKTOP_ACTIONS, type DesktopAction, type Keymap, isDefaultKeymap, keyLabel, rebind, unbindable } from '../input/keymap.ts';
import { setKeymap } from '../app/learner.ts';

/** The mouse's controls (fixed), listed before the remappable keys. */
const MOUSE_CONTROLS: [string, string][] = [
  ['Mouse', 'move the tip'],
  ['Left button', 'jaws / cut / energy'],
  ['Wheel', 'tip height (⇧ or sideways: fine)'],
  ['Right drag', 'orbit the view'],
  ['⇧ Right drag', 'tilt / turn tool'],
];

interface Props {
  instruments: readonly { id: string; name: string }[];
  activeHand: Hand;
  held: Record<Hand, string | null>;
  keymap: Keymap;
}

/** The desktop controls, always on screen so nobody has to guess; a key's button rebinds it (kept on this device). */
export function ControlsLegend({ instruments, activeHand, held, keymap }: Props) {
  const { t } = useTranslation();
  const name = (id: string | null): string => instruments.find((i) => i.id === id)?.name ?? 'empty';
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
        setProblem(`${keyLabel(e.key)} cannot be used: ${why}.`);
        return;
      }
      setProblem(null);
      setListening(null);
      void setKeymap(rebind(keymap, listening, e.key));
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [listening, keymap]);

  return (
    <aside className="controls" aria-label="Controls">
      <details open={open}>
        <summary>Controls</summary>
        <p className="hands">
          <span className={activeHand === 'left' ? 'active' : ''}>Left: {name(held.left)}</span>
          <span className={activeHand === 'right' ? 'active' : ''}>Right: {name(held.right)}</span>
        </p>
        <dl>
          {MOUSE_CONTROLS.map(([key, what]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{what}</dd>
            </div>
          ))}
          {DESKTOP_ACTIONS.map((action) => (
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
                  {listening === action ? 'press a key…' : keyLabel(keymap[action])}
                </button>
              </dt>
              <dd>{t(`controls.action.${action}`)}</dd>
            </div>
          ))}
        </dl>
        <ol className="instrument-keys" aria-label="Instruments (number keys)">
          {instruments.map((instrument, i) => (
            <li key={instrument.id}>
              <kbd>{i + 1}</kbd> {instrument.name}
            </li>
          ))}
          <li>
            <kbd>0</kbd> put it down
          </li>
        </ol>
        {problem && <p role="alert">{problem}</p>}
        {!isDefaultKeymap(keymap) && (
          <button type="button" onClick={() => void setKeymap(DEFAULT_KEYMAP)}>
            Default keys
          </button>
        )}
      </details>
    </aside>
  );
}
