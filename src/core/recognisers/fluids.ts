/**
 * bleed, haemostasis, aspirate: the scene's fluid events (src/core/world/fluids) as actions. A `bleed` comes
 * when a divided vessel starts bleeding and each time the blood lost passes another `LOSS_REPORT_ML`
 * (`volumeMl`: lost so far, so a protocol's threshold is judged within that step); `haemostasis` when a
 * bleed is controlled (`what`: clip, energy or pressure); `aspirate` when a suction run ends (`volumeMl` removed).
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAEMOSTASIS } from '../world/fluids/fluids.ts';
import { action, by, point3, round, structureName, type TickContext } from './context.ts';

const HOW = Object.fromEntries(Object.entries(HAEMOSTASIS).map(([how, code]) => [code, how])) as Record<number, string>;

export function fluidActions(ctx: TickContext, out: Action[]): void {
  for (const e of ctx.events) {
    const structure = e.structure === null ? {} : { structure: structureName(ctx, e.structure) };
    if (e.type === 'bleed') out.push(action(ctx.tick, 'bleed', { ...structure, volumeMl: round(e.value, 1), point: point3(e.point) }));
    else if (e.type === 'haemostasis' && e.structure !== null)
      out.push(action(ctx.tick, 'haemostasis', { structure: structureName(ctx, e.structure), what: HOW[e.value] ?? 'unknown', point: point3(e.point) }));
    else if (e.type === 'aspirate' && e.hand !== null)
      out.push(action(ctx.tick, 'aspirate', { ...by(e.hand, ctx.now[e.hand].instrument), volumeMl: round(e.value, 1) }));
  }
}
