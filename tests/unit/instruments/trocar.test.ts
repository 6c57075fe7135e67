import { describe, expect, it } from 'vitest';
import { fulcrumTip, handleForTip, insertionFromHandle } from '../../../src/core/world/instruments/trocar.ts';
import type { Port } from '../../../src/core/kernel/or-layout.ts';
import type { Pose, Quat, Vec3 } from '../../../src/core/kernel/input.ts';

const port: Port = { position: [0, 1, 0] };
const identity: Quat = [0, 0, 0, 1];
const handle = (position: Vec3, orientation: Quat = identity): Pose => ({ position, orientation });

function zAxis(q: Quat): Vec3 {
  const [x, y, z, w] = q;
  return [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)];
}

describe('trocar fulcrum', () => {
  it('puts the tip on the line from the handle through the port, insertion beyond it', () => {
    const tip = fulcrumTip(port, handle([0, 1.2, 0]), 0.1);
    expect(tip.position[0]).toBeCloseTo(0);
    expect(tip.position[1]).toBeCloseTo(0.9);
    expect(tip.position[2]).toBeCloseTo(0);
    // The shaft (+z of the tip frame) points back up to the handle.
    const z = zAxis(tip.orientation);
    expect(z[1]).toBeCloseTo(1);
  });

  it.each([
    // hand offset sideways (m), handle distance above the port, insertion → tip offset
    [0.02, 0.2, 0.1, -0.01],
    [0.02, 0.2, 0.2, -0.02],
    [-0.01, 0.1, 0.15, 0.015],
    [0.05, 0.25, 0.05, -0.01],
  ])('hand %f m sideways at %f m above, %f m inserted → tip moves %f m (opposite, scaled)', (dx, above, insertion, expected) => {
    const rest = fulcrumTip(port, handle([0, 1 + above, 0]), insertion);
    const moved = fulcrumTip(port, handle([dx, 1 + above, 0]), insertion);
    // Small-angle: the tip's sideways motion is −dx · insertion / above.
    expect(moved.position[0] - rest.position[0]).toBeCloseTo(expected, 2);
    // The tip stays on the sphere of radius `insertion` round the port.
    const p = moved.position;
    expect(Math.hypot(p[0] - port.position[0], p[1] - port.position[1], p[2] - port.position[2])).toBeCloseTo(insertion, 9);
  });

  it('keeps the hand roll about the shaft', () => {
    const roll: Quat = [0, 0, Math.sin(0.3), Math.cos(0.3)]; // about +z
    const tip = fulcrumTip(port, handle([0, 1.2, 0], roll), 0.1);
    // Shaft vertical, so the frame is the roll followed by −90° about x: its x axis stays horizontal, turned 0.6 rad.
    const [x, y, z, w] = tip.orientation;
    const xAxis: Vec3 = [1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)];
    expect(xAxis[1]).toBeCloseTo(0);
    expect(Math.atan2(-xAxis[2], xAxis[0])).toBeCloseTo(0.6);
    expect(Math.hypot(...tip.orientation)).toBeCloseTo(1);
  });

  it('handles a hand pointing exactly away from the shaft', () => {
    const flipped: Quat = [1, 0, 0, 0]; // +z → −z
    const tip = fulcrumTip(port, handle([0, 1, 0.2], flipped), 0.1);
    expect(zAxis(tip.orientation)[2]).toBeCloseTo(1);
    expect(tip.position[2]).toBeCloseTo(-0.1);
  });

  it('derives insertion from the handle and finds the handle for a wanted tip', () => {
    expect(insertionFromHandle(port, [0, 1.25, 0], 0.33)).toBeCloseTo(0.08);
    expect(insertionFromHandle(port, [0, 2, 0], 0.33)).toBe(0);
    const tipWanted: Vec3 = [0.03, 0.92, -0.02];
    const h = handleForTip(port, tipWanted, 0.33);
    const insertion = insertionFromHandle(port, h, 0.33);
    const tip = fulcrumTip(port, handle(h), insertion).position;
    tip.forEach((v, i) => expect(v).toBeCloseTo(tipWanted[i]!, 9));
  });

  it('writes into out without allocating a new pose', () => {
    const out: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
    expect(fulcrumTip(port, handle([0, 1.1, 0]), 0.05, out)).toBe(out);
  });
});
