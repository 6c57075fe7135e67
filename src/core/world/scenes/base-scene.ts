import type { Body } from 'cannon-es';
import type { RenderPart } from '../anatomy/render-part.ts';
import type { StructureId } from '../anatomy/structures.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import type { StateHasher } from '../../kernel/hash.ts';
import { HANDS, type Hand } from '../../kernel/input.ts';
import type { SceneState, StateBook } from '../tissue/state-book.ts';
import type { TissueEnergy } from '../energy/tissue-energy.ts';
import {
  HAND_INDEX,
  clearContact,
  newContact,
  type ContactEvent,
  type SceneBase,
  type SceneEvent,
  type SceneEventType,
  type SceneInstruments,
  type SceneName,
} from './types.ts';

/** Records one event of this tick at at[o..o+2]. */
export type Emit = (type: SceneEventType, hand: Hand | null, structure: StructureId | null, at: ArrayLike<number>, o: number, s: number, value: number) => void;

/**
 * The plumbing every scene shares: the contact per hand and this tick's events, a tick that empties the
 * events, advances the scene and then finds each hand's contact, and snapshot, restore and hash read
 * from the scene's one StateBook.
 */
export abstract class BaseScene implements SceneBase {
  abstract readonly name: SceneName;
  abstract readonly renderParts: readonly RenderPart[];
  abstract readonly bodies: readonly Body[];
  readonly contacts: [ContactEvent, ContactEvent] = [newContact('left'), newContact('right')];
  readonly events: SceneEvent[] = [];
  readonly energy: TissueEnergy | null = null;
  /** Every piece of the scene's mutable state, registered once. */
  protected abstract readonly book: StateBook;

  /** An arrow, so the scene can hand it to its parts. */
  protected readonly emit: Emit = (type, hand, structure, at, o, s, value) => {
    this.events.push({ type, hand, structure, point: [at[o]!, at[o + 1]!, at[o + 2]!], s, value });
  };

  step(instruments: SceneInstruments): void {
    if (this.events.length > 0) this.events.length = 0;
    this.advance(instruments);
    for (const hand of HANDS) {
      const now = instruments.current[hand];
      const c = this.contacts[HAND_INDEX[hand]];
      clearContact(c, now.instrument);
      if (now.instrument !== null) this.findContact(c, now);
    }
  }

  /** One tick of the scene, before the contacts are read. */
  protected abstract advance(instruments: SceneInstruments): void;

  /** Fills the cleared contact of the hand holding `now` (an instrument is in it). */
  protected abstract findContact(c: ContactEvent, now: InstrumentState): void;

  snapshot(): SceneState {
    return this.book.save();
  }

  restore(state: SceneState): void {
    this.book.load(state);
    this.afterRestore();
    this.updateRenderParts();
  }

  /** Re-derives what the book does not hold from what it does. */
  protected abstract afterRestore(): void;

  hash(h: StateHasher): void {
    this.book.hash(h);
  }

  abstract updateRenderParts(): void;
}
