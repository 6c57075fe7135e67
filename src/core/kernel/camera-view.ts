import type { Vec3 } from './input.ts';

/**
 * A camera as the renderer builds it (three's PerspectiveCamera looking from `eye` at `target`, world up +y):
 * the one definition the monitor films with and the "in view" rules judge by.
 */
export interface CameraView {
  eye: Vec3;
  target: Vec3;
  /** Vertical field of view, degrees. */
  fovDeg: number;
  /** Width : height of the picture. */
  aspect: number;
  /** Nearest distance it shows, m. */
  near: number;
}

/** Whether a point lies inside the camera's picture (its view frustum, beyond `near`). */
export function inFrustum(camera: CameraView, p: readonly number[]): boolean {
  const [ex, ey, ez] = camera.eye;
  let fx = camera.target[0] - ex,
    fy = camera.target[1] - ey,
    fz = camera.target[2] - ez;
  const fl = Math.hypot(fx, fy, fz);
  fx /= fl;
  fy /= fl;
  fz /= fl;
  // right = forward × up(0, 1, 0) (+x for a camera looking straight down); the picture's up = right × forward.
  const rl = Math.hypot(fz, fx);
  const rx = rl > 1e-9 ? -fz / rl : 1,
    rz = rl > 1e-9 ? fx / rl : 0;
  const ux = -rz * fy,
    uy = rz * fx - rx * fz,
    uz = rx * fy;
  const vx = p[0]! - ex,
    vy = p[1]! - ey,
    vz = p[2]! - ez;
  const depth = vx * fx + vy * fy + vz * fz;
  if (depth < camera.near) return false;
  const halfHeight = depth * Math.tan((camera.fovDeg * Math.PI) / 360);
  const across = vx * rx + vz * rz;
  const up = vx * ux + vy * uy + vz * uz;
  return Math.abs(up) <= halfHeight && Math.abs(across) <= halfHeight * camera.aspect;
}

/**
 * Where a point lies relative to the picture's centre: its angle off the line of sight (radians; 0 at the centre
 * of the picture) and its distance from the eye (m). A camera-navigation drill centres targets by these.
 */
export function offCentre(camera: CameraView, p: readonly number[]): { angle: number; distance: number } {
  const [ex, ey, ez] = camera.eye;
  const fx = camera.target[0] - ex,
    fy = camera.target[1] - ey,
    fz = camera.target[2] - ez;
  const vx = p[0]! - ex,
    vy = p[1]! - ey,
    vz = p[2]! - ez;
  const distance = Math.hypot(vx, vy, vz);
  const cos = (vx * fx + vy * fy + vz * fz) / (Math.hypot(fx, fy, fz) * distance);
  return { angle: Math.acos(Math.max(-1, Math.min(1, cos))), distance };
}
