import type { InstrumentState } from '../instruments/instrument-state.ts';
import { toWorld, type Writable } from './pose.ts';

/** What an instrument does to tissue, from its id (ids are free-form strings chosen by the protocols). */
export type ToolKind = 'none' | 'grasper' | 'needle-driver' | 'scalpel' | 'scissors' | 'hook' | 'clip-applier' | 'suction' | 'other';

/** Matches by substring so 'atraumatic-grasper', 'adson-forceps' or 'suture-scissors' all map. */
export function toolKind(instrument: string | null): ToolKind {
  if (instrument === null) return 'none';
  const id = instrument.toLowerCase();
  if (id.includes('needle-driver') || id.includes('needle-holder')) return 'needle-driver';
  if (id.includes('scalpel') || id.includes('blade')) return 'scalpel';
  if (id.includes('scissors')) return 'scissors';
  if (id.includes('hook') || id.includes('cautery')) return 'hook';
  if (id.includes('clip')) return 'clip-applier';
  if (id.includes('suction')) return 'suction';
  if (id.includes('grasp') || id.includes('forceps') || id.includes('dissector') || id.includes('maryland')) return 'grasper';
  return 'other';
}

/** Jaw threshold: closing through it grasps (or fires a clip, or cuts with scissors), opening releases. */
export const JAW_CLOSED = 0.7;

export function jawClosed(previous: number, current: number): boolean {
  return previous < JAW_CLOSED && current >= JAW_CLOSED;
}

export function jawOpened(previous: number, current: number): boolean {
  return previous >= JAW_CLOSED && current < JAW_CLOSED;
}

/** How hard closed jaws squeeze: 0 at the closing threshold … 1 shut. */
export function jawSqueeze(jaw: number): number {
  return Math.min(1, Math.max(0, (jaw - JAW_CLOSED) / (1 - JAW_CLOSED)));
}

/** A scalpel's cutting edge runs this far from its point up the blade, along the instrument's local +y (m). */
export const BLADE_LENGTH = 0.012;

/** The far end of a scalpel's cutting edge (world space) into out[o..o+2]. */
export function bladeEnd(scalpel: InstrumentState, out: Writable, o = 0): void {
  toWorld(scalpel.tip, scalpel.orientation, 0, BLADE_LENGTH, 0, out, o);
}
