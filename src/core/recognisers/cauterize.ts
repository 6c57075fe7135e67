/**
 * cauterize: energy on (Button.activate, the foot pedal) with an energy instrument touching a
 * structure. Reported when the energy stops or moves to another structure, with how long it lasted;
 * energy in the air burns nothing and is not reported. A burn names the danger structure its tip came
 * nearest, at the closest of the tip's means over `proximityTicks` (a tremor period; `PoseWindow`).
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { Button } from '../kernel/input.ts';
import { HAND_NAMES, action, by, round, structureName, type TickContext } from './context.ts';
import { nearestDanger, nearestFields, type Nearest, type PoseWindow } from './proximity.ts';
import { TICK_HZ } from '../kernel/clock.ts';

interface HandBurn {
  structure: string | null;
  instrument: string | null;
  since: number;
  /** The danger structure the tip has come nearest during this burn. */
  nearest: Nearest | null;
}

export interface CauterizeState {
  hands: [HandBurn, HandBurn];
}

export class CauterizeRecogniser {
  state: CauterizeState = {
    hands: [
      { structure: null, instrument: null, since: 0, nearest: null },
      { structure: null, instrument: null, since: 0, nearest: null },
    ],
  };

  private readonly tip = [0, 0, 0];
  private readonly axis = [0, 0, 0];

  /** `poses`: the hands' recent poses. */
  step(ctx: TickContext, out: Action[], poses: PoseWindow): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const c = ctx.contacts[h];
      const on = instrumentSpec(now.instrument)?.cauterises === true && (now.buttons & Button.activate) !== 0;
      const structure = on && c?.active && c.structure !== null ? structureName(ctx, c.structure) : null;
      const burn = this.state.hands[h]!;
      if (structure !== burn.structure) {
        this.flush(ctx.tick, hand, burn, ctx.params.cauteryMinTicks, out);
        burn.structure = structure;
        burn.instrument = now.instrument;
        burn.since = ctx.tick;
        burn.nearest = null;
      }
      if (structure === null || !poses.mean(h, this.tip, this.axis)) continue;
      const near = nearestDanger(ctx, this.tip, this.axis, 0, [structure]);
      if (near !== null && (burn.nearest === null || near.distance < burn.nearest.distance)) burn.nearest = near;
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
    out.push(
      action(tick, 'cauterize', {
        ...by(hand, burn.instrument),
        structure: burn.structure,
        duration: round((tick - burn.since) / TICK_HZ, 3),
        ...nearestFields(burn.nearest),
      }),
    );
  }
}
