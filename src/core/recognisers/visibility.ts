/**
 * visibility: an instrument tip leaves or re-enters the camera's view (geometry.view), once it has stayed
 * out (or in) for `visibilityTicks`, so a tip skimming the edge does not flicker.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, action, type TickContext } from './context.ts';
import { inView } from './geometry.ts';

export interface VisibilityState {
  /** Per hand: 1 in view, 0 out (as last reported), and ticks the opposite has lasted. */
  reported: [number, number];
  pending: [number, number];
}

export class VisibilityRecogniser {
  state: VisibilityState = { reported: [1, 1], pending: [0, 0] };

  step(ctx: TickContext, out: Action[]): void {
    if (!ctx.geometry.view) return;
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      if (now.instrument === null) continue;
      const seen = inView(ctx.geometry, now.tip) ? 1 : 0;
      if (seen === this.state.reported[h]) {
        this.state.pending[h] = 0;
        continue;
      }
      const pending = (this.state.pending[h] ?? 0) + 1;
      this.state.pending[h] = pending;
      if (pending < ctx.params.visibilityTicks) continue;
      this.state.reported[h] = seen;
      this.state.pending[h] = 0;
      out.push(action(ctx.tick, 'visibility', { hand, instrument: now.instrument, inView: seen === 1 }));
    }
  }
}
