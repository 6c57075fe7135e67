import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseProfile, createProfile, useLearner } from '../app/learner.ts';

/** Who is training on this device: choose a profile by name, or create one. */
export function ProfilePicker() {
  const { t } = useTranslation();
  const profiles = useLearner((s) => s.profiles);
  const profile = useLearner((s) => s.profile);
  // Until the device's profiles are read, a new one would be overwritten by the read (and the next attempt made
  // for a "Guest"): the button waits for them.
  const ready = useLearner((s) => s.ready);
  const [name, setName] = useState('');
  const create = (event: FormEvent): void => {
    event.preventDefault();
    if (ready && name.trim()) void createProfile(name).then(() => setName(''));
  };
  return (
    <section aria-label={t('learner.label')} className="learner">
      {profiles.length > 0 && (
        <label>
          {t('learner.label')}{' '}
          <select value={profile?.id ?? ''} onChange={(e) => void chooseProfile(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <form onSubmit={create}>
        <input aria-label={t('learner.newName')} placeholder={t('learner.newName')} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!ready || !name.trim()}>
          {t('learner.add')}
        </button>
      </form>
    </section>
  );
}
