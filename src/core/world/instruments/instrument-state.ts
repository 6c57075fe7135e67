import type { Hand, HandInput, Quat, Vec3 } from '../../kernel/input.ts';
import { FIXED_DT } from '../../kernel/clock.ts';

/** Seconds for the jaws to go from fully open to fully closed. */
export const JAW_CLOSE_SECONDS = 0.15;

/** What the simulation knows about the instrument in one hand. */
export interface InstrumentState {
  hand: Hand;
  instrument: string | null;
  tip: Vec3;
  orientation: Quat;
  /** 0 open … 1 closed; follows the input at a finite speed, as real jaws do. */
  jaw: number;
  buttons: number;
}

export function createInstrumentState(hand: Hand, input: HandInput): InstrumentState {
  return {
    hand,
    instrument: input.instrument,
    tip: [...input.pose.position],
    orientation: [...input.pose.orientation],
    jaw: clamp01(input.jaw),
    buttons: input.buttons,
  };
}

/** Poses the instrument from this tick's input. Mutates in place: this runs every tick. */
export function applyHandInput(state: InstrumentState, input: HandInput): void {
  state.instrument = input.instrument;
  const p = input.pose.position;
  const q = input.pose.orientation;
  state.tip[0] = finiteOr(p[0], state.tip[0]);
  state.tip[1] = finiteOr(p[1], state.tip[1]);
  state.tip[2] = finiteOr(p[2], state.tip[2]);
  const len = Math.hypot(q[0], q[1], q[2], q[3]);
  if (Number.isFinite(len) && len > 1e-9) {
    state.orientation[0] = q[0] / len;
    state.orientation[1] = q[1] / len;
    state.orientation[2] = q[2] / len;
    state.orientation[3] = q[3] / len;
  }
  const target = clamp01(finiteOr(input.jaw, state.jaw));
  const maxDelta = FIXED_DT / JAW_CLOSE_SECONDS;
  state.jaw += Math.max(-maxDelta, Math.min(maxDelta, target - state.jaw));
  state.buttons = input.buttons | 0;
}

export function copyInstrumentState(from: InstrumentState, to: InstrumentState): void {
  to.instrument = from.instrument;
  to.tip[0] = from.tip[0];
  to.tip[1] = from.tip[1];
  to.tip[2] = from.tip[2];
  to.orientation[0] = from.orientation[0];
  to.orientation[1] = from.orientation[1];
  to.orientation[2] = from.orientation[2];
  to.orientation[3] = from.orientation[3];
  to.jaw = from.jaw;
  to.buttons = from.buttons;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function finiteOr(x: number, fallback: number): number {
  return Number.isFinite(x) ? x : fallback;
}

/** Whether an instrument is where and as it was (same instrument, pose and jaws): it held still this tick. */
export function heldStill(before: InstrumentState, now: InstrumentState): boolean {
  if (before.instrument !== now.instrument || before.jaw !== now.jaw) return false;
  for (let k = 0; k < 3; k++) if (before.tip[k] !== now.tip[k]) return false;
  for (let k = 0; k < 4; k++) if (before.orientation[k] !== now.orientation[k]) return false;
  return true;
}
