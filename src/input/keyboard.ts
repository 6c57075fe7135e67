import type { ScopeInput, ToolInput } from '../core/kernel/index.ts';
import { mirrorScopeInput } from '../core/kernel/mirror.ts';
import { type DesktopInput, ROLL_STEP } from './desktop-input.ts';
import { type DesktopAction, type Keymap, actionFor, normaliseKey } from './keymap.ts';

/** What a key press asks for. The first four are the input's (KeyboardInput carries them out); the rest the screen's. */
export type KeyCommand =
  /** A number key: the protocol's instrument into the active hand (null: 0, put it down). */
  | { kind: 'pick'; instrument: string | null }
  /** Held: the trainee declares (released with the key). */
  | { kind: 'declare' }
  /** Held: the trainee decides to bail out (released with the key). */
  | { kind: 'decide' }
  | { kind: 'switchHand' }
  | { kind: 'roll'; radians: number }
  | { kind: 'pause' }
  | { kind: 'finish' }
  | { kind: 'exit' }
  /** Playback one speed faster (1) or slower (−1). */
  | { kind: 'speed'; step: 1 | -1 }
  /** The desktop loupe's next magnification. */
  | { kind: 'loupe' }
  /** The main view between the laparoscope's picture and the room (laparoscopic scenes). */
  | { kind: 'view' }
  /** Held: steers a held laparoscope (its key's axis and direction), released with the key. */
  | { kind: 'steer'; axis: keyof ScopeInput; sign: 1 | -1 };

/** The steering keys: the axis of `ToolInput.scope` each drives, and which way. */
const STEER_KEYS: Partial<Record<DesktopAction, { axis: keyof ScopeInput; sign: 1 | -1 }>> = {
  scopeLeft: { axis: 'pan', sign: -1 },
  scopeRight: { axis: 'pan', sign: 1 },
  scopeUp: { axis: 'tilt', sign: 1 },
  scopeDown: { axis: 'tilt', sign: -1 },
  scopeIn: { axis: 'zoom', sign: 1 },
  scopeOut: { axis: 'zoom', sign: -1 },
  opticLeft: { axis: 'roll', sign: -1 },
  opticRight: { axis: 'roll', sign: 1 },
};

/**
 * The mouse's controls the legend lists (fixed), before the remappable keys: `controls.mouse.<id>.{key,what}` in
 * the locales. A right drag orbits the room view; the laparoscope's picture does not orbit (its keys steer it).
 */
export function mouseControls(scopeView: boolean): readonly string[] {
  return ['move', 'button', 'wheel', scopeView ? 'rightInScope' : 'orbit', 'tilt'];
}

/** Whether an action steers a held laparoscope (listed only where the scene has one). */
export function steersScope(action: DesktopAction): boolean {
  return STEER_KEYS[action] !== undefined;
}

/**
 * The command a key (`KeyboardEvent.key`) gives: number keys pick the protocol's instruments (0 puts the
 * hand's down); the other keys are the remappable keymap, and Space pauses unless it is bound to something else.
 */
export function keyCommand(key: string, keymap: Keymap, instruments: readonly { id: string }[]): KeyCommand | null {
  const n = Number.parseInt(key, 10);
  if (n >= 0 && n <= instruments.length) return { kind: 'pick', instrument: n === 0 ? null : instruments[n - 1]!.id };
  const action = actionFor(keymap, key);
  const steer = action ? STEER_KEYS[action] : undefined;
  if (steer) return { kind: 'steer', ...steer };
  switch (action ?? (key === ' ' ? 'pause' : null)) {
    case 'declare':
      return { kind: 'declare' };
    case 'decide':
      return { kind: 'decide' };
    case 'switchHand':
      return { kind: 'switchHand' };
    case 'rollLeft':
      return { kind: 'roll', radians: -ROLL_STEP };
    case 'rollRight':
      return { kind: 'roll', radians: ROLL_STEP };
    case 'pause':
      return { kind: 'pause' };
    case 'finish':
      return { kind: 'finish' };
    case 'exit':
      return { kind: 'exit' };
    case 'slower':
      return { kind: 'speed', step: -1 };
    case 'faster':
      return { kind: 'speed', step: 1 };
    case 'loupe':
      return { kind: 'loupe' };
    case 'view':
      return { kind: 'view' };
    default:
      return null;
  }
}

/**
 * The keyboard's side of the desktop input: keys → the mouse's hand, its instrument, the declare button and,
 * where the learner may steer a held laparoscope (`steerable`), its steering: each held steering key drives its
 * axis at full speed (opposite keys cancel), written into the input's `scope`, so it is recorded with the tick.
 * `mirrored` (a left-handed learner performing mirrored: the picture is drawn reflected): the keys move the
 * picture the way the learner sees it, so ← pans and ↺ turns the canonical scope the other way
 * (`mirrorScopeInput`, docs/accessibility.md, "Left-handed").
 */
export class KeyboardInput {
  /** The steering keys held now (their keymap keys). */
  private readonly steering = new Map<string, { axis: keyof ScopeInput; sign: 1 | -1 }>();

  constructor(
    private readonly keymap: Keymap,
    private readonly desktop: DesktopInput,
    private readonly input: ToolInput,
    private readonly instruments: readonly { id: string }[],
    private readonly options: { steerable?: boolean; mirrored?: boolean } = {},
  ) {}

  /** A key went down: carries out the input's commands and returns the command, for the screen to do the rest. */
  down(key: string): KeyCommand | null {
    const command = keyCommand(key, this.keymap, this.instruments);
    switch (command?.kind) {
      case 'pick':
        // Into the input, not the simulation: the pick is part of the recorded attempt.
        this.input.hands[this.desktop.hand].instrument = command.instrument;
        break;
      case 'declare':
        this.desktop.declaring = true;
        break;
      case 'decide':
        this.desktop.deciding = true;
        break;
      case 'switchHand':
        this.desktop.hand = this.desktop.hand === 'right' ? 'left' : 'right';
        break;
      case 'roll':
        this.desktop.roll(command.radians);
        break;
      case 'steer':
        if (!this.options.steerable) return null;
        this.steering.set(normaliseKey(key), { axis: command.axis, sign: command.sign });
        this.writeSteering();
        break;
    }
    return command;
  }

  /** A key came up: releasing the declare (decide) key ends the declaration (decision), a steering key its steering. */
  up(key: string): void {
    const action = actionFor(this.keymap, key);
    if (action === 'declare') this.desktop.declaring = false;
    if (action === 'decide') this.desktop.deciding = false;
    if (this.steering.delete(normaliseKey(key))) this.writeSteering();
  }

  /** The window lost the keyboard: no key-up will come, so steering stops. */
  releaseAll(): void {
    this.steering.clear();
    this.writeSteering();
  }

  private writeSteering(): void {
    if (this.steering.size === 0) {
      delete this.input.scope;
      return;
    }
    const scope: ScopeInput = { pan: 0, tilt: 0, zoom: 0, roll: 0 };
    for (const { axis, sign } of this.steering.values()) scope[axis] += sign;
    this.input.scope = this.options.mirrored ? mirrorScopeInput(scope) : scope;
  }
}
