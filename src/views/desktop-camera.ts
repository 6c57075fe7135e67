import type { SceneName } from '../core/world/scenes/index.ts';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { WORKSITE } from '../core/kernel/or-layout.ts';

/**
 * The desktop's room camera: where it starts for each scene, its field of view, and the loupe (laparoscopic
 * scenes start on the laparoscope's picture instead, src/views/MainView.tsx). The mouse puts the tip under
 * the cursor, so what one pixel covers at the worksite is the finest lateral step a learner can make
 * (`mmPerPixel`; figures in docs/instruments.md). Close enough at the start to see a 3 mm wound gap, and far
 * enough back that forceps lifting a suture's tail 17 cm above the pad stay in view. (A steeper, closer skin-pad
 * view — 45 cm, 82°, a 30° field — fits the shipped scripts' tips but broke the mouse-driven suture expert's
 * first chunk in tests/e2e/desktop-expert.e2e.ts, so it is not used yet.)
 */
export const DESKTOP_VIEWS: Record<SceneName, [number, number, number]> = {
  'skin-pad': [0, 1.3, -0.2],
  hepatobiliary: [0, 1.2, -0.2],
  pegboard: [0, 1.25, -0.12],
};

/** Vertical field of view at the loupe's 1×, degrees, per scene. */
export const DESKTOP_FOVS: Record<SceneName, number> = { 'skin-pad': 50, hepatobiliary: 50, pegboard: 50 };

/** The loupe's magnifications, cycled by its key: the field of view narrows, the camera stays where it is. */
export const LOUPE_ZOOMS = [1, 2, 4] as const;
export type LoupeZoom = (typeof LOUPE_ZOOMS)[number];

export function nextLoupeZoom(zoom: LoupeZoom): LoupeZoom {
  return LOUPE_ZOOMS[(LOUPE_ZOOMS.indexOf(zoom) + 1) % LOUPE_ZOOMS.length]!;
}

/** Vertical field of view, degrees, of a scene's room view at a loupe magnification. */
export function loupeFov(scene: SceneName, zoom: number): number {
  return (2 * Math.atan(Math.tan((DESKTOP_FOVS[scene] * Math.PI) / 360) / zoom) * 180) / Math.PI;
}

/** Millimetres one pixel covers at the worksite's centre, seen from a scene's starting view in a viewport `heightPx` tall. */
export function mmPerPixel(scene: SceneName, heightPx: number, zoom: number): number {
  const [x, y, z] = DESKTOP_VIEWS[scene];
  const distance = Math.hypot(x - WORKSITE[0], y - WORKSITE[1], z - WORKSITE[2]);
  return (2 * distance * Math.tan((loupeFov(scene, zoom) * Math.PI) / 360) * 1000) / heightPx;
}

/** Millimetres one pixel covers where a laparoscope looks (its target), its picture `heightPx` tall on the screen. */
export function scopeMmPerPixel(view: CameraView, heightPx: number): number {
  const distance = Math.hypot(view.target[0] - view.eye[0], view.target[1] - view.eye[1], view.target[2] - view.eye[2]);
  return (2 * distance * Math.tan((view.fovDeg * Math.PI) / 360) * 1000) / heightPx;
}
