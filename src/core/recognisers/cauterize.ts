/**
 * cauterize: energy on (Button.activate, the foot pedal) with an energy instrument touching a
 * structure. Reported when the energy stops or moves to another structure, with how long it lasted;
 * energy in the air burns nothing and is not reported.
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { Button } from '../kernel/input.ts';
import { HAND_NAMES, action, by, round, structureName, type TickContext } from './context.ts';
import { TICK_HZ } from '../kernel/clock.ts';

interface HandBurn {
  structure: string | null;
  instrument: string | null;
  since: number;
}

export interface CauterizeState {
  hands: [HandBurn, HandBurn];
}

export class CauterizeRecogniser {
  state: CauterizeState = {
    hands: [
      { structure: null, instrument: null, since: 0 },
      { structure: null, instrument: null, since: 0 },
    ],
  };

  step(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const c = ctx.contacts[h];
      const on = instrumentSpec(now.instrument)?.cauterises === true && (now.buttons & Button.activate) !== 0;
      const structure = on && c?.active && c.structure !== null ? structureName(ctx, c.structure) : null;
      const burn = this.state.hands[h]!;
      if (structure === burn.structure) continue;
      this.flush(ctx.tick, hand, burn, ctx.params.cauteryMinTicks, out);
      burn.structure = structure;
      burn.instrument = now.instrument;
      burn.since = ctx.tick;
    }
  }

  /** Reports burns still going on (at the end of an attempt). */
  finish(tick: number, minTicks: number, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const burn = this.state.hands[h]!;
      this.flush(tick, HAND_NAMES[h]!, burn, minTicks, out);
      burn.structure = null;
    }
  }

  private flush(tick: number, hand: 'left' | 'right', burn: HandBurn, minTicks: number, out: Action[]): void {
    if (burn.structure === null || tick - burn.since < minTicks) return;
    out.push(action(tick, 'cauterize', { ...by(hand, burn.instrument), structure: burn.structure, duration: round((tick - burn.since) / TICK_HZ, 3) }));
  }
}
