import { type FormEvent, useState } from 'react';
import { chooseProfile, createProfile, useLearner } from '../app/learner.ts';

/** Who is training on this device: choose a profile by name, or create one. */
export function ProfilePicker() {
  const profiles = useLearner((s) => s.profiles);
  const profile = useLearner((s) => s.profile);
  const [name, setName] = useState('');
  const create = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim()) void createProfile(name).then(() => setName(''));
  };
  return (
    <section aria-label="Learner" className="learner">
      {profiles.length > 0 && (
        <label>
          Learner{' '}
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
        <input aria-label="New learner name" placeholder="New learner name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>
          Add learner
        </button>
      </form>
    </section>
  );
}
