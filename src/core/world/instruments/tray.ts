import type { Hand, ToolInput, Vec3 } from '../../kernel/input.ts';
import { TRAY_CENTRE } from '../../kernel/or-layout.ts';
import { instrumentSpec } from './catalog.ts';

/** Distance between neighbouring places on the instrument tray, left to right from the trainee (m). */
export const TRAY_SPACING = 0.055;
/** How near a hand must come to an instrument's tray place to take it or put it back (m). */
export const TRAY_REACH = 0.08;
/** Height of the places above TRAY_CENTRE: on the tray's cloth. */
const TRAY_SURFACE = 0.016;
/** Tray slots run 0…7 (catalog.ts); the tray's centre lies between slots 3 and 4. */
const MIDDLE_SLOT = 3.5;

/**
 * Where an instrument lies on the tray (world, m): the middle of the instrument, lying along z. The
 * renderer draws it here and a hand reaches here to take it. Null for an id the catalog lacks.
 */
export function trayPlace(id: string): Vec3 | null {
  const spec = instrumentSpec(id);
  if (!spec) return null;
  return [TRAY_CENTRE[0] + (spec.traySlot - MIDDLE_SLOT) * TRAY_SPACING, TRAY_CENTRE[1] + TRAY_SURFACE, TRAY_CENTRE[2]];
}

/** Whether a point lies within TRAY_REACH of the row of tray places (slots 0…7): a hand at the tray. */
export function atTray(p: readonly [number, number, number]): boolean {
  const half = MIDDLE_SLOT * TRAY_SPACING;
  const x = Math.min(TRAY_CENTRE[0] + half, Math.max(TRAY_CENTRE[0] - half, p[0]));
  return Math.hypot(p[0] - x, p[1] - (TRAY_CENTRE[1] + TRAY_SURFACE), p[2] - TRAY_CENTRE[2]) <= TRAY_REACH;
}

/**
 * A pick at the tray (VR squeeze) with the hand at `at`, among the protocol's instruments: the instrument
 * the hand holds afterwards. The place nearest `at` within TRAY_REACH decides: its instrument is taken
 * (the one held goes back to its own place), or, over the held instrument's own place, that one goes back
 * and the hand is empty (null). A place whose instrument is in the other hand is empty: the hand keeps
 * what it holds. Undefined when no place is within reach: the hand is away from the tray.
 */
export function pickAtTray(at: Vec3, held: string | null, otherHand: string | null, instruments: readonly { id: string }[]): string | null | undefined {
  let nearest: string | undefined;
  let best = TRAY_REACH;
  for (const { id } of instruments) {
    const place = trayPlace(id);
    if (!place) continue;
    const d = Math.hypot(at[0] - place[0], at[1] - place[1], at[2] - place[2]);
    if (d <= best) {
      best = d;
      nearest = id;
    }
  }
  if (nearest === undefined) return undefined;
  if (nearest === held) return null;
  return nearest === otherHand ? held : nearest;
}

/**
 * The scrub nurse: the next of the protocol's instruments for this hand (those given to it, to either
 * hand or to no hand), after the one held, round the list. The hand keeps what it holds when there is none.
 */
export function nurseHands(instruments: readonly { id: string; hand?: Hand | 'either' | undefined }[], hand: Hand, held: string | null): string | null {
  const choices = instruments.filter((i) => i.hand === undefined || i.hand === 'either' || i.hand === hand);
  if (choices.length === 0) return held;
  const current = choices.findIndex((i) => i.id === held);
  return choices[(current + 1) % choices.length]!.id;
}

/**
 * A hand's pick (a VR squeeze, or a tracked hand's pinch) with the hand at `at`: at the tray, take the
 * instrument there or put the held one back; away from it (with `nurse`), the scrub nurse hands over the
 * protocol's next instrument for this hand. Written into the input, not the simulation: the pick is part
 * of the recorded attempt.
 */
export function pickWithHand(
  input: ToolInput,
  hand: Hand,
  at: Vec3,
  nurse: boolean,
  instruments: readonly { id: string; hand?: Hand | 'either' | undefined }[],
): void {
  const held = input.hands[hand];
  const picked = pickAtTray(at, held.instrument, input.hands[hand === 'left' ? 'right' : 'left'].instrument, instruments);
  if (picked !== undefined) held.instrument = picked;
  else if (nurse) held.instrument = nurseHands(instruments, hand, held.instrument);
}
