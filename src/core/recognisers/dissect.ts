/**
 * dissect: the cleared fraction of a region (the scene reports it through `cleared`, e.g. the triangle's
 * fat removed, the lower third off the liver bed, the specimen freed). Emitted each time it grows by
 * `dissectStep`, and when it reaches 1, naming the hand whose dissection or burn last cleared something.
 * Undermining deeper than `dissectPlane` (a scene `dissect` event naming a lower layer of the geometry)
 * is reported as `dissect` of that layer with fraction 0, once per snip or stroke.
 */
import type { Action } from '../vocabulary/actions.ts';
import type { Hand } from '../kernel/input.ts';
import { HAND_NAMES, action, by, round, type TickContext } from './context.ts';

export interface DissectState {
  /** Per region of params.dissectRegions: the fraction last reported. */
  reported: number[];
  /** The hand (0 left, 1 right) and instrument that last cleared tissue, or -1. */
  lastHand: number;
  lastInstrument: string | null;
  /** Per hand: the layer below the plane it reported last tick (a stroke in it is reported once), or null. */
  deep: (string | null)[];
}

export class DissectRecogniser {
  state: DissectState;

  constructor(regions: number) {
    this.state = { reported: new Array<number>(regions).fill(0), lastHand: -1, lastInstrument: null, deep: [null, null] };
  }

  step(ctx: TickContext, out: Action[]): void {
    const deep: (string | null)[] = [null, null];
    for (const event of ctx.events) {
      if (event.hand === null || (event.type !== 'dissect' && event.type !== 'detach')) continue;
      const h = event.hand === 'left' ? 0 : 1;
      this.state.lastHand = h;
      this.state.lastInstrument = ctx.now[event.hand].instrument;
      if (event.type === 'dissect' && event.structure !== null && this.belowPlane(ctx, event.structure)) deep[h] = event.structure;
    }
    for (let h = 0; h < 2; h++) {
      const layer = deep[h]!;
      if (layer !== null && layer !== this.state.deep[h]) {
        const hand = HAND_NAMES[h]!;
        out.push(action(ctx.tick, 'dissect', { ...by(hand, ctx.now[hand].instrument), structure: layer, fraction: 0 }));
      }
      this.state.deep[h] = layer;
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

  /** A layer of the geometry below the plane undermining should stay in. */
  private belowPlane(ctx: TickContext, structure: string): boolean {
    const layers = ctx.geometry.layers ?? [];
    const plane = layers.findIndex((l) => l.id === ctx.params.dissectPlane);
    const at = layers.findIndex((l) => l.id === structure);
    return plane >= 0 && at > plane;
  }
}
