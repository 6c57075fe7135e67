/**
 * An instrument held through the hand's port (kernel/or-layout.ts PORTS): the mappings every input
 * source shares, so the VR path, the mouse path and the expert planner agree on the fulcrum.
 */
import type { Hand, HandInput, Pose, Vec3 } from '../../kernel/input.ts';
import { PORTS } from '../../kernel/or-layout.ts';
import { instrumentSpec } from './catalog.ts';
import { fulcrumTip, handleForTip, insertionFromHandle } from './trocar.ts';

const handle: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };
const tip: Pose = { position: [0, 0, 0], orientation: [0, 0, 0, 1] };

/**
 * VR: the controller holds the instrument's handle; the shaft pivots in the hand's port, so the tip
 * moves opposite to the hand, scaled by how deep the shaft is in (the fulcrum effect).
 */
export function throughPortFromHandle(hand: Hand, handlePose: Pose, out: HandInput): void {
  const length = instrumentSpec(out.instrument)?.shaftLength ?? 0.33;
  fulcrumTip(PORTS[hand], handlePose, insertionFromHandle(PORTS[hand], handlePose.position, length), tip);
  copyPose(tip, out);
}

/** Desktop: the mouse picks the tip; the shaft then runs from the tip back out through the port. */
export function throughPortToTip(hand: Hand, out: HandInput): void {
  const length = instrumentSpec(out.instrument)?.shaftLength ?? 0.33;
  handleForTip(PORTS[hand], out.pose.position, length, handle.position);
  handle.orientation = out.pose.orientation;
  fulcrumTip(PORTS[hand], handle, length - distance(PORTS[hand].position, handle.position), tip);
  copyPose(tip, out);
}

function copyPose(from: Pose, to: HandInput): void {
  for (let i = 0; i < 3; i++) to.pose.position[i] = from.position[i]!;
  for (let i = 0; i < 4; i++) to.pose.orientation[i] = from.orientation[i]!;
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
