import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Page } from 'playwright-core';
import type { Hand, HandInput, Pose } from '../../../src/core/sim/index.ts';
import { fulcrumTip, handleForTip } from '../../../src/core/instruments/trocar.ts';
import { instrumentSpec } from '../../../src/core/instruments/catalog.ts';
import { PORTS, isLaparoscopic } from '../../../src/input/laparoscopy.ts';
import { GRIP_TO_TIP } from '../../../src/xr/controller-input.ts';

/**
 * Driving the emulated Quest 3 (IWER) so that the app's own controller code produces given instrument
 * tip poses: the inverse of src/xr/controller-input.ts, plus IWER's grip offset, calibrated in the page,
 * and the XR origin (the trainee's floor, fitted to their height).
 */
type Device = { remote: { dispatch(method: string, params?: Record<string, unknown>): Promise<unknown> } };

export interface GripPose {
  position: number[];
  orientation: number[];
}

/** How a wanted grip pose in the scene becomes a controller transform: IWER's grip offset, inverted, and the XR origin. */
export interface GripCalibration {
  offsetInverse: Matrix4;
  origin: number[];
}

/** Sends commands to the emulated headset through the test hook, in order, and waits until it has applied them. */
export function dispatchAll(page: Page, commands: [string, Record<string, unknown>][]): Promise<unknown> {
  return page.evaluate(async (cs) => {
    const device = (window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice;
    return Promise.all(cs.map(([m, p]) => device.remote.dispatch(m, p)));
  }, commands);
}

export function gripPoses(page: Page): Promise<Record<Hand, GripPose | null>> {
  return page.evaluate(() => (window as unknown as { __scrub: { gripPoses(): Promise<Record<Hand, GripPose | null>> } }).__scrub.gripPoses());
}

function matrixOf(p: GripPose): Matrix4 {
  const [x, y, z] = p.position as [number, number, number];
  const [qx, qy, qz, qw] = p.orientation as [number, number, number, number];
  return new Matrix4().compose(new Vector3(x, y, z), new Quaternion(qx, qy, qz, qw), new Vector3(1, 1, 1));
}

export async function xrOrigin(page: Page): Promise<number[]> {
  const origin = await page.evaluate(() => (window as unknown as { __scrub: { xrOrigin(): number[] | null } }).__scrub.xrOrigin());
  if (!origin) throw new Error('no XR origin');
  return origin;
}

/**
 * The grip's pose relative to the controller transform set with `set_transform` (IWER puts the grip
 * space at an offset from it): set a known transform, read back the grip pose the app sees, invert.
 * Returns, per hand, the inverse of that offset (controller = grip · offset⁻¹, in the reference space)
 * and the XR origin now (read after the session's first frames, so after the fit to the trainee).
 */
export async function calibrateGrips(page: Page): Promise<Record<Hand, GripCalibration>> {
  const set: Record<Hand, GripPose> = {
    left: { position: [-0.2, 1.1, -0.3], orientation: [0.1, 0.2, 0.05, Math.sqrt(1 - 0.0525)] },
    right: { position: [0.2, 1.1, -0.3], orientation: [-0.1, 0.2, -0.05, Math.sqrt(1 - 0.0525)] },
  };
  await dispatchAll(page, (['left', 'right'] as const).map((h) => ['set_transform', transformParams(h, matrixOf(set[h]))]));
  // The transform is applied in the frame that processed the command; read two frames later to be sure.
  await gripPoses(page);
  const grips = await gripPoses(page);
  const origin = await xrOrigin(page);
  const out = {} as Record<Hand, GripCalibration>;
  for (const h of ['left', 'right'] as const) {
    const grip = grips[h];
    if (!grip) throw new Error(`no grip pose for the ${h} controller`);
    // grip = controller · offset  →  offset⁻¹ = grip⁻¹ · controller
    out[h] = { offsetInverse: matrixOf(grip).invert().multiply(matrixOf(set[h])), origin };
  }
  return out;
}

/** The `set_transform` params that put a controller's grip at `grip` (scene, through the XR origin). */
export function controllerAtGrip(hand: Hand, grip: GripPose, c: GripCalibration): Record<string, unknown> {
  const [x, y, z] = grip.position as [number, number, number];
  const local = { position: [x - c.origin[0]!, y - c.origin[1]!, z - c.origin[2]!], orientation: grip.orientation };
  return transformParams(hand, matrixOf(local).multiply(c.offsetInverse));
}

function transformParams(hand: Hand, controller: Matrix4): Record<string, unknown> {
  const p = new Vector3();
  const q = new Quaternion();
  controller.decompose(p, q, new Vector3());
  return { device: `controller-${hand}`, position: { x: p.x, y: p.y, z: p.z }, orientation: { x: q.x, y: q.y, z: q.z, w: q.w } };
}

/**
 * What the controller must do for a hand's instrument input `want` (tip pose, jaw): the `set_transform`
 * params, and the tip pose the app will compute from it (through the port for a laparoscopic
 * instrument, whose tip orientation is the wanted one turned to lie along the shaft).
 */
export function controllerFor(hand: Hand, want: HandInput, calibration: GripCalibration): { params: Record<string, unknown>; tip: Pose } {
  const [x, y, z] = want.pose.position;
  const [qx, qy, qz, qw] = want.pose.orientation;
  let grip: GripPose;
  let tip: Pose;
  if (isLaparoscopic(want.instrument)) {
    const port = PORTS[hand];
    const length = instrumentSpec(want.instrument)?.shaftLength ?? 0.33;
    const handle = handleForTip(port, [x, y, z], length);
    const insertion = Math.hypot(x - port.position[0], y - port.position[1], z - port.position[2]);
    // The hand's orientation with its +z along the shaft: the fulcrum then keeps it as it is.
    tip = fulcrumTip(port, { position: handle, orientation: [qx, qy, qz, qw] }, Math.min(length, insertion));
    grip = { position: handle, orientation: [...tip.orientation] };
  } else {
    const q = new Quaternion(qx, qy, qz, qw);
    const back = new Vector3(0, 0, GRIP_TO_TIP).applyQuaternion(q);
    grip = { position: [x + back.x, y + back.y, z + back.z], orientation: [qx, qy, qz, qw] };
    tip = { position: [x, y, z], orientation: [qx, qy, qz, qw] };
  }
  return { params: controllerAtGrip(hand, grip, calibration), tip };
}
