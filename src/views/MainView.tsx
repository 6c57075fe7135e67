import { useEffect } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { WORKSITE } from '../core/kernel/or-layout.ts';
import { FRAME_ORDER } from './frame-order.ts';
import { filmWith } from './laparoscope-view.ts';

/** The desktop's main view: the laparoscope's picture (laparoscopic scenes) or the room seen from the table. */
export type MainView = 'laparoscope' | 'room';

/** Nearest distance the room view shows (m). */
const ROOM_NEAR = 0.01;

/**
 * The laparoscope's picture as the desktop's main view: every frame the main camera takes the scope's
 * pose, fov, aspect and near (the canvas is letterboxed to that aspect), so the screen shows exactly what
 * the "in view" rules judge. Not while presenting in VR: the headset is the camera then.
 */
export function LaparoscopeMainView({ view }: { view: () => CameraView }) {
  useFrame((state) => {
    if (state.gl.xr.isPresenting) return;
    filmWith(state.camera as PerspectiveCamera, view());
  }, FRAME_ORDER.views);
  return null;
}

/**
 * The room view: back to the scene's desktop start, looking at the worksite, with the canvas's aspect (the
 * loupe, mounted after it, sets the fov).
 */
export function RoomView({ start }: { start: readonly [number, number, number] }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const get = useThree((s) => s.get);
  useEffect(() => {
    const { width, height } = get().size;
    camera.position.set(start[0], start[1], start[2]);
    camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
    camera.near = ROOM_NEAR;
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
  }, [camera, get, start]);
  return null;
}
