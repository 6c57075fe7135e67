/**
 * cut: scissors close on something. A tube across the blades is cut at its centreline coordinate s
 * (or the scene's `divide` event names it); the suture (the scene's `thread-cut`, or a touch) is cut with
 * the tail length measured from the knot; anything else the tips touch is cut by name (scissors closing
 * on the gallbladder perforate it). A snip the scene reports as undermining (`dissect`) is not a cut.
 * A cut names every other tube across the blades (`across`) and the nearest danger structure, both from
 * the blades' mean pose over the ticks up to the closing (`PoseWindow`).
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { HAND_NAMES, action, by, closing, mm, point3, round, structureName, type TickContext } from './context.ts';
import { alsoAcross, dist, frameAxis, jawCrossings, type Point } from './geometry.ts';
import { nearestDanger, nearestFields, type PoseWindow } from './proximity.ts';

export class CutRecogniser {
  private readonly axis = [0, 0, 0];
  private readonly meanTip = [0, 0, 0];
  private readonly meanAxis = [0, 0, 0];

  /** `knot`: where the current knot lies, for the tail length of a suture cut; `poses`: the hands' recent poses. */
  step(ctx: TickContext, out: Action[], knot: Point | null, poses: PoseWindow): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const spec = instrumentSpec(now.instrument);
      if (spec?.kind !== 'scissors' || !closing(ctx, hand)) continue;
      if (ctx.events.some((e) => e.type === 'dissect' && e.hand === hand)) continue;
      const who = by(hand, now.instrument);
      const measured = poses.mean(h, this.meanTip, this.meanAxis);
      const near = (skip: readonly string[]) => nearestFields(measured ? nearestDanger(ctx, this.meanTip, this.meanAxis, spec.jawLength, skip) : null);
      const tubes = ctx.geometry.tubes;
      const crossings = tubes && tubes.length > 0 ? jawCrossings(tubes, now.tip, frameAxis(now.orientation, 2, this.axis), spec, 0) : [];
      const hit = crossings[0];
      if (hit && tubes) {
        const structure = tubes[hit.tube]!.structure;
        // What else the blades take is judged, as the distance is, over the tremor period, not at one tick.
        const across = alsoAcross(tubes, measured ? jawCrossings(tubes, this.meanTip, this.meanAxis, spec, 0) : crossings, structure);
        const acrossField = across.length > 0 ? { across } : {};
        out.push(action(ctx.tick, 'cut', { ...who, structure, ...acrossField, s: round(hit.s, 3), ...near([structure, ...across]), point: point3(hit.point) }));
        continue;
      }
      const divided = ctx.events.find((e) => (e.type === 'divide' || e.type === 'thread-cut') && e.hand === hand && e.structure !== null);
      if (divided?.structure) {
        const fields = Number.isFinite(divided.s) ? { s: round(divided.s, 3) } : {};
        const tail = divided.structure === 'suture' && knot ? { distance: mm(dist(now.tip, knot)) } : {};
        out.push(
          action(ctx.tick, 'cut', { ...who, structure: divided.structure, ...fields, ...tail, ...near([divided.structure]), point: point3(divided.point) }),
        );
        continue;
      }
      const contact = ctx.contacts[h];
      if (!contact?.active || contact.structure === null) continue;
      if (contact.structure === 'suture') {
        out.push(action(ctx.tick, 'cut', { ...who, structure: 'suture', ...(knot ? { distance: mm(dist(now.tip, knot)) } : {}) }));
      } else {
        const s = Number.isFinite(contact.s) ? { s: round(contact.s, 3) } : {};
        const structure = structureName(ctx, contact.structure);
        out.push(action(ctx.tick, 'cut', { ...who, structure, ...s, ...near([structure]), point: point3(contact.point) }));
      }
    }
  }
}
