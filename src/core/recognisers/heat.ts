/**
 * heat: a structure's thermal dose (src/core/world/energy/thermal-dose.ts) passed another `HEAT_REPORT_STEP`
 * (`dose`: contact-equivalent seconds so far, so a protocol's threshold is judged within that step). Heat
 * reaches structures the hook never touched: its lateral spread (docs/tissue.md, "Energy").
 */
import type { Action } from '../vocabulary/actions.ts';
import { action, by, point3, round, structureName, type TickContext } from './context.ts';

export function heatActions(ctx: TickContext, out: Action[]): void {
  for (const e of ctx.events) {
    if (e.type !== 'heat' || e.structure === null) continue;
    const hand = e.hand === null ? {} : by(e.hand, ctx.now[e.hand].instrument);
    out.push(action(ctx.tick, 'heat', { ...hand, structure: structureName(ctx, e.structure), dose: round(e.value, 2), point: point3(e.point) }));
  }
}
