import type { Hand, ToolInput } from '../core/kernel/index.ts';

/**
 * What the instrument views read of a session: a live attempt (`LiveSession`), a replay (`ReplaySession`,
 * always `paused`: it draws the simulation's poses), or the expert's ghost.
 */
export interface DrawnSession {
  readonly paused: boolean;
  readonly world: { readonly hands: Record<Hand, { instrument: string | null; tip: ArrayLike<number>; orientation: ArrayLike<number>; jaw: number }> };
  readonly input: ToolInput;
  /** A live one-handed attempt's assistant: its hand is drawn as simulated, the learner's input for it being ignored. */
  readonly assistant?: { readonly hand: Hand } | null;
}

/** What a hand's instrument is drawn with: which instrument, where, and how closed its jaws are. */
export interface DrawnHand {
  instrument: string | null;
  position: ArrayLike<number>;
  orientation: ArrayLike<number>;
  jaw: number;
}

/**
 * Writes into `out` what to draw for a hand this frame: the input read in this very frame (FrameLoop
 * runs first), not the last tick's state, which may predate it, so the instrument adds no frame of latency
 * to the hand; paused, or the one-handed mode's assistant's hand, the simulation's own pose (what stands still;
 * what the assistant did).
 */
export function drawnHand(session: DrawnSession, hand: Hand, out: DrawnHand): DrawnHand {
  if (session.paused || session.assistant?.hand === hand) {
    const sim = session.world.hands[hand];
    out.instrument = sim.instrument;
    out.position = sim.tip;
    out.orientation = sim.orientation;
    out.jaw = sim.jaw;
  } else {
    const input = session.input.hands[hand];
    out.instrument = input.instrument;
    out.position = input.pose.position;
    out.orientation = input.pose.orientation;
    out.jaw = input.jaw;
  }
  return out;
}

export function emptyDrawnHand(): DrawnHand {
  return { instrument: null, position: [0, 0, 0], orientation: [0, 0, 0, 1], jaw: 0 };
}
