import { type Object3D, Quaternion } from 'three';
import type { Quat, Vec3 } from '../core/sim/index.ts';

const target = new Quaternion();

/** Places an object between the previous and the current tick's pose (alpha 0..1). No allocation. */
export function placeInterpolated(
  object: Object3D,
  prevPos: Vec3,
  pos: Vec3,
  prevRot: Quat,
  rot: Quat,
  alpha: number,
): void {
  object.position.set(
    prevPos[0] + (pos[0] - prevPos[0]) * alpha,
    prevPos[1] + (pos[1] - prevPos[1]) * alpha,
    prevPos[2] + (pos[2] - prevPos[2]) * alpha,
  );
  object.quaternion.set(prevRot[0], prevRot[1], prevRot[2], prevRot[3]);
  object.quaternion.slerp(target.set(rot[0], rot[1], rot[2], rot[3]), alpha);
}
