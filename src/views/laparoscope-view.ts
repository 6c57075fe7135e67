import type { PerspectiveCamera } from 'three';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { LAPAROSCOPE } from '../core/kernel/or-layout.ts';
import type { SceneName } from '../core/world/scenes/index.ts';
import type { World } from '../core/world/world.ts';

/** The scenes worked through a laparoscope: their desktop main view is its picture, as on the OR monitor. */
export function hasLaparoscope(scene: SceneName): boolean {
  return scene === 'hepatobiliary' || scene === 'pegboard';
}

/** The laparoscope's picture this tick: the held scope's (simulation state), else the theatre's fixed one. */
export function laparoscopeView(world: Pick<World, 'laparoscope'>): CameraView {
  return world.laparoscope?.view ?? LAPAROSCOPE;
}

/**
 * The laparoscope's picture for a learner performing mirrored (docs/accessibility.md, "Left-handed"): the view
 * reflected about the OR layout's plane x = 0, written into `out` (reused frame to frame). Filmed in the world
 * drawn reflected, it is the mirror image of the standard picture; the simulation still judges by `view`.
 */
export function mirroredView(view: CameraView, out: CameraView): CameraView {
  out.eye[0] = 0 - view.eye[0];
  out.eye[1] = view.eye[1];
  out.eye[2] = view.eye[2];
  out.target[0] = 0 - view.target[0];
  out.target[1] = view.target[1];
  out.target[2] = view.target[2];
  out.fovDeg = view.fovDeg;
  out.aspect = view.aspect;
  out.near = view.near;
  return out;
}

/** A camera view to write into (`mirroredView`'s `out`). */
export function scratchView(): CameraView {
  return { eye: [0, 0, 0], target: [0, 0, 0], fovDeg: 1, aspect: 1, near: 1 };
}

/** The laparoscope's picture as the learner sees it: `laparoscopeView`, reflected when the attempt is performed mirrored. */
export function drawnLaparoscopeView(world: Pick<World, 'laparoscope'>, mirrored: boolean, out: CameraView): CameraView {
  const view = laparoscopeView(world);
  return mirrored ? mirroredView(view, out) : view;
}

/**
 * Puts a three camera exactly where the view is (eye, target, world up, fov, aspect, near): the picture
 * it renders is the frustum `inFrustum` judges by.
 */
export function filmWith(camera: PerspectiveCamera, view: CameraView): void {
  camera.position.set(view.eye[0], view.eye[1], view.eye[2]);
  camera.up.set(0, 1, 0);
  camera.lookAt(view.target[0], view.target[1], view.target[2]);
  if (camera.fov !== view.fovDeg || camera.aspect !== view.aspect || camera.near !== view.near) {
    camera.fov = view.fovDeg;
    camera.aspect = view.aspect;
    camera.near = view.near;
    camera.updateProjectionMatrix();
  }
}
