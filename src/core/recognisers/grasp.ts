/**
 * grasp / release from the scene's grasp and release events (the scene decides what the jaws took),
 * and retract: a grasped structure pulled further than `retractDistance` from where it was taken.
 * Skin taken in a wound, below the surface, is named by the layer the jaws span (the dermis).
 * Grasp force is the contact's pull this tick; an FLS object taken off a peg names the peg.
 */
import type { Action } from '../vocabulary/actions.ts';
import { HAND_NAMES, action, by, objectOf, point3, round, structureName, type TickContext } from './context.ts';
import { dist, frameAxis, layerAt } from './geometry.ts';
import { instrumentSpec } from '../world/instruments/catalog.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { JAW_CLOSE_SECONDS } from '../world/instruments/instrument-state.ts';

/** Scene structures of the skin sheet (epidermis and dermis in one). */
const SKIN_SHEET = new Set(['skin', 'wound-edge-a', 'wound-edge-b']);
/**
 * Ticks over which the jaws' height is averaged to tell the layer taken: the jaws take what lies between
 * them while they close (0.15 s, more than one 8–12 Hz tremor period), not what one tick's tip touches.
 */
const CLOSE_TICKS = Math.round(JAW_CLOSE_SECONDS * TICK_HZ);

interface HandGrasp {
  /** Structure or object held, or null. */
  held: string | null;
  isObject: boolean;
  /** Tip position when it was taken. */
  anchor: [number, number, number];
  retracted: boolean;
  /** The tip's height over the last CLOSE_TICKS ticks (m), oldest first. */
  tipY: number[];
  /** The rise of the jaws' axis (from the tips towards the hinge, unit) over the same ticks. */
  axisY: number[];
}

export interface GraspState {
  hands: [HandGrasp, HandGrasp];
}

const empty = (): HandGrasp => ({ held: null, isObject: false, anchor: [0, 0, 0], retracted: false, tipY: [], axisY: [] });

export class GraspRecogniser {
  state: GraspState = { hands: [empty(), empty()] };
  private readonly axis = [0, 0, 0];

  step(ctx: TickContext, out: Action[]): void {
    for (let h = 0; h < 2; h++) {
      const g = this.state.hands[h]!;
      const now = ctx.now[HAND_NAMES[h]!];
      if (g.tipY.length >= CLOSE_TICKS) g.tipY.shift();
      g.tipY.push(now.tip[1]);
      if (g.axisY.length >= CLOSE_TICKS) g.axisY.shift();
      g.axisY.push(frameAxis(now.orientation, 2, this.axis)[1]!);
    }
    for (const event of ctx.events) {
      if (event.hand === null || (event.type !== 'grasp' && event.type !== 'release')) continue;
      const h = event.hand === 'left' ? 0 : 1;
      const g = this.state.hands[h]!;
      const now = ctx.now[event.hand];
      const who = by(event.hand, now.instrument);
      if (event.type === 'grasp') {
        const object = objectOf(event);
        g.isObject = object !== null;
        const jaws = { tipY: mean(g.tipY), rise: mean(g.axisY) * (instrumentSpec(now.instrument)?.jawLength ?? 0) };
        g.held = object ?? (event.structure === null ? null : this.tissue(ctx, event.structure, jaws));
        g.anchor[0] = now.tip[0];
        g.anchor[1] = now.tip[1];
        g.anchor[2] = now.tip[2];
        g.retracted = false;
        if (g.held === null) continue;
        const force = ctx.contacts[h]?.force ?? 0;
        const peg = object === null ? null : this.pegAt(ctx, event.point);
        out.push(
          action(ctx.tick, 'grasp', {
            ...who,
            ...(g.isObject ? { object: g.held } : { structure: g.held }),
            ...(peg === null ? {} : { peg }),
            ...(force > 0 ? { force: round(force, 2) } : {}),
          }),
        );
      } else if (g.held !== null) {
        out.push(action(ctx.tick, 'release', { ...who, ...(g.isObject ? { object: g.held } : { structure: g.held }), point: point3(event.point) }));
        g.held = null;
      }
    }
    for (let h = 0; h < 2; h++) {
      const g = this.state.hands[h]!;
      if (g.held === null || g.isObject || g.retracted) continue;
      const hand = HAND_NAMES[h]!;
      const now = ctx.now[hand];
      if (dist(now.tip, g.anchor) < ctx.params.retractDistance) continue;
      g.retracted = true;
      const force = ctx.contacts[h]?.force ?? 0;
      out.push(action(ctx.tick, 'retract', { ...by(hand, now.instrument), structure: g.held, force: round(force, 2) }));
    }
  }

  /**
   * What the jaws took of the tissue. The skin sheet (skin, either wound edge) taken with the tips in the
   * wound, below the surface, is the layer the jaws hold: the dermis if the jaws, from the tips to the
   * hinge (`jaws.rise`: how far the hinge is above the tips), span any of its depth — forceps whose tips
   * reach a millimetre past it into the fat still hold the dermal edge between them, as a clinician would
   * say they took it; else the layer the tips are in. Tips above the surface take the skin by name. The
   * heights are the means over the jaws' closing.
   */
  private tissue(ctx: TickContext, structure: string, jaws: { tipY: number; rise: number }): string {
    if (!SKIN_SHEET.has(structure)) return structureName(ctx, structure);
    const dermis = ctx.geometry.layers?.find((l) => l.id === 'dermis');
    const top = Math.max(jaws.tipY, jaws.tipY + jaws.rise);
    if (dermis && jaws.tipY <= dermis.top && top >= dermis.bottom) return dermis.id;
    return layerAt(ctx.geometry, jaws.tipY) ?? structure;
  }

  /** The peg an object sits on (horizontally within reach of the peg), or null. */
  private pegAt(ctx: TickContext, p: readonly number[]): string | null {
    for (const peg of ctx.geometry.pegs ?? []) {
      if (Math.hypot(p[0]! - peg.position[0], p[2]! - peg.position[2]) <= ctx.params.pegReach) return peg.id;
    }
    return null;
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
