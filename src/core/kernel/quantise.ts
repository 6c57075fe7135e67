/**
 * The input seam's quantisation: `Attempt.tick` feeds the simulation this grid of every ToolInput, not the raw
 * doubles, so a recording that stores the grid's integers (docs/recordings.md, "The .scrub file") replays bit for
 * bit. The steps are powers of two, so `q · step` and `x / step` are exact in binary and quantising is idempotent:
 * `quantise(q · step) === q · step` for every integer q, whatever rounding a reader's arithmetic does elsewhere.
 *
 * - Position: 2⁻¹⁷ m ≈ 7.6 µm — far below a tracked controller's jitter (≈ 0.1–1 mm) and the mouse path's
 *   precision, and below the tissue solver's smallest length (≈ 0.1 mm particles' motion per tick at rest).
 * - Orientation, each quaternion component: 2⁻¹⁷ ≈ 7.6·10⁻⁶ (the world normalises the quaternion after; the
 *   angle error is ≤ ≈ 1.5·10⁻⁵ rad, 4.5 µm at the end of a 30 cm shaft).
 * - Jaw: 2⁻¹⁴ ≈ 6.1·10⁻⁵ of the full closure.
 * - Laparoscope steering rates: 2⁻⁸ of full speed (a thumbstick reports about that finely; keys are 0 or ±1).
 * Buttons are integers already; instrument ids are strings, untouched.
 */
import { HANDS, type ToolInput } from './input.ts';

/** Grid steps per unit: position per metre, orientation per unit component, jaw per full closure. */
export const QUANTA = { position: 2 ** 17, orientation: 2 ** 17, jaw: 2 ** 14, steer: 2 ** 8 } as const;

const P = QUANTA.position;
const O = QUANTA.orientation;
const J = QUANTA.jaw;
const S = QUANTA.steer;

/**
 * The nearest grid value (half-way rounds up, as `Math.round`). Non-finite values pass through. `+ 0` makes a −0
 * (what `Math.round` gives a small negative value) +0: a recording stores the integer, which has no −0, and the
 * state hash tells the two apart, so a −0 fed to the simulation would not replay.
 */
export function quantise(x: number, perUnit: number): number {
  return Math.round(x * perUnit) / perUnit + 0;
}

/**
 * Writes `input` on the grid into `out` (which may be `input` itself): the arrays of `out` are written in
 * place, nothing is allocated (but `out.scope`, the first time `input` steers). Returns `out`.
 */
export function quantiseInput(input: ToolInput, out: ToolInput): ToolInput {
  for (const hand of HANDS) {
    const a = input.hands[hand];
    const b = out.hands[hand];
    const p = a.pose.position;
    const q = a.pose.orientation;
    const bp = b.pose.position;
    const bq = b.pose.orientation;
    bp[0] = Math.round(p[0] * P) / P + 0;
    bp[1] = Math.round(p[1] * P) / P + 0;
    bp[2] = Math.round(p[2] * P) / P + 0;
    bq[0] = Math.round(q[0] * O) / O + 0;
    bq[1] = Math.round(q[1] * O) / O + 0;
    bq[2] = Math.round(q[2] * O) / O + 0;
    bq[3] = Math.round(q[3] * O) / O + 0;
    b.jaw = Math.round(a.jaw * J) / J + 0;
    b.buttons = a.buttons;
    b.instrument = a.instrument;
  }
  const scope = input.scope;
  if (scope) {
    const o = out.scope ?? { pan: 0, tilt: 0, zoom: 0, roll: 0 };
    o.pan = Math.round(scope.pan * S) / S + 0;
    o.tilt = Math.round(scope.tilt * S) / S + 0;
    o.zoom = Math.round(scope.zoom * S) / S + 0;
    o.roll = Math.round(scope.roll * S) / S + 0;
    out.scope = o;
  } else if (out.scope) {
    delete out.scope;
  }
  return out;
}
