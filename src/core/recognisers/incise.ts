/**
 * incise: one scalpel stroke, from the blade entering the skin (`surfaceContact` below geometry.surfaceY)
 * to leaving it (`surfaceContact` above: a blade wobbling at the surface is still in the same stroke).
 * Reports the deepest layer reached (geometry.layers), depth (mm), the mean blade angle off
 * perpendicular (the blade's flat faces, ±x of its tip frame, should stay horizontal-normal: bevel =
 * asin |x · up|), and, around a lesion, the side (`what`: a or b of the tension-line axis through it)
 * and the closest approach to the lesion's edge (`margin`, mm); after a marking, the mean distance of the
 * stroke from it along its length (`distance`, mm). Margin and distance are of the steadied path (steady.ts): where the
 * blade went, not the farthest twitch of a tremor. Strokes shorter than `minStroke` are taps; strokes in which the scene
 * reported undermining (`dissect` events of that hand: a blade laid flat under the skin) are not incisions.
 */
import type { Action } from '../vocabulary/actions.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { HAND_NAMES, action, by, mm, round, type TickContext } from './context.ts';
import { frameAxis, layerAt } from './geometry.ts';
import { distanceToMarking } from './mark.ts';
import { steady, steadyTip, type SteadyTip } from './steady.ts';

interface Stroke {
  active: boolean;
  length: number;
  depth: number;
  deepest: number;
  bevelSum: number;
  samples: number;
  last: [number, number, number];
  margin: number;
  side: number;
  /** Sum of the distances from the marking (m) of the steadied path every `pathSpacing` along it, and their count. */
  deviation: number;
  deviationSamples: number;
  /** Where the steadied path was last sampled for the distance (x z, m). */
  sampled: [number, number];
  undermining: boolean;
}

export interface InciseState {
  hands: [Stroke, Stroke];
  /** Per hand: the blade's tip with its tremor filtered out. */
  steady: [SteadyTip, SteadyTip];
}

const idle = (): Stroke => ({
  active: false,
  length: 0,
  depth: 0,
  deepest: 0,
  bevelSum: 0,
  samples: 0,
  last: [0, 0, 0],
  margin: 0,
  side: 0,
  deviation: 0,
  deviationSamples: 0,
  sampled: [0, 0],
  undermining: false,
});

export class InciseRecogniser {
  state: InciseState = { hands: [idle(), idle()], steady: [steadyTip(), steadyTip()] };
  private readonly axis = [0, 0, 0];

  /** `marking`: the latest finished skin marking (x z pairs), or null. */
  step(ctx: TickContext, out: Action[], marking: readonly number[] | null): void {
    const surface = ctx.geometry.surfaceY;
    if (surface === undefined) return;
    const contact = ctx.params.surfaceContact;
    for (let h = 0; h < 2; h++) {
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      const st = this.state.hands[h]!;
      const filter = this.state.steady[h]!;
      const blade = instrumentSpec(now.instrument)?.kind === 'blade';
      if (!blade) filter.primed = false;
      const depth = surface - now.tip[1];
      if (st.active && (!blade || depth < -contact)) {
        st.active = false;
        if (st.length >= ctx.params.minStroke && !st.undermining) this.emit(ctx, out, hand, st);
      }
      if (!blade) continue;
      const tip = steady(filter, now.tip, ctx.params.tremorFilterTicks);
      if (!st.active && depth > contact) this.start(st, now.tip, tip);
      if (!st.active || depth <= 0) continue;
      this.sample(ctx, st, now.tip, tip, now.orientation, surface, marking);
      if (ctx.events.some((e) => e.type === 'dissect' && e.hand === hand)) st.undermining = true;
    }
  }

  private start(st: Stroke, tip: readonly number[], path: readonly number[]): void {
    Object.assign(st, idle());
    st.active = true;
    st.margin = Number.MAX_VALUE;
    st.deepest = tip[1]!;
    st.last[0] = tip[0]!;
    st.last[1] = tip[1]!;
    st.last[2] = tip[2]!;
    st.sampled[0] = path[0]!;
    st.sampled[1] = path[2]!;
  }

  /** One tick of the blade in the skin: `tip` as it is, `path` steadied (for margin, side and distance). */
  private sample(
    ctx: TickContext,
    st: Stroke,
    tip: readonly number[],
    path: readonly number[],
    q: readonly number[],
    surface: number,
    marking: readonly number[] | null,
  ): void {
    st.length += Math.hypot(tip[0]! - st.last[0], tip[2]! - st.last[2]);
    st.last[0] = tip[0]!;
    st.last[1] = tip[1]!;
    st.last[2] = tip[2]!;
    st.depth = Math.max(st.depth, surface - tip[1]!);
    st.deepest = Math.min(st.deepest, tip[1]!);
    const x = frameAxis(q, 0, this.axis);
    st.bevelSum += Math.asin(Math.min(1, Math.abs(x[1]!)));
    st.samples++;
    // Sampled by length, not by time: resting the blade at the end of a stroke is no deviation.
    const first = st.deviationSamples === 0;
    if (marking && (first || Math.hypot(path[0]! - st.sampled[0], path[2]! - st.sampled[1]) >= ctx.params.pathSpacing)) {
      st.deviation += distanceToMarking(marking, path[0]!, path[2]!);
      st.deviationSamples++;
      st.sampled[0] = path[0]!;
      st.sampled[1] = path[2]!;
    }
    const lesion = ctx.geometry.lesion;
    if (!lesion) return;
    const rx = path[0]! - lesion.centre[0],
      rz = path[2]! - lesion.centre[2];
    st.margin = Math.min(st.margin, Math.hypot(rx, rz) - lesion.radius);
    // Side a: where tensionLines × (tip − centre) points up.
    st.side += lesion.tensionLines[2] * rx - lesion.tensionLines[0] * rz;
  }

  private emit(ctx: TickContext, out: Action[], hand: 'left' | 'right', st: Stroke): void {
    const structure = layerAt(ctx.geometry, st.deepest) ?? 'skin';
    const lesion = ctx.geometry.lesion;
    out.push(
      action(ctx.tick, 'incise', {
        ...by(hand, ctx.now[hand].instrument),
        structure,
        depth: mm(st.depth),
        angle: round(((st.bevelSum / Math.max(1, st.samples)) * 180) / Math.PI, 1),
        ...(lesion ? { what: st.side >= 0 ? 'a' : 'b', margin: mm(st.margin) } : {}),
        ...(st.deviationSamples > 0 ? { distance: mm(st.deviation / st.deviationSamples) } : {}),
      }),
    );
  }
}
