/**
 * Device settings in their own IndexedDB database (`scrub-settings`), apart from attempts: the LRS endpoint
 * and credentials must never end up in recordings or exports, the last chosen learner profile, the desktop keys,
 * the HUD's text size, the dominant hand.
 */
import Dexie, { type Table } from 'dexie';
import type { LrsConfig } from './lrs-client.ts';
import type { Keymap } from '../../input/keymap.ts';
import type { Hand } from '../../core/kernel/input.ts';
import type { Posture } from '../../xr/working-height.ts';

export const HUD_TEXT_SIZES = ['small', 'medium', 'large'] as const;
export type HudTextSize = (typeof HUD_TEXT_SIZES)[number];

export const SETTINGS_DB_NAME = 'scrub-settings';

interface SettingsRows {
  lrs: LrsConfig;
  profileId: string;
  /** The desktop keys as remapped on this device. */
  keymap: Keymap;
  /** When the app first asked the browser for persistent storage (navigator.storage.persist()). */
  persistAskedAtMs: number;
  /** The headset HUD's text size (the settings dialog). */
  hudTextSize: HudTextSize;
  /** The learner's dominant hand: a left-handed learner performs the procedures that allow it mirrored (docs/accessibility.md). */
  handedness: Hand;
  /** One-handed: an assistant takes the non-dominant hand in the procedures that allow it (docs/accessibility.md). */
  oneHanded: boolean;
  /** How the learner works in VR: seated, standing, or told by their eye height (the table's fit, docs/instruments.md). */
  vrPosture: Posture;
}
type Key = keyof SettingsRows;

type SettingsDb = Dexie & { settings: Table<{ key: Key; value: SettingsRows[Key] }, Key> };

export class SettingsStore {
  private readonly db: SettingsDb;

  constructor(name = SETTINGS_DB_NAME) {
    this.db = new Dexie(name) as SettingsDb;
    this.db.version(1).stores({ settings: 'key' });
  }

  async get<K extends Key>(key: K): Promise<SettingsRows[K] | null> {
    const row = await this.db.settings.get(key);
    return row ? (row.value as SettingsRows[K]) : null;
  }

  async set<K extends Key>(key: K, value: SettingsRows[K] | null): Promise<void> {
    if (value === null) await this.db.settings.delete(key);
    else await this.db.settings.put({ key, value });
  }

  close(): void {
    this.db.close();
  }
}
