import type { Body } from 'cannon-es';
import type { RenderPart } from '../anatomy/render-part.ts';
import type { StructureId } from '../anatomy/structures.ts';
import type { InstrumentState } from '../instruments/instrument-state.ts';
import type { StateHasher } from '../../kernel/hash.ts';
import type { Hand } from '../../kernel/input.ts';
import type { SceneState } from '../tissue/state-book.ts';
import type { TissueEnergy } from '../energy/tissue-energy.ts';

export type SceneName = 'skin-pad' | 'hepatobiliary' | 'pegboard';

/**
 * Which instrument tip touches which structure this tick: one record per hand, reused every tick
 * (no allocation); `active` is false when the tip touches nothing.
 */
export interface ContactEvent {
  active: boolean;
  hand: Hand;
  instrument: string | null;
  structure: StructureId | null;
  /** Index of the touched piece where a structure has several (FLS objects, pegs, fat pieces), else -1. */
  part: number;
  /** Touch point, world space (m). */
  point: [number, number, number];
  /** Centreline coordinate on tubular structures (0 gallbladder end … 1 patient side), NaN elsewhere. */
  s: number;
  /** Force between tip and tissue (N): push of the tip, or pull of the grasp. */
  force: number;
  grasping: boolean;
}

export type SceneEventType =
  | 'cut'
  | 'tear'
  | 'puncture-entry'
  | 'puncture-exit'
  | 'thread-through'
  | 'thread-cut'
  | 'grasp'
  | 'release'
  | 'needle-grasp'
  | 'needle-release'
  | 'clip'
  | 'divide'
  | 'dissect'
  | 'detach'
  | 'throw'
  | 'bleed'
  | 'heat'
  | 'haemostasis'
  | 'aspirate';

/** A discrete thing the tissue did this tick. Rare, so allocated when it happens. */
export interface SceneEvent {
  type: SceneEventType;
  hand: Hand | null;
  structure: StructureId | null;
  point: [number, number, number];
  s: number;
  /** Event-specific figure: cut depth below the skin surface (m), needle angle to the skin at a puncture (deg), clip completeness (0/1), grip fraction, signed wraps of a throw, blood lost (ml, `bleed`), thermal dose so far (contact-equivalent s, `heat`), how a bleed stopped (`haemostasis`, fluids.ts), ml aspirated… */
  value: number;
}

export interface SceneInstruments {
  current: Readonly<Record<Hand, InstrumentState>>;
  previous: Readonly<Record<Hand, InstrumentState>>;
}

/** What every scene offers the simulation and the views. */
export interface SceneBase {
  readonly name: SceneName;
  readonly renderParts: readonly RenderPart[];
  /** The scene's movable rigid bodies (in the simulation's rigid world). */
  readonly bodies: readonly Body[];
  /** Per hand (left, right), this tick. */
  readonly contacts: readonly [ContactEvent, ContactEvent];
  /** This tick's events (emptied at the start of every tick). */
  readonly events: readonly SceneEvent[];
  /** Smoke, char marks, thermal doses and grasp cues, in a scene that has them (docs/tissue.md, "Energy"). */
  readonly energy: TissueEnergy | null;
  step(instruments: SceneInstruments): void;
  snapshot(): SceneState;
  restore(state: SceneState): void;
  hash(h: StateHasher): void;
  /** Rewrites the dynamic render parts from the current state; views call it once per frame. */
  updateRenderParts(): void;
}

export function newContact(hand: Hand): ContactEvent {
  return { active: false, hand, instrument: null, structure: null, part: -1, point: [0, 0, 0], s: Number.NaN, force: 0, grasping: false };
}

export function clearContact(c: ContactEvent, instrument: string | null): void {
  c.active = false;
  c.instrument = instrument;
  c.structure = null;
  c.part = -1;
  c.s = Number.NaN;
  c.force = 0;
  c.grasping = false;
}

/** Marks the contact active on `structure` at at[o..o+2]. */
export function touchAt(c: ContactEvent, structure: StructureId, at: ArrayLike<number>, o = 0): void {
  c.active = true;
  c.structure = structure;
  c.point[0] = at[o]!;
  c.point[1] = at[o + 1]!;
  c.point[2] = at[o + 2]!;
}

export const HAND_INDEX = { left: 0, right: 1 } as const satisfies Record<Hand, 0 | 1>;
