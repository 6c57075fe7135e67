/** Scripted instrument motion for recogniser tests: set the hands, add contacts and events, tick. */
import { Recognisers } from '../../../src/core/recognisers/recognisers.ts';
import type { RecogniserParams } from '../../../src/core/recognisers/params.ts';
import type { SceneGeometry } from '../../../src/core/recognisers/geometry.ts';
import { copyInstrumentState, createInstrumentState, type InstrumentState } from '../../../src/core/world/instruments/instrument-state.ts';
import type { Action } from '../../../src/core/vocabulary/actions.ts';
import { newContact, type ContactEvent, type SceneEvent } from '../../../src/core/world/scenes/types.ts';
import { idleInput, type Hand, type Quat } from '../../../src/core/kernel/input.ts';

export interface HandChange {
  instrument?: string | null;
  tip?: [number, number, number];
  orientation?: Quat;
  jaw?: number;
  buttons?: number;
}

export class Script {
  readonly rec: Recognisers;
  tick = 0;
  readonly now: Record<Hand, InstrumentState>;
  readonly before: Record<Hand, InstrumentState>;
  readonly contacts: [ContactEvent, ContactEvent] = [newContact('left'), newContact('right')];
  events: SceneEvent[] = [];
  geometry: SceneGeometry = {};
  cleared: Record<string, number> | undefined = undefined;
  readonly log: Action[] = [];

  constructor(params: Partial<RecogniserParams> = {}) {
    this.rec = new Recognisers(params);
    const idle = idleInput();
    this.now = { left: createInstrumentState('left', idle.hands.left), right: createInstrumentState('right', idle.hands.right) };
    this.before = { left: createInstrumentState('left', idle.hands.left), right: createInstrumentState('right', idle.hands.right) };
  }

  set(hand: Hand, change: HandChange): this {
    const s = this.now[hand];
    if (change.instrument !== undefined) s.instrument = change.instrument;
    if (change.tip) s.tip = [...change.tip];
    if (change.orientation) s.orientation = [...change.orientation];
    if (change.jaw !== undefined) s.jaw = change.jaw;
    if (change.buttons !== undefined) s.buttons = change.buttons;
    return this;
  }

  touch(hand: Hand, change: Partial<Omit<ContactEvent, 'hand'>>): this {
    Object.assign(this.contacts[hand === 'left' ? 0 : 1], { active: true, ...change });
    return this;
  }

  event(type: SceneEvent['type'], hand: Hand | null, structure: string | null, point: [number, number, number], value = 0, s = Number.NaN): this {
    this.events.push({ type, hand, structure: structure as SceneEvent['structure'], point, s, value });
    return this;
  }

  /** One tick with the changes above: previous ← the last tick's state, then step. Returns its actions. */
  step(changes: Partial<Record<Hand, HandChange>> = {}): Action[] {
    for (const hand of ['left', 'right'] as const) {
      copyInstrumentState(this.now[hand], this.before[hand]);
      const change = changes[hand];
      if (change) this.set(hand, change);
    }
    const actions = [
      ...this.rec.step(
        this.tick,
        { current: this.now, previous: this.before },
        {
          contacts: this.contacts,
          events: this.events,
          geometry: this.geometry,
          cleared: this.cleared,
        },
      ),
    ];
    this.log.push(...actions);
    this.events = [];
    this.tick++;
    return actions;
  }

  /** Ticks n times with no changes; the actions of all of them. */
  idle(n: number): Action[] {
    const all: Action[] = [];
    for (let i = 0; i < n; i++) all.push(...this.step());
    return all;
  }
}

/** Rotation of `angle` radians about a unit axis. */
export function axisAngle(axis: [number, number, number], angle: number): Quat {
  const s = Math.sin(angle / 2);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}
