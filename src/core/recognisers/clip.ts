/**
 * clip: the clip applier's jaws close with a clip loaded. Where the scene's tubular structures are
 * known, the clip is judged over its bite: the jaws' pose is averaged over the closing tick and the
 * ticks they stay closed (up to `clipBiteTicks`, a tremor period), then the clip goes on the tube lying
 * between those jaws, where the vessel is now, and is complete when the vessel's whole width lies
 * between the tips and the hinge. The same mean pose gives the clip's angle off perpendicular to the
 * vessel, every other vessel the jaws take (`across`) and the nearest danger structure. Otherwise the
 * scene's own `clip` event is used. A clip is loaded again each time the jaws open (the magazine,
 * src/core/world/instruments/clip-magazine.ts).
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { fireClip, fullMagazine, loadClip, type ClipMagazine } from '../world/instruments/clip-magazine.ts';
import type { InstrumentState } from '../world/instruments/instrument-state.ts';
import type { Hand } from '../kernel/input.ts';
import { HAND_NAMES, action, by, closing, opening, point3, round, type TickContext } from './context.ts';
import { alsoAcross, frameAxis, jawCrossings } from './geometry.ts';
import { nearestDanger, nearestFields } from './proximity.ts';

/** A clip closing on a vessel: the jaws' tip and clamping-line direction summed over its ticks so far. */
export interface ClipBite {
  instrument: string;
  ticks: number;
  tip: [number, number, number];
  axis: [number, number, number];
}

export interface ClipState {
  magazines: [ClipMagazine, ClipMagazine];
  bites: [ClipBite | null, ClipBite | null];
}

export class ClipRecogniser {
  state: ClipState = { magazines: [fullMagazine(), fullMagazine()], bites: [null, null] };
  private readonly axis = [0, 0, 0];

  step(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const bite = this.state.bites[h]!;
      if (bite !== null) {
        const held = now.instrument === bite.instrument && now.jaw >= ctx.params.jawClosed;
        if (held) this.bite(bite, now);
        if (!held || bite.ticks >= ctx.params.clipBiteTicks) this.judge(ctx, h, out);
      }
      const spec = instrumentSpec(now.instrument);
      if (!spec?.clips) continue;
      const magazine = this.state.magazines[h]!;
      if (opening(ctx, hand)) loadClip(magazine);
      if (!closing(ctx, hand) || !fireClip(magazine)) continue;
      if (ctx.geometry.tubes && ctx.geometry.tubes.length > 0) {
        const started: ClipBite = { instrument: spec.id, ticks: 0, tip: [0, 0, 0], axis: [0, 0, 0] };
        this.state.bites[h] = started;
        this.bite(started, now);
        if (started.ticks >= ctx.params.clipBiteTicks) this.judge(ctx, h, out);
        continue;
      }
      for (const event of ctx.events) {
        if (event.type !== 'clip' || event.hand !== hand || event.structure === null) continue;
        out.push(
          action(ctx.tick, 'clip', {
            ...by(hand, now.instrument),
            structure: event.structure,
            s: round(event.s, 3),
            complete: event.value >= 0.5,
            point: point3(event.point),
          }),
        );
      }
    }
  }

  /** The attempt ends: clips still closing are judged over the ticks they had. */
  finish(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) if (this.state.bites[h] !== null) this.judge(ctx, h, out);
  }

  private bite(bite: ClipBite, now: InstrumentState): void {
    frameAxis(now.orientation, 2, this.axis);
    for (let k = 0; k < 3; k++) {
      bite.tip[k] = bite.tip[k]! + now.tip[k]!;
      bite.axis[k] = bite.axis[k]! + this.axis[k]!;
    }
    bite.ticks++;
  }

  /** The clip goes where the jaws were on average over the bite, on the vessel where it lies now. */
  private judge(ctx: TickContext, h: number, out: Action[]): void {
    const bite = this.state.bites[h]!;
    this.state.bites[h] = null;
    const spec = instrumentSpec(bite.instrument);
    const tubes = ctx.geometry.tubes;
    if (!spec || !tubes) return;
    const n = Math.hypot(...bite.axis) || 1;
    const tip = bite.tip.map((x) => x / bite.ticks);
    const axis = bite.axis.map((x) => x / n);
    const crossings = jawCrossings(tubes, tip, axis, spec, ctx.params.clipSpanTolerance);
    const hit = crossings[0];
    if (hit === undefined) return;
    const hand: Hand = HAND_NAMES[h]!;
    const structure = tubes[hit.tube]!.structure;
    const across = alsoAcross(tubes, crossings, structure);
    out.push(
      action(ctx.tick, 'clip', {
        ...by(hand, bite.instrument),
        structure,
        ...(across.length > 0 ? { across } : {}),
        s: round(hit.s, 3),
        complete: hit.spans,
        angle: round(hit.obliqueDeg, 1),
        ...nearestFields(nearestDanger(ctx, tip, axis, spec.jawLength, [structure, ...across])),
        point: point3(hit.point),
      }),
    );
  }
}
