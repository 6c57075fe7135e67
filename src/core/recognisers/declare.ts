/**
 * declare and decide: a button held for a while declares something or makes a decision
 * (params.declarations: button → what or decision, so a school can remap it without code). Fires once per press.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, action, type TickContext } from './context.ts';

export interface DeclareState {
  /** Per declaration, per hand (left, right): ticks the button has been held, or -1 once fired. */
  held: number[];
}

export class DeclareRecogniser {
  state: DeclareState;

  constructor(declarations: number) {
    this.state = { held: new Array<number>(2 * declarations).fill(0) };
  }

  step(ctx: TickContext, out: Action[]): void {
    const declarations = ctx.params.declarations;
    for (let d = 0; d < declarations.length; d++) {
      const decl = declarations[d]!;
      for (let h = 0; h < 2; h++) {
        const hand = HAND_NAMES[h]!;
        const k = 2 * d + h;
        if ((ctx.now[hand].buttons & decl.button) === 0) {
          this.state.held[k] = 0;
          continue;
        }
        const held = this.state.held[k]!;
        if (held < 0) continue;
        this.state.held[k] = held + 1;
        if (held + 1 < decl.holdTicks) continue;
        this.state.held[k] = -1;
        out.push('what' in decl ? action(ctx.tick, 'declare', { hand, what: decl.what }) : action(ctx.tick, 'decide', { hand, decision: decl.decision }));
      }
    }
  }
}
