/**
 * clip: the clip applier's jaws close with a clip loaded. Where the scene's tubular structures are
 * known, the clip goes on the tube across the jaws and is complete when the vessel lies wholly between
 * the tips and the hinge; otherwise the scene's own `clip` event is used. A clip is loaded again each
 * time the jaws open (the magazine, src/core/world/instruments/clip-magazine.ts).
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { fireClip, fullMagazine, loadClip, type ClipMagazine } from '../world/instruments/clip-magazine.ts';
import { HAND_NAMES, action, by, closing, opening, point3, round, type TickContext } from './context.ts';
import { jawCrossing } from './geometry.ts';

export interface ClipState {
  magazines: [ClipMagazine, ClipMagazine];
}

export class ClipRecogniser {
  state: ClipState = { magazines: [fullMagazine(), fullMagazine()] };
  private readonly axis = [0, 0, 0];

  step(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const spec = instrumentSpec(now.instrument);
      if (!spec?.clips) continue;
      const magazine = this.state.magazines[h]!;
      if (opening(ctx, hand)) loadClip(magazine);
      if (!closing(ctx, hand) || !fireClip(magazine)) continue;
      const tubes = ctx.geometry.tubes;
      if (tubes && tubes.length > 0) {
        const hit = jawCrossing(tubes, now.tip, now.orientation, spec.jawLength, spec.jawWidth, ctx.params.clipSpanTolerance, this.axis);
        if (hit === null) continue;
        out.push(action(ctx.tick, 'clip', { ...by(hand, now.instrument), structure: tubes[hit.tube]!.structure, s: round(hit.s, 3), complete: hit.spans, point: point3(hit.point) }));
        continue;
      }
      for (const event of ctx.events) {
        if (event.type !== 'clip' || event.hand !== hand || event.structure === null) continue;
        out.push(action(ctx.tick, 'clip', { ...by(hand, now.instrument), structure: event.structure, s: round(event.s, 3), complete: event.value >= 0.5, point: point3(event.point) }));
      }
    }
  }
}
