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
