/**
 * The laparoscopic fulcrum: a shaft passes through a port in the abdominal wall and pivots there. The
 * tip lies on the line from the handle through the port, `insertion` metres beyond the port, so a hand
 * movement sideways moves the tip the opposite way, scaled by insertion / (handle-to-port distance).
 * Pure functions over plain arrays; `out` parameters let the per-tick path run without allocating.
 */
import type { Pose, Quat, Vec3 } from '../../kernel/input.ts';
import type { Port } from '../../kernel/or-layout.ts';

/** Shaft length inside the body when the handle's shaft end is at `handle`: length − handle-to-port distance, in [0, length]. */
export function insertionFromHandle(port: Port, handle: Vec3, shaftLength: number): number {
  const d = Math.hypot(handle[0] - port.position[0], handle[1] - port.position[1], handle[2] - port.position[2]);
  return Math.min(shaftLength, Math.max(0, shaftLength - d));
}

/**
 * Tip pose for a handle pose and insertion depth. The tip frame's +z (back along the shaft) points
 * from the port to the handle; the hand's roll about the shaft is kept by rotating the hand's
 * orientation through the smallest angle that aligns its +z with the shaft.
 */
export function fulcrumTip(port: Port, handle: Pose, insertion: number, out: Pose = newPose()): Pose {
  const p = port.position;
  const h = handle.position;
  let bx = h[0] - p[0],
    by = h[1] - p[1],
    bz = h[2] - p[2];
  const len = Math.hypot(bx, by, bz);
  if (len < 1e-9) {
    // Handle on the port: the shaft direction is the hand's own +z.
    const z = axisZ(handle.orientation);
    bx = z[0];
    by = z[1];
    bz = z[2];
  } else {
    bx /= len;
    by /= len;
    bz /= len;
  }
  out.position[0] = p[0] - bx * insertion;
  out.position[1] = p[1] - by * insertion;
  out.position[2] = p[2] - bz * insertion;
  alignZ(handle.orientation, bx, by, bz, out.orientation);
  return out;
}

/** Where the handle must be for the tip to reach `tip` with a shaft of `shaftLength` (desktop: the mouse picks the tip). */
export function handleForTip(port: Port, tip: Vec3, shaftLength: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const p = port.position;
  let dx = p[0] - tip[0],
    dy = p[1] - tip[1],
    dz = p[2] - tip[2];
  const inside = Math.hypot(dx, dy, dz);
  if (inside < 1e-9) {
    dx = 0;
    dy = 1;
    dz = 0;
  } else {
    dx /= inside;
    dy /= inside;
    dz /= inside;
  }
  const outside = Math.max(0, shaftLength - inside);
  out[0] = p[0] + dx * outside;
  out[1] = p[1] + dy * outside;
  out[2] = p[2] + dz * outside;
  return out;
}

function newPose(): Pose {
  return { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
}

function axisZ(q: Quat): Vec3 {
  const [x, y, z, w] = q;
  return [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)];
}

/** out = r ⊗ q where r is the shortest rotation taking q's +z onto (tx, ty, tz). */
function alignZ(q: Quat, tx: number, ty: number, tz: number, out: Quat): void {
  const [ax, ay, az] = axisZ(q);
  const dot = ax * tx + ay * ty + az * tz;
  let rx = ay * tz - az * ty,
    ry = az * tx - ax * tz,
    rz = ax * ty - ay * tx;
  let rw = 1 + dot;
  if (rw < 1e-9) {
    // Opposite directions: half a turn about any axis perpendicular to the current +z.
    const ox = Math.abs(ax) < 0.9 ? 1 : 0,
      oy = ox === 1 ? 0 : 1;
    rx = -az * oy;
    ry = az * ox;
    rz = ax * oy - ay * ox;
    rw = 0;
  }
  const n = Math.hypot(rx, ry, rz, rw);
  rx /= n;
  ry /= n;
  rz /= n;
  rw /= n;
  const [qx, qy, qz, qw] = q;
  out[0] = rw * qx + rx * qw + ry * qz - rz * qy;
  out[1] = rw * qy - rx * qz + ry * qw + rz * qx;
  out[2] = rw * qz + rx * qy - ry * qx + rz * qw;
  out[3] = rw * qw - rx * qx - ry * qy - rz * qz;
}
