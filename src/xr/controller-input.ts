import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Hand, HandInput, Pose } from '../core/sim/index.ts';
import { isLaparoscopic, throughPortFromHandle } from '../input/laparoscopy.ts';
import { handButtons } from '../input/desktop-input.ts';

/** Distance from the controller's grip to the instrument tip, along the grip's forward (−z) axis. */
export const GRIP_TO_TIP = 0.12;

/** Gamepad button indices of the WebXR 'xr-standard' mapping (Quest Touch: A/X at 4, B/Y at 5). */
export const XrButton = { trigger: 0, squeeze: 1, touchpad: 2, thumbstick: 3, aX: 4, bY: 5 } as const;

const gripMatrix = new Matrix4();
const gripPosition = new Vector3();
const gripRotation = new Quaternion();
const gripScale = new Vector3();
const tipOffset = new Vector3();
const handlePose: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };

/**
 * Writes one hand's instrument input from a controller's grip pose in this XR frame: an open instrument's
 * tip sits GRIP_TO_TIP in front of the grip; a laparoscopic one is held by its handle and pivots in its
 * port. The trigger closes the jaws. Returns false when the controller is not tracked this frame (the
 * instrument then stays where it was).
 */
export function readController(
  frame: XRFrame,
  referenceSpace: XRReferenceSpace,
  origin: Matrix4,
  source: XRInputSource,
  hand: Hand,
  out: HandInput,
): boolean {
  if (!source.gripSpace) return false;
  const pose = frame.getPose(source.gripSpace, referenceSpace);
  if (!pose) return false;
  gripMatrix.fromArray(pose.transform.matrix).premultiply(origin);
  gripMatrix.decompose(gripPosition, gripRotation, gripScale);
  tipOffset.set(0, 0, -GRIP_TO_TIP).applyQuaternion(gripRotation).add(gripPosition);
  out.pose.position[0] = tipOffset.x;
  out.pose.position[1] = tipOffset.y;
  out.pose.position[2] = tipOffset.z;
  out.pose.orientation[0] = gripRotation.x;
  out.pose.orientation[1] = gripRotation.y;
  out.pose.orientation[2] = gripRotation.z;
  out.pose.orientation[3] = gripRotation.w;
  if (isLaparoscopic(out.instrument)) {
    handlePose.position = [gripPosition.x, gripPosition.y, gripPosition.z];
    handlePose.orientation = [gripRotation.x, gripRotation.y, gripRotation.z, gripRotation.w];
    throughPortFromHandle(hand, handlePose, out);
  }
  const buttons = source.gamepad?.buttons;
  out.jaw = buttons?.[XrButton.trigger]?.value ?? 0;
  // Trigger: jaws, and energy on an energy instrument. Thumbstick pressed and held: declare.
  out.buttons = handButtons(out.instrument, out.jaw > 0.5, buttons?.[XrButton.thumbstick]?.pressed ?? false);
  return true;
}

export function handOf(source: XRInputSource): Hand | null {
  return source.handedness === 'left' || source.handedness === 'right' ? source.handedness : null;
}

/** Whether a gamepad button went down since the last frame, per source and button. */
export class ButtonEdges {
  private readonly down = new Map<string, boolean>();

  pressed(source: XRInputSource, button: number): boolean {
    const key = `${source.handedness}:${button}`;
    const now = source.gamepad?.buttons[button]?.pressed ?? false;
    const before = this.down.get(key) ?? false;
    this.down.set(key, now);
    return now && !before;
  }
}
