/**
 * cut: scissors close on something. A tube across the blades is cut at its centreline coordinate s
 * (or the scene's `divide` event names it); the suture (the scene's `thread-cut`, or a touch) is cut with
 * the tail length measured from the knot; anything else the tips touch is cut by name (scissors closing
 * on the gallbladder perforate it). A snip the scene reports as undermining (`dissect`) is not a cut.
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { HAND_NAMES, action, by, closing, mm, point3, round, structureName, type TickContext } from './context.ts';
import { dist, frameAxis, jawCrossing, type Point } from './geometry.ts';

export class CutRecogniser {
  private readonly axis = [0, 0, 0];

  /** `knot`: where the current knot lies, for the tail length of a suture cut. */
  step(ctx: TickContext, out: Action[], knot: Point | null): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const spec = instrumentSpec(now.instrument);
      if (spec?.kind !== 'scissors' || !closing(ctx, hand)) continue;
      if (ctx.events.some((e) => e.type === 'dissect' && e.hand === hand)) continue;
      const who = by(hand, now.instrument);
      const tubes = ctx.geometry.tubes;
      const hit = tubes && tubes.length > 0 ? jawCrossing(tubes, now.tip, frameAxis(now.orientation, 2, this.axis), spec, 0) : null;
      if (hit && tubes) {
        out.push(action(ctx.tick, 'cut', { ...who, structure: tubes[hit.tube]!.structure, s: round(hit.s, 3), point: point3(hit.point) }));
        continue;
      }
      const divided = ctx.events.find((e) => (e.type === 'divide' || e.type === 'thread-cut') && e.hand === hand && e.structure !== null);
      if (divided?.structure) {
        const fields = Number.isFinite(divided.s) ? { s: round(divided.s, 3) } : {};
        const tail = divided.structure === 'suture' && knot ? { distance: mm(dist(now.tip, knot)) } : {};
        out.push(action(ctx.tick, 'cut', { ...who, structure: divided.structure, ...fields, ...tail, point: point3(divided.point) }));
        continue;
      }
      const contact = ctx.contacts[h];
      if (!contact?.active || contact.structure === null) continue;
      if (contact.structure === 'suture') {
        out.push(action(ctx.tick, 'cut', { ...who, structure: 'suture', ...(knot ? { distance: mm(dist(now.tip, knot)) } : {}) }));
      } else {
        const s = Number.isFinite(contact.s) ? { s: round(contact.s, 3) } : {};
        out.push(action(ctx.tick, 'cut', { ...who, structure: structureName(ctx, contact.structure), ...s, point: point3(contact.point) }));
      }
    }
  }
}
