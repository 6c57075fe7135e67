/**
 * contact: an instrument touches a structure (its force). Reported when a contact begins and then only
 * when the force has grown by `contactForceStep` and `contactIntervalTicks` have passed, so a long
 * press gives a handful of lines, not 120 a second.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, action, by, round, structureName, type TickContext } from './context.ts';

interface HandContact {
  structure: string | null;
  lastTick: number;
  lastForce: number;
}

export interface ContactState {
  hands: [HandContact, HandContact];
}

export class ContactRecogniser {
  state: ContactState = {
    hands: [
      { structure: null, lastTick: 0, lastForce: 0 },
      { structure: null, lastTick: 0, lastForce: 0 },
    ],
  };

  step(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const c = ctx.contacts[h];
      const s = this.state.hands[h]!;
      if (!c?.active || c.structure === null || ctx.now[hand].instrument === null) {
        s.structure = null;
        continue;
      }
      const structure = structureName(ctx, c.structure);
      const isNew = structure !== s.structure;
      const harder = ctx.tick - s.lastTick >= ctx.params.contactIntervalTicks && c.force >= s.lastForce + ctx.params.contactForceStep;
      if (!isNew && !harder) continue;
      s.structure = structure;
      s.lastTick = ctx.tick;
      s.lastForce = c.force;
      out.push(action(ctx.tick, 'contact', { ...by(hand, ctx.now[hand].instrument), structure, force: round(c.force, 2) }));
    }
  }
}
