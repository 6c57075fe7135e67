/**
 * The desktop's keys, remappable: each action has one key (a `KeyboardEvent.key`, letters compared
 * without case). Number keys 1–9 always pick the protocol's instruments and 0 puts the instrument down, so
 * they cannot be taken.
 */
const DEFAULT_KEYS = {
  switchHand: 'h',
  declare: 'd',
  decide: 'b',
  rollLeft: 'q',
  rollRight: 'e',
  pause: 'p',
  finish: 'f',
  exit: 'Escape',
  slower: '[',
  faster: ']',
  loupe: 'z',
  view: 'v',
  scopeLeft: 'ArrowLeft',
  scopeRight: 'ArrowRight',
  scopeUp: 'ArrowUp',
  scopeDown: 'ArrowDown',
  scopeIn: '=',
  scopeOut: '-',
  opticLeft: ',',
  opticRight: '.',
};
export type DesktopAction = keyof typeof DEFAULT_KEYS;
export type Keymap = Record<DesktopAction, string>;
export const DEFAULT_KEYMAP: Keymap = DEFAULT_KEYS;
/** The remappable actions, in the controls list's order (what each does, in each language: `controls.action.<id>`). */
export const DESKTOP_ACTIONS = Object.keys(DEFAULT_KEYS) as DesktopAction[];

export function normaliseKey(key: string): string {
  return key.length === 1 ? key.toLowerCase() : key;
}

export function actionFor(keymap: Keymap, key: string): DesktopAction | null {
  const k = normaliseKey(key);
  for (const action of Object.keys(keymap) as DesktopAction[]) if (keymap[action] === k) return action;
  return null;
}

/** Why a key cannot be bound (number keys pick instruments; modifier and focus keys stay free), or null when it can. */
export function unbindable(key: string): 'number' | 'modifier' | null {
  if (/^[0-9]$/.test(key)) return 'number';
  if (key === 'Tab' || key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta') return 'modifier';
  return null;
}

/**
 * Binds `key` to `action`; the action that had that key takes the old key of `action` (a swap), so every
 * action keeps exactly one key.
 */
export function rebind(keymap: Keymap, action: DesktopAction, key: string): Keymap {
  const k = normaliseKey(key);
  const next = { ...keymap };
  const holder = actionFor(keymap, k);
  if (holder && holder !== action) next[holder] = keymap[action];
  next[action] = k;
  return next;
}

/** A stored keymap, mended: missing actions take their defaults; anything invalid or clashing restores all defaults. */
export function mendKeymap(stored: Partial<Record<string, unknown>> | null): Keymap {
  const out = { ...DEFAULT_KEYMAP };
  if (!stored) return out;
  for (const action of Object.keys(DEFAULT_KEYMAP) as DesktopAction[]) {
    const key = stored[action];
    if (typeof key === 'string' && key.length > 0 && unbindable(key) === null) out[action] = normaliseKey(key);
  }
  return new Set(Object.values(out)).size === Object.keys(out).length ? out : { ...DEFAULT_KEYMAP };
}

/** Whether every action has its default key. */
export function isDefaultKeymap(keymap: Keymap): boolean {
  return (Object.keys(DEFAULT_KEYMAP) as DesktopAction[]).every((action) => keymap[action] === DEFAULT_KEYMAP[action]);
}

const ARROWS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

/** How a key is shown in the controls list. */
export function keyLabel(key: string): string {
  if (key === ' ') return 'Space';
  const arrow = ARROWS[key];
  if (arrow) return arrow;
  if (key === 'Escape') return 'Esc';
  return key.length === 1 ? key.toUpperCase() : key;
}
