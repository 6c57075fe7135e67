import { type FormEvent, useState } from 'react';
import { lrsSettings, saveLrsSettings } from '../app/learner.ts';
import { PersistenceNotice } from './StorageNotices.tsx';

/**
 * The Learning Record Store to send xAPI statements to. Stored in this browser's settings database only:
 * never in attempts, recordings or exports.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const current = lrsSettings();
  const [endpoint, setEndpoint] = useState(current?.endpoint ?? '');
  const [username, setUsername] = useState(current?.username ?? '');
  const [password, setPassword] = useState(current?.password ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (endpoint.trim() === '') {
      await saveLrsSettings(null);
      return onClose();
    }
    try {
      const url = new URL(endpoint.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the endpoint must be an http(s) address');
      await saveLrsSettings({ endpoint: url.href, username, password });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="overlay">
      <form role="dialog" aria-modal="true" aria-label="Settings" className="dialog" onSubmit={(e) => void save(e)}>
        <h2>Settings</h2>
        <fieldset>
          <legend>Learning Record Store (xAPI)</legend>
          <label>
            Endpoint
            <input name="endpoint" type="url" placeholder="https://lrs.example.org/xapi/" value={endpoint} onChange={(e) => setEndpoint(e.target.value)} />
          </label>
          <label>
            Username
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="note">Kept in this browser only, never in attempts or exports. Leave the endpoint empty to send nothing.</p>
        </fieldset>
        <PersistenceNotice />
        {error && <p role="alert">{error}</p>}
        <div className="start">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
