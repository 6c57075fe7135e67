import { Matrix4, type Object3D, Quaternion, Vector3 } from 'three';
import { type Hand, type Pose, type ToolInput, type Vec3, steers } from '../core/kernel/index.ts';
import { isLaparoscopic } from '../core/world/instruments/catalog.ts';
import { ButtonEdges, XrButton, handOf, readInputSource } from './controller-input.ts';
import { mirrorScopeInput, otherHand } from '../core/kernel/mirror.ts';
import { OneEuroFilter3 } from './one-euro.ts';
import { OriginFit, type Posture } from './working-height.ts';

/** What the trainee asked for in one XR frame, besides moving the instruments; the caller carries it out, in order. */
export type XrCommand =
  /** Squeeze (a tracked hand: a pinch closing) with the hand at `at`: take or return at the tray, or (`nurse`) the nurse's next instrument. */
  | { kind: 'pick'; hand: Hand; at: Vec3; nurse: boolean }
  /** B on the right controller. */
  | { kind: 'pause' }
  /** A on the right controller. */
  | { kind: 'finish' }
  /** Y on the left controller: the desktop view carries on with the same attempt. */
  | { kind: 'leaveVr' };

/**
 * Reads each XRFrame while presenting: fits the trainee's floor (the XR origin) to their height, writes
 * each tracked hand's or controller's instrument input, and turns button presses into commands.
 *
 * Mirrored (a left-handed learner, docs/accessibility.md): each controller drives the other hand's instrument,
 * its pose read through the reflection about x = 0 (the world is drawn reflected, so the instrument is drawn in
 * the hand that holds it); the buttons keep their places (B pauses on the right controller, whichever hand it drives).
 */
export class XrFrameReader {
  private readonly edges = new ButtonEdges();
  private readonly fit: OriginFit;
  private readonly laparoscopic: boolean;
  /** Where each hand is in the scene (the grip, or the pinch point), for reaching the tray. */
  private readonly at: Record<Hand, Vec3> = { left: [0, 0, 0], right: [0, 0, 0] };
  /** Tracking jitter out of each tip's position (the tremor stays: docs/instruments.md). */
  private readonly jitter: Record<Hand, OneEuroFilter3> = { left: new OneEuroFilter3(), right: new OneEuroFilter3() };
  private readonly held: Record<Hand, string | null> = { left: null, right: null };
  /** Reused frame to frame: the commands of the latest frame. */
  private readonly commands: XrCommand[] = [];
  private readonly mirrored: boolean;
  private readonly steerable: boolean;
  /** The XR origin's matrix, reflected when mirrored: trainee space → the simulation's world. */
  private readonly toWorld = new Matrix4();

  /**
   * `instruments`: the protocol's; a laparoscopic one fits the table with its handles at the elbow. `mirrored`: a
   * left-handed learner performing mirrored; `posture`: seated or standing (the settings), else told by eye height;
   * `steerable`: the protocol has a held laparoscope, which the thumbsticks steer.
   */
  constructor(instruments: readonly { id: string }[], options: { mirrored?: boolean; posture?: Posture; steerable?: boolean } = {}) {
    this.steerable = options.steerable ?? false;
    this.laparoscopic = instruments.some((i) => isLaparoscopic(i.id));
    this.mirrored = options.mirrored ?? false;
    this.fit = new OriginFit(options.posture);
  }

  private worldOf(origin: Object3D): Matrix4 {
    return this.mirrored ? this.toWorld.multiplyMatrices(REFLECT_X, origin.matrixWorld) : this.toWorld.copy(origin.matrixWorld);
  }

  /** Reads one frame into `input`, moving `origin`; returns the commands the trainee gave in it (valid until the next call). */
  read(frame: XRFrame, referenceSpace: XRReferenceSpace, origin: Object3D, input: ToolInput, delta: number): readonly XrCommand[] {
    const hands = input.hands;
    let stickY = 0;
    let stickX = 0;
    let steerX = 0;
    let steerY = 0;
    for (const source of frame.session.inputSources) {
      const axes = source.gamepad?.axes;
      if (handOf(source) === 'left') {
        stickX = axes?.[2] ?? 0;
        stickY = axes?.[3] ?? 0;
      } else if (handOf(source) === 'right') {
        steerX = axes?.[2] ?? 0;
        steerY = axes?.[3] ?? 0;
      }
    }
    // A held laparoscope: the right thumbstick pans and tilts it (pushed forward: up), the left one sideways zooms
    // (right: in); into the input, so the steering is recorded with the tick.
    if (this.steerable) {
      // Mirrored, the picture is drawn reflected: a push right pans the canonical scope left.
      const scope = { pan: deadZone(steerX), tilt: -deadZone(steerY), zoom: deadZone(stickX), roll: 0 };
      if (steers(scope)) input.scope = this.mirrored ? mirrorScopeInput(scope) : scope;
      else delete input.scope;
    }
    // The trainee's floor: fitted to their height when the session starts; left thumbstick up raises the table.
    origin.position.y = this.fit.height(frame, referenceSpace, this.laparoscopic, stickY, delta);
    origin.updateMatrixWorld();
    const toWorld = this.worldOf(origin);
    const commands = this.commands;
    commands.length = 0;
    for (const source of frame.session.inputSources) {
      const held = handOf(source);
      if (!held) continue;
      // The simulation's hand this controller drives; `held` (the physical hand) keeps the buttons' meanings.
      const hand = this.mirrored ? otherHand(held) : held;
      const input = hands[hand];
      const at = this.at[hand];
      const tracked = readInputSource(frame, referenceSpace, toWorld, source, hand, input, at);
      // A new instrument puts the tip somewhere else at once: that is no jitter to smooth.
      if (!tracked || input.instrument !== this.held[hand]) this.jitter[hand].reset();
      this.held[hand] = input.instrument;
      if (tracked) this.jitter[hand].filter(input.pose.position, delta);
      if (source.hand ? this.edges.pinched(hand, input.jaw) : this.edges.pressed(source, XrButton.squeeze)) {
        commands.push({ kind: 'pick', hand, at: [at[0], at[1], at[2]], nurse: !source.hand });
      }
      if (held === 'right' && this.edges.pressed(source, XrButton.bY)) commands.push({ kind: 'pause' });
      if (held === 'right' && this.edges.pressed(source, XrButton.aX)) commands.push({ kind: 'finish' });
      if (held === 'left' && this.edges.pressed(source, XrButton.bY)) commands.push({ kind: 'leaveVr' });
    }
    return commands;
  }

  /** The viewer's (head's) pose this frame in world coordinates, through the XR origin, into `out`; false when not tracked. */
  head(frame: XRFrame, referenceSpace: XRReferenceSpace, origin: Object3D, out: Pose): boolean {
    const pose = frame.getViewerPose(referenceSpace);
    if (!pose) return false;
    // Mirrored, the recorded head is reflected as the hands are: the replay draws it in the simulation's world.
    headMatrix.fromArray(pose.transform.matrix).premultiply(this.worldOf(origin));
    headMatrix.decompose(headPosition, headRotation, headScale);
    headPosition.toArray(out.position);
    headRotation.toArray(out.orientation);
    return true;
  }
}

/** The reflection about the plane x = 0 (core/kernel/mirror.ts). */
const REFLECT_X = new Matrix4().makeScale(-1, 1, 1);
/** Thumbstick deflection below this is the stick at rest (they rarely read exactly 0), rescaled to 0 … 1 beyond it. */
const DEAD_ZONE = 0.2;

function deadZone(v: number): number {
  return Math.abs(v) <= DEAD_ZONE ? 0 : (v - Math.sign(v) * DEAD_ZONE) / (1 - DEAD_ZONE);
}

const headMatrix = new Matrix4();
const headPosition = new Vector3();
const headRotation = new Quaternion();
const headScale = new Vector3();
