import type { CameraView } from '../kernel/camera-view.ts';
import type { StateHasher } from '../kernel/hash.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { HANDS, type Hand, type ScopeInput, type Vec3, steers } from '../kernel/input.ts';
import { LAPAROSCOPE, SCOPE_PORT } from '../kernel/or-layout.ts';
import type { InstrumentState } from './instruments/instrument-state.ts';

/** A laparoscope held through the camera port (protocol field `laparoscope`, docs/protocols.md). */
export interface LaparoscopeSpec {
  /** Who holds it at the start: a camera assistant (until the learner steers it) or the learner. */
  holder: 'assistant' | 'learner';
  /** Angle between the shaft and the line of sight, degrees (0: forward-viewing; 30: the usual angled scope). */
  angleDeg: number;
}

/** What a held laparoscope's pose follows from: the point it looks at and how far its tip stands from it. */
export interface LaparoscopeState {
  aim: Vec3;
  distance: number;
  /** Whether the assistant has found the instruments yet (until then the scope shows the worksite). */
  found: boolean;
  /** The shaft as the learner steers it, once the learner holds the scope (else null: the assistant's rule). */
  learner: SteeredPose | null;
  /** How far the scope's tip has travelled under the learner's steering (m): a camera-navigation metric. */
  travelled: number;
}

/**
 * A learner-held scope: the shaft's direction through the port (`yaw` about the vertical from straight away
 * from the learner, positive to the right; `pitch` below the horizontal), how deep its tip is past the port,
 * and how far the angled optic is turned about the shaft (`roll`; 0 looks `angleDeg` below the shaft, as the
 * assistant holds it), radians and metres.
 */
export interface SteeredPose {
  yaw: number;
  pitch: number;
  depth: number;
  roll: number;
}

/** Full-deflection steering speeds: pan and tilt of the shaft (rad/s), insertion (m/s), the optic's roll (rad/s). */
export const STEER_SPEED = { pan: 0.5, tilt: 0.5, zoom: 0.05, roll: Math.PI / 2 } as const;
/** How far the learner can steer: the shaft's yaw either side and pitch range (rad), the tip's depth (m). */
export const STEER_LIMITS = { yaw: 1.2, pitchMin: 0.15, pitchMax: 1.45, depthMax: 0.3 } as const;

/** Tip-to-tissue distance the assistant prefers (m): a 70° picture about 17 cm tall at the aim point. */
export const VIEW_DISTANCE = 0.12;
/** The farthest the assistant backs off to keep both instruments in the picture (m). */
const MAX_DISTANCE = 0.25;
/** Room around the instruments when backing off: their spread fills at most 1 / this of the picture's half-height. */
const SPREAD_MARGIN = 1.5;
/** The assistant's lag: each tick the aim closes this fraction of the way to the instruments (a 0.5 s time constant at 120 Hz). */
export const FOLLOW_PER_TICK = 1 / 60;
/** The scope's tip stays at least this far inside the port (m). */
export const MIN_DEPTH = 0.02;

/**
 * A laparoscope held by a camera assistant, as simulation state: the "in view" rules judge by its picture,
 * so its pose is advanced inside the tick, from the instruments' tips only (deterministic, no randomness).
 *
 * The assistant's rule: aim at the centre of the held instruments' tips, closing `FOLLOW_PER_TICK` of the
 * gap every tick (smooth, never jumping), from `VIEW_DISTANCE`, or farther (up to `MAX_DISTANCE`) while the
 * tips are too far apart for that picture; when the first instrument comes in, the scope finds it at once. The scope pivots in the camera port
 * (`SCOPE_PORT`) and is angled: its line of sight leaves the shaft `angleDeg` downwards, so the shaft stays
 * that much shallower than the view and the picture looks down onto the anatomy from the port's side. The
 * picture's horizon stays level (world up), as `CameraView` and the renderer both take it.
 *
 * The learner holds it from the start (`holder: learner`) or takes it from the assistant by steering it
 * (`ToolInput.scope`, non-zero): from then on its pose integrates the steering rates at the fixed step
 * (`STEER_SPEED` per second at full deflection, within `STEER_LIMITS`) and the assistant's rule is off. The
 * learner starts from the pose the scope has, so taking it over moves nothing.
 */
export class Laparoscope {
  /** The picture, rewritten in place every tick: what the monitor films and the "in view" rules judge by (its eye is the scope's tip). */
  readonly view: CameraView = { ...LAPAROSCOPE, eye: [0, 0, 0], target: [0, 0, 0] };
  private readonly state: LaparoscopeState = { aim: [...LAPAROSCOPE.target], distance: VIEW_DISTANCE, found: false, learner: null, travelled: 0 };
  private readonly angle: number;
  private readonly halfHeight = Math.tan((LAPAROSCOPE.fovDeg * Math.PI) / 360);

  constructor(spec: LaparoscopeSpec) {
    this.angle = (spec.angleDeg * Math.PI) / 180;
    this.pose();
    if (spec.holder === 'learner') this.takeOver();
  }

  /** How far the scope's tip has travelled under the learner's steering (m). */
  get travelled(): number {
    return this.state.travelled;
  }

  /** Whether the learner holds the scope (else the assistant does). */
  get learnerHolds(): boolean {
    return this.state.learner !== null;
  }

  /** One tick: the learner's steering moves it (taking it from the assistant), else the assistant follows the tips. */
  step(hands: Record<Hand, InstrumentState>, scope: ScopeInput | undefined): void {
    if (steers(scope)) {
      if (this.state.learner === null) this.takeOver();
      this.steer(scope);
    } else if (this.state.learner === null) this.follow(hands);
  }

  /** The learner takes the scope as it is: the shaft's direction and depth from its eye, the optic unturned. */
  private takeOver(): void {
    const [px, py, pz] = SCOPE_PORT;
    const [ex, ey, ez] = this.view.eye;
    const depth = Math.hypot(ex - px, ey - py, ez - pz);
    this.state.learner = {
      yaw: Math.atan2(ex - px, -(ez - pz)),
      pitch: Math.asin(Math.min(1, Math.max(-1, -(ey - py) / depth))),
      depth,
      roll: 0,
    };
    this.steeredPose();
  }

  /** One tick of steering: each rate (clamped to ±1) times its full speed, integrated over the fixed step. */
  private steer(scope: ScopeInput): void {
    const l = this.state.learner!;
    const rate = (v: number): number => Math.max(-1, Math.min(1, v)) / TICK_HZ;
    l.yaw = Math.max(-STEER_LIMITS.yaw, Math.min(STEER_LIMITS.yaw, l.yaw + rate(scope.pan) * STEER_SPEED.pan));
    l.pitch = Math.max(STEER_LIMITS.pitchMin, Math.min(STEER_LIMITS.pitchMax, l.pitch - rate(scope.tilt) * STEER_SPEED.tilt));
    l.depth = Math.max(MIN_DEPTH, Math.min(STEER_LIMITS.depthMax, l.depth + rate(scope.zoom) * STEER_SPEED.zoom));
    l.roll += rate(scope.roll) * STEER_SPEED.roll;
    // Kept within ±π, so a long turn neither grows without bound nor loses precision.
    if (l.roll > Math.PI) l.roll -= 2 * Math.PI;
    else if (l.roll < -Math.PI) l.roll += 2 * Math.PI;
    const [x, y, z] = this.view.eye;
    this.steeredPose();
    this.state.travelled += Math.hypot(this.view.eye[0] - x, this.view.eye[1] - y, this.view.eye[2] - z);
  }

  /** The learner's pose as the picture (`steeredView`), the target at the distance the scope had. */
  private steeredPose(): void {
    steeredView(this.state.learner!, this.angle, this.state.distance, this.view.eye, this.view.target);
  }

  /** One tick of the assistant: follows the held instruments' tips (none held: the scope stays still). */
  private follow(hands: Record<Hand, InstrumentState>): void {
    let n = 0,
      x = 0,
      y = 0,
      z = 0;
    for (const hand of HANDS) {
      const h = hands[hand];
      if (h.instrument === null) continue;
      x += h.tip[0];
      y += h.tip[1];
      z += h.tip[2];
      n++;
    }
    if (n === 0) return;
    x /= n;
    y /= n;
    z /= n;
    // Back off when the instruments are far apart: their spread (from their centre) must fit the picture.
    let spread = 0;
    for (const hand of HANDS) {
      const h = hands[hand];
      if (h.instrument !== null) spread = Math.max(spread, Math.hypot(h.tip[0] - x, h.tip[1] - y, h.tip[2] - z));
    }
    const distance = Math.min(MAX_DISTANCE, Math.max(VIEW_DISTANCE, (spread * SPREAD_MARGIN) / this.halfHeight));
    const s = this.state;
    // The first instruments in: the assistant finds them at once; from then on, follows them smoothly.
    const k = s.found ? FOLLOW_PER_TICK : 1;
    s.found = true;
    s.aim[0] += (x - s.aim[0]) * k;
    s.aim[1] += (y - s.aim[1]) * k;
    s.aim[2] += (z - s.aim[2]) * k;
    s.distance += (distance - s.distance) * k;
    this.pose();
  }

  /**
   * The eye and the line of sight from the aim: in the vertical plane through the port and the aim, the
   * triangle port–tip–aim has the angle 180° − angle at the tip, so the insertion depth and the shaft's
   * tilt follow from the law of cosines and of sines.
   */
  private pose(): void {
    const [px, py, pz] = SCOPE_PORT;
    const [ax, ay, az] = this.state.aim;
    const across = Math.hypot(ax - px, az - pz);
    // Horizontal unit direction from the port towards the aim (away from the learner when straight below).
    const hx = across > 1e-9 ? (ax - px) / across : 0;
    const hz = across > 1e-9 ? (az - pz) / across : -1;
    const reach = Math.hypot(across, ay - py);
    const cos = Math.cos(this.angle),
      sin = Math.sin(this.angle);
    let distance = Math.min(this.state.distance, reach);
    let depth = -distance * cos + Math.sqrt(Math.max(0, reach * reach - distance * distance * sin * sin));
    if (depth < MIN_DEPTH) {
      depth = MIN_DEPTH;
      distance = Math.max(1e-3, -depth * cos + Math.sqrt(Math.max(0, reach * reach - depth * depth * sin * sin)));
    }
    const atPort = Math.asin(Math.min(1, (distance * sin) / Math.max(reach, 1e-9)));
    const shaft = Math.atan2(ay - py, across) + atPort;
    const sight = shaft - this.angle;
    const eye = this.view.eye;
    eye[0] = px + depth * Math.cos(shaft) * hx;
    eye[1] = py + depth * Math.sin(shaft);
    eye[2] = pz + depth * Math.cos(shaft) * hz;
    const target = this.view.target;
    target[0] = eye[0] + distance * Math.cos(sight) * hx;
    target[1] = eye[1] + distance * Math.sin(sight);
    target[2] = eye[2] + distance * Math.cos(sight) * hz;
  }

  save(): LaparoscopeState {
    const l = this.state.learner;
    return { aim: [...this.state.aim], distance: this.state.distance, found: this.state.found, learner: l ? { ...l } : null, travelled: this.state.travelled };
  }

  load(state: LaparoscopeState): void {
    this.state.aim[0] = state.aim[0];
    this.state.aim[1] = state.aim[1];
    this.state.aim[2] = state.aim[2];
    this.state.distance = state.distance;
    this.state.found = state.found;
    // Snapshots from before the learner could steer have no `learner`: the assistant held the scope.
    this.state.learner = state.learner ? { ...state.learner } : null;
    // Snapshots from before the travel was kept have none: count from here.
    this.state.travelled = state.travelled ?? 0;
    if (this.state.learner) this.steeredPose();
    else this.pose();
  }

  hash(h: StateHasher): void {
    h.numbers(this.state.aim)
      .number(this.state.distance)
      .number(this.state.found ? 1 : 0);
    // Only once the learner holds it, so the assistant's runs hash as before steering existed.
    const l = this.state.learner;
    if (l) h.number(l.yaw).number(l.pitch).number(l.depth).number(l.roll).number(this.state.travelled);
  }
}

/**
 * A learner-held scope's picture: the eye `depth` along the shaft `d` from the port; the line of sight leaves the
 * shaft `angle` (rad) towards `u` (the shaft's own "down", perpendicular to it in its vertical plane), turned `roll`
 * about the shaft towards `w` (its right); the target `distance` along it. Written into `eye` and `target`.
 */
export function steeredView(pose: SteeredPose, angle: number, distance: number, eye: Vec3, target: Vec3): void {
  const { yaw, pitch, depth, roll } = pose;
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw),
    cp = Math.cos(pitch),
    sp = Math.sin(pitch);
  const d = [sy * cp, -sp, -cy * cp];
  const u = [-sy * sp, -cp, cy * sp];
  // w = u × d: horizontal, to the right of the shaft.
  const w = [u[1]! * d[2]! - u[2]! * d[1]!, u[2]! * d[0]! - u[0]! * d[2]!, u[0]! * d[1]! - u[1]! * d[0]!];
  const ca = Math.cos(angle),
    sa = Math.sin(angle),
    cr = Math.cos(roll),
    sr = Math.sin(roll);
  for (let k = 0; k < 3; k++) {
    eye[k] = SCOPE_PORT[k]! + depth * d[k]!;
    target[k] = eye[k]! + distance * (ca * d[k]! + sa * (cr * u[k]! + sr * w[k]!));
  }
}
