import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, chooseLanguage, currentLanguage, type Language } from '../app/i18n.ts';
import { clearLrsSettings, lrsSettings, saveLrsSettings, setHandedness, setHudTextSize, setOneHanded, setVrPosture, useLearner } from '../app/learner.ts';
import { listProcedures } from '../app/protocol-catalog.ts';
import { protocolText } from '../core/procedure/protocol-text.ts';
import { POSTURES } from '../xr/working-height.ts';
import type { Hand } from '../core/kernel/input.ts';
import { HUD_TEXT_SIZES } from '../app/storage/settings.ts';
import { checkLrsEndpoint } from '../app/storage/lrs-client.ts';
import { PersistenceNotice } from './StorageNotices.tsx';
import { useDialogFocus } from './dialog-focus.ts';

/**
 * The Learning Record Store to send xAPI statements to. Stored in this browser's settings database only
 * (docs/privacy.md): never in attempts, recordings or exports. The stored password is never put back into
 * the page: its field stays empty, and an empty field keeps it.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const current = lrsSettings();
  const [endpoint, setEndpoint] = useState(current?.endpoint ?? '');
  const [username, setUsername] = useState(current?.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(current ? refusal(current.endpoint) : null);
  const [cleared, setCleared] = useState(false);
  const storedTextSize = useLearner((s) => s.hudTextSize);
  const [textSize, setTextSize] = useState(storedTextSize);
  const storedHandedness = useLearner((s) => s.handedness);
  const [handedness, setDominant] = useState(storedHandedness);
  const storedOneHanded = useLearner((s) => s.oneHanded);
  const [hands, setHands] = useState<HandsChoice>(storedOneHanded ? 'one' : 'both');
  const storedPosture = useLearner((s) => s.vrPosture);
  const [posture, setPosture] = useState(storedPosture);
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await setHudTextSize(textSize);
    await setHandedness(handedness);
    await setOneHanded(hands === 'one');
    await setVrPosture(posture);
    if (endpoint.trim() === '') {
      await saveLrsSettings(null);
      return onClose();
    }
    const checked = checkLrsEndpoint(endpoint);
    if (!checked.ok) return setError(checked.message);
    // An empty password field keeps the stored one, for the same LRS and user only.
    const kept = password === '' && current && current.endpoint === checked.href && current.username === username ? current.password : password;
    await saveLrsSettings({ endpoint: checked.href, username, password: kept });
    onClose();
  };
  const clear = async (): Promise<void> => {
    await clearLrsSettings();
    setEndpoint('');
    setUsername('');
    setPassword('');
    setError(null);
    setCleared(true);
  };
  return (
    <div className="overlay">
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby="settings-heading" className="dialog">
        <form onSubmit={(e) => void save(e)}>
          <h2 id="settings-heading">{t('settings.title')}</h2>
          <label>
            {t('settings.language')}
            <select name="language" value={currentLanguage()} onChange={(e) => void chooseLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l.id} value={l.id} lang={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <Choices
            name="hud-text-size"
            legend={t('settings.textSize')}
            choices={HUD_TEXT_SIZES}
            label={(size) => t(`settings.size.${size}`)}
            note={t('settings.textSizeNote')}
            value={textSize}
            onChange={setTextSize}
          />
          <Choices
            name="handedness"
            legend={t('settings.dominantHand')}
            choices={DOMINANT_CHOICES}
            label={(hand) => t(`settings.dominant.${hand}`)}
            note={t('settings.dominantHandNote')}
            value={handedness}
            onChange={setDominant}
          />
          <Choices
            name="hands"
            legend={t('settings.hands')}
            choices={HANDS_CHOICES}
            label={(choice) => t(`settings.handsChoice.${choice}`)}
            note={t('settings.handsNote')}
            value={hands}
            onChange={setHands}
          >
            {/* Which procedures offer it, and what the assistant does there, or why not (each protocol's `oneHanded`). */}
            <ul className="note one-handed-procedures">
              {listProcedures().map((p) => {
                const text = protocolText(p, i18n.language);
                const said = text.oneHanded();
                return (
                  <li key={p.id} data-procedure={p.id} data-one-handed={p.oneHanded.allowed}>
                    <strong>{text.title()}</strong>:{' '}
                    {p.oneHanded.allowed
                      ? t('settings.oneHandedAllowed', { assistant: said })
                      : said !== undefined
                        ? t('settings.oneHandedNot', { reason: said })
                        : t('settings.oneHandedUndeclared')}
                  </li>
                );
              })}
            </ul>
          </Choices>
          <Choices
            name="vr-posture"
            legend={t('settings.posture')}
            choices={POSTURES}
            label={(posture) => t(`settings.postures.${posture}`)}
            note={t('settings.postureNote')}
            value={posture}
            onChange={setPosture}
          />
          <fieldset>
            <legend>{t('settings.lrs')}</legend>
            <label>
              {t('settings.endpoint')}
              <input
                name="endpoint"
                type="url"
                placeholder="https://lrs.example.org/xapi/"
                value={endpoint}
                onChange={(e) => {
                  setEndpoint(e.target.value);
                  setError(null);
                }}
              />
            </label>
            <label>
              {t('settings.username')}
              <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
            </label>
            <label>
              {t('settings.password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                placeholder={current?.password ? t('settings.passwordStored') : ''}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <p className="note">{t('settings.lrsNote')}</p>
            {(current || cleared) && (
              <p>
                {cleared ? (
                  <span role="status">{t('settings.cleared')}</span>
                ) : (
                  <button type="button" onClick={() => void clear()}>
                    {t('settings.clear')}
                  </button>
                )}
              </p>
            )}
          </fieldset>
          <PersistenceNotice />
          {error && <p role="alert">{error}</p>}
          <div className="start">
            <button type="submit" className="primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** One setting chosen among a few: radio buttons under a legend, with a note below. */
function Choices<T extends string>(props: {
  name: string;
  legend: string;
  choices: readonly T[];
  label: (choice: T) => string;
  note: string;
  value: T;
  onChange: (choice: T) => void;
  /** More about the choice, after the note. */
  children?: ReactNode;
}) {
  return (
    <fieldset className="text-size">
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice} className="check">
          <input type="radio" name={props.name} value={choice} checked={props.value === choice} onChange={() => props.onChange(choice)} />
          {props.label(choice)}
        </label>
      ))}
      <p className="note">{props.note}</p>
      {props.children}
    </fieldset>
  );
}

/** Most learners first. */
const DOMINANT_CHOICES: readonly Hand[] = ['right', 'left'];

type HandsChoice = 'both' | 'one';
const HANDS_CHOICES: readonly HandsChoice[] = ['both', 'one'];

function refusal(endpoint: string): string | null {
  const checked = checkLrsEndpoint(endpoint);
  return checked.ok ? null : checked.message;
}
