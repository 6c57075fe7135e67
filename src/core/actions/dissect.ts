/**
 * dissect: the cleared fraction of a region (the scene reports it through `cleared`, e.g. the triangle's
 * fat removed, the lower third off the liver bed). Emitted each time it grows by `dissectStep`, and when
 * it reaches 1, naming the hand whose dissection or burn last cleared something.
 */
import type { Action } from '../procedure/actions.ts';
import type { Hand } from '../sim/input.ts';
import { action, by, round, type TickContext } from './context.ts';

export interface DissectState {
  /** Per region of params.dissectRegions: the fraction last reported. */
  reported: number[];
  /** The hand (0 left, 1 right) and instrument that last cleared tissue, or -1. */
  lastHand: number;
  lastInstrument: string | null;
}

export class DissectRecogniser {
  state: DissectState;

  constructor(regions: number) {
    this.state = { reported: new Array<number>(regions).fill(0), lastHand: -1, lastInstrument: null };
  }

  step(ctx: TickContext, out: Action[]): void {
    for (const event of ctx.events) {
      if (event.hand === null || (event.type !== 'dissect' && event.type !== 'detach')) continue;
      this.state.lastHand = event.hand === 'left' ? 0 : 1;
      this.state.lastInstrument = ctx.now[event.hand].instrument;
    }
    const cleared = ctx.cleared;
    if (!cleared) return;
    const regions = ctx.params.dissectRegions;
    for (let r = 0; r < regions.length; r++) {
      const structure = regions[r]!;
      const fraction = cleared[structure];
      if (fraction === undefined || !Number.isFinite(fraction)) continue;
      const reported = this.state.reported[r] ?? 0;
      const done = fraction >= 1 && reported < 1;
      if (!done && fraction < reported + ctx.params.dissectStep) continue;
      this.state.reported[r] = fraction;
      const hand: Hand | null = this.state.lastHand < 0 ? null : this.state.lastHand === 0 ? 'left' : 'right';
      out.push(action(ctx.tick, 'dissect', { ...(hand ? by(hand, this.state.lastInstrument) : {}), structure, fraction: round(Math.min(1, fraction), 3) }));
    }
  }
}
