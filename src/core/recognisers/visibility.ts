/**
 * visibility: an instrument tip leaves or re-enters the camera's view (geometry.view), once it has stayed
 * out (or in) for `visibilityTicks`, so a tip skimming the edge does not flicker. A tip can only leave a view
 * it has been in: from the moment a hand takes an instrument up (the resting tip sits beside its port, out of
 * the picture) until that tip first stays in view, nothing is reported, and its first entry is silent.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, action, type TickContext } from './context.ts';
import { inView } from './geometry.ts';

/** `reported`: the tip has not yet been in view since its hand took the instrument up. */
const NOT_YET_IN = -1;

export interface VisibilityState {
  /** Per hand: 1 in view, 0 out (as last reported) or `NOT_YET_IN`, and ticks the opposite has lasted. */
  reported: [number, number];
  pending: [number, number];
}

export class VisibilityRecogniser {
  state: VisibilityState = { reported: [NOT_YET_IN, NOT_YET_IN], pending: [0, 0] };

  step(ctx: TickContext, out: Action[]): void {
    if (!ctx.geometry.view) return;
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      if (now.instrument === null) {
        this.state.reported[h] = NOT_YET_IN;
        this.state.pending[h] = 0;
        continue;
      }
      const seen = inView(ctx.geometry, now.tip) ? 1 : 0;
      const reported = this.state.reported[h];
      // Not yet in: out of view is where it started (no change); in view is the change to wait out.
      if (seen === reported || (reported === NOT_YET_IN && seen === 0)) {
        this.state.pending[h] = 0;
        continue;
      }
      const pending = (this.state.pending[h] ?? 0) + 1;
      this.state.pending[h] = pending;
      if (pending < ctx.params.visibilityTicks) continue;
      this.state.reported[h] = seen;
      this.state.pending[h] = 0;
      if (reported !== NOT_YET_IN) out.push(action(ctx.tick, 'visibility', { hand, instrument: now.instrument, inView: seen === 1 }));
    }
  }
}
