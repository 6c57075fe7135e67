import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Hand, HandInput, Pose, Vec3 } from '../core/kernel/index.ts';
import { isLaparoscopic } from '../core/world/instruments/catalog.ts';
import { throughPortFromHandle } from '../core/world/instruments/ports.ts';
import { handButtons } from '../core/world/instruments/catalog.ts';

/** Distance from the controller's grip to the instrument tip, along the grip's forward (−z) axis. */
export const GRIP_TO_TIP = 0.12;

/** Gamepad button indices of the WebXR 'xr-standard' mapping (Quest Touch: A/X at 4, B/Y at 5). */
export const XrButton = { trigger: 0, squeeze: 1, touchpad: 2, thumbstick: 3, aX: 4, bY: 5 } as const;

/**
 * Tracked hands (no controller): the instrument is held in a pinch, its tip this far ahead of the pinch
 * point (between the thumb and index tips) along the hand, like forceps held near their middle.
 */
export const PINCH_TO_TIP = 0.08;
/** Thumb-tip to index-tip distance (m) at and below which the jaws are closed, and at and above which they are open. */
export const PINCH_CLOSED = 0.015;
export const PINCH_OPEN = 0.03;

const holdMatrix = new Matrix4();
const holdPosition = new Vector3();
const holdRotation = new Quaternion();
const holdScale = new Vector3();
const thumbTip = new Vector3();
const indexTip = new Vector3();
const tipOffset = new Vector3();
const handlePose: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };

/**
 * Writes one hand's instrument input from an XR input source in this frame: a tracked hand (the source has
 * `hand`: joints, pinch) or a controller. `at` gets where the hand is in the scene (the grip, or the pinch
 * point), for reaching the tray. Returns false when the source is not tracked this frame (the instrument
 * then stays where it was).
 */
export function readInputSource(
  frame: XRFrame,
  referenceSpace: XRReferenceSpace,
  origin: Matrix4,
  source: XRInputSource,
  hand: Hand,
  out: HandInput,
  at: Vec3,
): boolean {
  const tracked = source.hand
    ? readHand(frame, referenceSpace, origin, source.hand, hand, out)
    : readController(frame, referenceSpace, origin, source, hand, out);
  if (tracked) {
    at[0] = holdPosition.x;
    at[1] = holdPosition.y;
    at[2] = holdPosition.z;
  }
  return tracked;
}

/**
 * A controller: an open instrument's tip sits GRIP_TO_TIP in front of the grip; a laparoscopic one is held
 * by its handle and pivots in its port. The trigger closes the jaws.
 */
function readController(frame: XRFrame, referenceSpace: XRReferenceSpace, origin: Matrix4, source: XRInputSource, hand: Hand, out: HandInput): boolean {
  if (!source.gripSpace) return false;
  const pose = frame.getPose(source.gripSpace, referenceSpace);
  if (!pose) return false;
  holdMatrix.fromArray(pose.transform.matrix).premultiply(origin);
  holdMatrix.decompose(holdPosition, holdRotation, holdScale);
  poseInstrument(hand, GRIP_TO_TIP, out);
  const buttons = source.gamepad?.buttons;
  out.jaw = buttons?.[XrButton.trigger]?.value ?? 0;
  // Trigger: jaws, and energy on an energy instrument. Thumbstick pressed and held: declare. X (the left controller's,
  // whichever hand it drives when mirrored) held: bail out.
  const deciding = handOf(source) === 'left' && (buttons?.[XrButton.aX]?.pressed ?? false);
  out.buttons = handButtons(out.instrument, out.jaw > 0.5, buttons?.[XrButton.thumbstick]?.pressed ?? false, deciding);
  return true;
}

/**
 * A tracked hand: held at the pinch point, turned as the wrist is (its −z runs along the hand towards the
 * fingers, WebXR Hand Input); the jaws close as the thumb and index tips come together. Laparoscopic
 * instruments pivot in their port as with a controller.
 */
function readHand(frame: XRFrame, referenceSpace: XRReferenceSpace, origin: Matrix4, joints: XRHand, hand: Hand, out: HandInput): boolean {
  const wristSpace = joints.get('wrist');
  const thumbSpace = joints.get('thumb-tip');
  const indexSpace = joints.get('index-finger-tip');
  if (!wristSpace || !thumbSpace || !indexSpace || !frame.getJointPose) return false;
  const wrist = frame.getJointPose(wristSpace, referenceSpace);
  const thumb = frame.getJointPose(thumbSpace, referenceSpace);
  const index = frame.getJointPose(indexSpace, referenceSpace);
  if (!wrist || !thumb || !index) return false;
  holdMatrix.fromArray(wrist.transform.matrix).premultiply(origin);
  holdMatrix.decompose(holdPosition, holdRotation, holdScale);
  const t = thumb.transform.position;
  const i = index.transform.position;
  thumbTip.set(t.x, t.y, t.z).applyMatrix4(origin);
  indexTip.set(i.x, i.y, i.z).applyMatrix4(origin);
  holdPosition.copy(thumbTip).add(indexTip).multiplyScalar(0.5);
  poseInstrument(hand, PINCH_TO_TIP, out);
  out.jaw = jawFromPinch(thumbTip.distanceTo(indexTip));
  out.buttons = handButtons(out.instrument, out.jaw > 0.5, false);
  return true;
}

/** Jaw closure from the thumb-tip to index-tip distance: 1 at PINCH_CLOSED and below, 0 at PINCH_OPEN and above. */
export function jawFromPinch(distance: number): number {
  return Math.min(1, Math.max(0, (PINCH_OPEN - distance) / (PINCH_OPEN - PINCH_CLOSED)));
}

/** Poses the instrument from the hold (holdPosition, holdRotation): the tip `reach` ahead, or through the port. */
function poseInstrument(hand: Hand, reach: number, out: HandInput): void {
  tipOffset.set(0, 0, -reach).applyQuaternion(holdRotation).add(holdPosition);
  out.pose.position[0] = tipOffset.x;
  out.pose.position[1] = tipOffset.y;
  out.pose.position[2] = tipOffset.z;
  out.pose.orientation[0] = holdRotation.x;
  out.pose.orientation[1] = holdRotation.y;
  out.pose.orientation[2] = holdRotation.z;
  out.pose.orientation[3] = holdRotation.w;
  if (isLaparoscopic(out.instrument)) {
    handlePose.position = [holdPosition.x, holdPosition.y, holdPosition.z];
    handlePose.orientation = [holdRotation.x, holdRotation.y, holdRotation.z, holdRotation.w];
    throughPortFromHandle(hand, handlePose, out);
  }
}

export function handOf(source: XRInputSource): Hand | null {
  return source.handedness === 'left' || source.handedness === 'right' ? source.handedness : null;
}

/** Whether a gamepad button went down (or a pinch closed) since the last frame, per source and button. */
export class ButtonEdges {
  private readonly down = new Map<string, boolean>();

  pressed(source: XRInputSource, button: number): boolean {
    return this.edge(`${source.handedness}:${button}`, source.gamepad?.buttons[button]?.pressed ?? false);
  }

  /** Whether a tracked hand's pinch closed the jaws fully since the last frame. */
  pinched(hand: Hand, jaw: number): boolean {
    return this.edge(`${hand}:pinch`, jaw >= 1);
  }

  private edge(key: string, now: boolean): boolean {
    const before = this.down.get(key) ?? false;
    this.down.set(key, now);
    return now && !before;
  }
}
