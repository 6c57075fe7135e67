/**
 * Keyframed instrument paths ("expert scripts", docs/recordings.md): per hand a few keyframes, turned
 * into one ToolInput per tick — positions and jaws linearly interpolated, orientations slerped,
 * buttons and instruments held from the latest keyframe. Pure: the same script gives the same inputs.
 */
import { z } from 'zod';
import { MODES } from '../procedure/index.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { HANDS, type Hand, type HandInput, type Quat, type ToolInput, type Vec3, idleInput, restPose } from '../kernel/input.ts';

const Finite = z.number().finite();
const Vec3Schema = z.tuple([Finite, Finite, Finite]);
const QuatSchema = z.tuple([Finite, Finite, Finite, Finite]).refine((q) => Math.hypot(...q) > 1e-6, 'orientation must not be the zero quaternion');

const KeyframeSchema = z.strictObject({
  /** Seconds from the start of the attempt. */
  t: Finite.min(0),
  /** Tip position, metres, world frame. */
  position: Vec3Schema,
  /** Tip-frame orientation, x y z w; left out: held from the keyframe before (identity at first). */
  orientation: QuatSchema.optional(),
  /** Jaw closure 0 open … 1 closed. */
  jaw: Finite.min(0).max(1),
  /** Button bitmask from this keyframe on; left out: held (0 at first). */
  buttons: z.number().int().min(0).optional(),
  /** Instrument in the hand from this keyframe on (a pick, or null to hand it back); left out: held. */
  instrument: z.string().min(1).nullable().optional(),
});

const HandTrackSchema = z.array(KeyframeSchema).superRefine((frames, ctx) => {
  frames.forEach((f, i) => {
    if (i > 0 && f.t < frames[i - 1]!.t) ctx.addIssue({ code: 'custom', path: [i, 't'], message: `time goes backwards (${f.t} after ${frames[i - 1]!.t})` });
  });
});

/** Steering of a held laparoscope from this time on (rates −1 … 1, kernel/input.ts `ScopeInput`), held until the next. */
const ScopeKeyframeSchema = z.strictObject({
  t: Finite.min(0),
  pan: Finite.min(-1).max(1),
  tilt: Finite.min(-1).max(1),
  zoom: Finite.min(-1).max(1),
  roll: Finite.min(-1).max(1),
});

export const KeyframeScriptSchema = z.strictObject({
  format: z.literal('scrub-keyframes'),
  version: z.literal(1),
  /** Protocol id the script performs. */
  procedure: z.string().min(1),
  /** Seed (and variant) the positions were made for: the anatomy is generated from them. */
  seed: z.number().int().min(0),
  variant: z.string().min(1).optional(),
  mode: z.enum(MODES).optional(),
  description: z.string().optional(),
  /** Seconds to play; left out: until the last keyframe of either hand. */
  duration: Finite.min(0).optional(),
  hands: z.strictObject({ left: HandTrackSchema, right: HandTrackSchema }),
  /** The laparoscope's steering (protocols with a held scope: a camera-navigation drill); left out: never steered. */
  scope: z
    .array(ScopeKeyframeSchema)
    .superRefine((frames, ctx) => {
      frames.forEach((f, i) => {
        if (i > 0 && f.t < frames[i - 1]!.t)
          ctx.addIssue({ code: 'custom', path: [i, 't'], message: `time goes backwards (${f.t} after ${frames[i - 1]!.t})` });
      });
    })
    .optional(),
});

export type Keyframe = z.infer<typeof KeyframeSchema>;
export type ScopeKeyframe = z.infer<typeof ScopeKeyframeSchema>;
export type KeyframeScript = z.infer<typeof KeyframeScriptSchema>;

/** Validates parsed JSON as a keyframe script; throws one error listing every problem by path. */
export function parseKeyframeScript(data: unknown): KeyframeScript {
  const result = KeyframeScriptSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`not a keyframe script:\n${problems.join('\n')}`);
}

/** A keyframe with every held value filled in. */
interface ResolvedKeyframe {
  t: number;
  position: Vec3;
  orientation: Quat;
  jaw: number;
  buttons: number;
  instrument: string | null;
}

/** Plays a keyframe script: `inputAt(tick)` for every tick in `0 … ticks − 1`, in any order. */
export class KeyframePlayer {
  readonly script: KeyframeScript;
  /** Ticks to play: every tick from t = 0 up to and including the duration. */
  readonly ticks: number;
  private readonly tracks: Record<Hand, ResolvedKeyframe[]>;

  constructor(script: KeyframeScript) {
    this.script = script;
    this.tracks = { left: resolve(script.hands.left), right: resolve(script.hands.right) };
    const last = Math.max(0, ...HANDS.map((h) => script.hands[h].at(-1)?.t ?? 0), script.scope?.at(-1)?.t ?? 0);
    this.ticks = Math.floor((script.duration ?? last) * TICK_HZ + 1e-9) + 1;
  }

  /** The input of a tick (time tick / 120 s), written into `out` when given. */
  inputAt(tick: number, out: ToolInput = idleInput()): ToolInput {
    const t = tick / TICK_HZ;
    for (const hand of HANDS) sampleTrack(this.tracks[hand], t, hand, out.hands[hand]);
    const scope = this.script.scope;
    if (scope !== undefined) {
      // Steering is a rate held from its keyframe, not blended: the scope moves by the rates' integral.
      const i = lastAtOrBefore(scope, t);
      const k = scope[i];
      if (k) out.scope = { pan: k.pan, tilt: k.tilt, zoom: k.zoom, roll: k.roll };
      else delete out.scope;
    }
    return out;
  }
}

function resolve(frames: readonly Keyframe[]): ResolvedKeyframe[] {
  let orientation: Quat = [0, 0, 0, 1];
  let buttons = 0;
  let instrument: string | null = null;
  return frames.map((f) => {
    orientation = f.orientation ? normalise(f.orientation) : orientation;
    buttons = f.buttons ?? buttons;
    instrument = f.instrument !== undefined ? f.instrument : instrument;
    return { t: f.t, position: [...f.position], orientation: [...orientation], jaw: f.jaw, buttons, instrument };
  });
}

/** One hand at time t: before the first keyframe its values, after the last its values, between them blended. */
function sampleTrack(track: readonly ResolvedKeyframe[], t: number, hand: Hand, out: HandInput): void {
  if (track.length === 0) {
    const rest = restPose(hand);
    out.pose.position = rest.position;
    out.pose.orientation = rest.orientation;
    out.jaw = 0;
    out.buttons = 0;
    out.instrument = null;
    return;
  }
  const i = lastAtOrBefore(track, t);
  const a = track[Math.max(0, i)]!;
  const b = track[i + 1];
  const u = i < 0 || b === undefined ? 0 : (t - a.t) / (b.t - a.t);
  const to = b ?? a;
  out.pose.position = [lerp(a.position[0], to.position[0], u), lerp(a.position[1], to.position[1], u), lerp(a.position[2], to.position[2], u)];
  out.pose.orientation = slerp(a.orientation, to.orientation, u);
  out.jaw = lerp(a.jaw, to.jaw, u);
  out.buttons = a.buttons;
  out.instrument = a.instrument;
}

/** Index of the last keyframe with time ≤ t (the later of equal times), or −1 before the first. */
function lastAtOrBefore(track: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = track.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (track[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function lerp(a: number, b: number, u: number): number {
  return a + (b - a) * u;
}

function normalise(q: Quat): Quat {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/** Spherical interpolation along the shorter arc; normalised linear blend where the arc is tiny. */
export function slerp(a: Quat, b: Quat, u: number): Quat {
  let dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  const sign = dot < 0 ? -1 : 1;
  dot *= sign;
  if (u === 0) return [...a];
  if (dot > 0.9995) {
    return normalise([lerp(a[0], sign * b[0], u), lerp(a[1], sign * b[1], u), lerp(a[2], sign * b[2], u), lerp(a[3], sign * b[3], u)]);
  }
  const theta = Math.acos(dot);
  const sin = Math.sin(theta);
  const wa = Math.sin((1 - u) * theta) / sin;
  const wb = (sign * Math.sin(u * theta)) / sin;
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2], wa * a[3] + wb * b[3]];
}
