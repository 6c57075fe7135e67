/** What every recogniser reads in a tick, and the small helpers they share. */
import type { Action, ActionType } from '../vocabulary/actions.ts';
import type { InstrumentState } from '../world/instruments/instrument-state.ts';
import type { ContactEvent, SceneEvent } from '../world/scenes/types.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import type { Hand } from '../kernel/input.ts';
import type { RecogniserParams } from './params.ts';
import type { SceneGeometry } from './geometry.ts';

export interface RecogniserInstruments {
  current: Readonly<Record<Hand, InstrumentState>>;
  previous: Readonly<Record<Hand, InstrumentState>>;
}

/**
 * The scene as the recognisers see it. Every `SceneBase` has `contacts` and `events`; `geometry` and
 * `cleared` are what the scenes do not report yet (see docs/actions.md), supplied by the caller.
 */
export interface RecogniserScene {
  /** Per hand: [left, right]. */
  readonly contacts: readonly ContactEvent[];
  readonly events: readonly SceneEvent[];
  readonly geometry?: SceneGeometry | undefined;
  /** Cleared (exposed, freed) fraction 0…1 of regions, by structure id, this tick. */
  readonly cleared?: Readonly<Record<string, number>> | undefined;
}

export interface TickContext {
  tick: number;
  params: RecogniserParams;
  now: Readonly<Record<Hand, InstrumentState>>;
  before: Readonly<Record<Hand, InstrumentState>>;
  contacts: readonly ContactEvent[];
  events: readonly SceneEvent[];
  geometry: SceneGeometry;
  cleared: Readonly<Record<string, number>> | undefined;
}

export const HAND_NAMES: readonly [Hand, Hand] = ['left', 'right'];

/** A fresh action stamped with its tick and time; `fields` must not contain undefined values. */
export function action(tick: number, type: ActionType, fields: Omit<Action, 't' | 'type' | 'tick'>): Action {
  return { t: tick / TICK_HZ, tick, type, ...fields };
}

/** hand and instrument fields of an action by a hand. */
export function by(hand: Hand, instrument: string | null): Pick<Action, 'hand' | 'instrument'> {
  return instrument === null ? { hand } : { hand, instrument };
}

export function closing(ctx: TickContext, hand: Hand): boolean {
  return ctx.before[hand].jaw < ctx.params.jawClosed && ctx.now[hand].jaw >= ctx.params.jawClosed;
}

export function opening(ctx: TickContext, hand: Hand): boolean {
  return ctx.before[hand].jaw >= ctx.params.jawClosed && ctx.now[hand].jaw < ctx.params.jawClosed;
}

/** The structure id the engine knows for a scene structure. */
export function structureName(ctx: TickContext, structure: string): string {
  return ctx.params.structureAliases[structure] ?? structure;
}

/** The movable object a scene event is about: FLS rings are o1…o6 by part index; null for tissue. */
export function objectOf(event: SceneEvent): string | null {
  if (event.structure === 'fls-object') return `o${event.value + 1}`;
  if (event.structure === 'needle') return 'needle';
  if ((event.structure as string) === 'specimen') return 'specimen';
  return null;
}

/** Rounds for the log: figures beyond these digits are noise and make logs longer. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function mm(metres: number): number {
  return round(metres * 1000, 2);
}

export function point3(p: ArrayLike<number>): [number, number, number] {
  return [round(p[0]!, 5), round(p[1]!, 5), round(p[2]!, 5)];
}
