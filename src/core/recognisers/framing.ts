/**
 * framing: the laparoscope's picture in a camera-navigation drill. A target (`params.viewTargets`) is `framed`
 * once it has stayed centred — within `centreTolerance` of the picture's centre, seen from `viewDistanceMin` …
 * `viewDistanceMax` — for `centreHoldTicks`; it can be framed again only after it has left that. The scope's tip
 * coming within `lensContact` of the surface (`geometry.surfaceY`) is `lens-contact`, once per touch. Judged
 * from `geometry.view`, the camera the monitor films (kernel/camera-view.ts).
 */
import type { Action } from '../vocabulary/actions.ts';
import { offCentre } from '../kernel/camera-view.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { action, type TickContext } from './context.ts';

export interface FramingState {
  /** Per target: ticks it has stayed centred (0: not centred), and whether this stay was reported. */
  held: number[];
  framed: number[];
  /** 1 while the scope's tip touches the surface. */
  touching: number;
}

export class FramingRecogniser {
  state: FramingState;

  constructor(targets: number) {
    this.state = { held: new Array<number>(targets).fill(0), framed: new Array<number>(targets).fill(0), touching: 0 };
  }

  /** Whether there is anything to judge: a drill with targets. Without them the state stays out of snapshots and hashes. */
  get active(): boolean {
    return this.state.held.length > 0;
  }

  step(ctx: TickContext, out: Action[]): void {
    const view = ctx.geometry.view;
    if (!view || !this.active) return;
    const p = ctx.params;
    const s = this.state;
    p.viewTargets.forEach((target, k) => {
      const { angle, distance } = offCentre(view, target.position);
      if (angle > p.centreTolerance || distance < p.viewDistanceMin || distance > p.viewDistanceMax) {
        s.held[k] = 0;
        s.framed[k] = 0;
        return;
      }
      const held = s.held[k]! + 1;
      s.held[k] = held;
      if (held < p.centreHoldTicks || s.framed[k] === 1) return;
      s.framed[k] = 1;
      out.push(
        action(ctx.tick, 'framed', {
          object: target.id,
          angle: round1((angle * 180) / Math.PI),
          distance: round1(distance * 1000),
          duration: held / TICK_HZ,
        }),
      );
    });
    const surface = ctx.geometry.surfaceY;
    if (surface === undefined) return;
    const touching = view.eye[1] - surface < p.lensContact ? 1 : 0;
    if (touching === 1 && s.touching === 0) out.push(action(ctx.tick, 'lens-contact', { point: [view.eye[0], view.eye[1], view.eye[2]] }));
    s.touching = touching;
  }
}

/** To 0.1 (degrees, millimetres): what the report shows; the thresholds are judged on the exact figures above. */
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
