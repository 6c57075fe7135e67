import type { SceneName } from '../core/world/scenes/index.ts';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { WORKSITE } from '../core/kernel/or-layout.ts';
import type { Vec3 } from '../core/kernel/input.ts';
import { SKIN_PAD_SIZE } from '../core/world/anatomy/skin-pad.ts';
import { PerspectiveCamera, Vector3 } from 'three';

/**
 * The desktop's room camera: where it starts for each scene, its field of view, and the loupe (laparoscopic
 * scenes start on the laparoscope's picture instead, src/views/MainView.tsx). The mouse puts the tip under
 * the cursor, so what one pixel covers at the worksite is the finest lateral step a learner can make
 * (`mmPerPixel`; figures in docs/instruments.md).
 *
 * A scene's start is data (`DESKTOP_STARTS`): a fixed eye, or its worksite framed as the surgeon standing at
 * the table sees it — looking down from `elevationDeg` above the table, as close as makes the worksite span
 * `fill` of the picture (`framedEye`). The skin pad is framed so: it spans about half the picture's height and
 * width, and every tip of the shipped open scripts (forceps lifting a suture's tail included) stays inside the
 * picture, where a cursor can reach it (tests/unit/views/framing.test.ts).
 */
export type DesktopStart =
  | { eye: Vec3; fovDeg: number }
  | {
      /** The worksite's width (x) and depth (z) on the table, m, centred on WORKSITE. */
      worksite: readonly [number, number];
      /** The line of sight's angle above the table, degrees (90: straight down), from the learner's side. */
      elevationDeg: number;
      fovDeg: number;
      /** The larger of the fractions of the picture's width and height the worksite spans, at REFERENCE_ASPECT. */
      fill: number;
    };

/** The window shape a framing is fitted to (1.6: a 1280×800 or 960×600 window; a wider one shows more at the sides). */
export const REFERENCE_ASPECT = 1.6;

export const DESKTOP_STARTS: Record<SceneName, DesktopStart> = {
  'skin-pad': { worksite: SKIN_PAD_SIZE, elevationDeg: 82, fovDeg: 20, fill: 0.48 },
  hepatobiliary: { eye: [0, 1.2, -0.2], fovDeg: 50 },
  pegboard: { eye: [0, 1.25, -0.12], fovDeg: 50 },
};

/** Where each scene's room camera starts (it looks at WORKSITE). */
export const DESKTOP_VIEWS = mapScenes((start) => ('eye' in start ? start.eye : framedEye(start)));

/** Vertical field of view at the loupe's 1×, degrees, per scene. */
export const DESKTOP_FOVS = mapScenes((start) => start.fovDeg);

function mapScenes<T>(f: (start: DesktopStart) => T): Record<SceneName, T> {
  const entries = Object.entries(DESKTOP_STARTS) as [SceneName, DesktopStart][];
  return Object.fromEntries(entries.map(([scene, start]) => [scene, f(start)])) as Record<SceneName, T>;
}

/**
 * The eye that frames a worksite: on the line from WORKSITE at `elevationDeg`, towards the learner (+z), at
 * the distance where the worksite spans `fill` of the picture (found by bisection: the span shrinks with distance).
 */
export function framedEye({ worksite, elevationDeg, fovDeg, fill }: Extract<DesktopStart, { worksite: unknown }>): Vec3 {
  const up = (elevationDeg * Math.PI) / 180;
  const at = (distance: number): Vec3 => [WORKSITE[0], WORKSITE[1] + distance * Math.sin(up), WORKSITE[2] + distance * Math.cos(up)];
  let [near, far] = [0.05, 5];
  for (let i = 0; i < 60; i++) {
    const mid = (near + far) / 2;
    const { width, height } = worksiteSpan(at(mid), fovDeg, REFERENCE_ASPECT, worksite);
    if (Math.max(width, height) > fill) near = mid;
    else far = mid;
  }
  return at((near + far) / 2);
}

/** A camera at `eye` looking at WORKSITE, as the room view builds it. */
export function roomCamera(eye: readonly number[], fovDeg: number, aspect: number): PerspectiveCamera {
  const camera = new PerspectiveCamera(fovDeg, aspect, 0.01, 50);
  camera.position.set(eye[0]!, eye[1]!, eye[2]!);
  camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
  camera.updateMatrixWorld();
  return camera;
}

/** The fractions of the picture's width and height that a worksite (width × depth on the table at WORKSITE) spans. */
export function worksiteSpan(
  eye: readonly number[],
  fovDeg: number,
  aspect: number,
  [width, depth]: readonly [number, number],
): { width: number; height: number } {
  const camera = roomCamera(eye, fovDeg, aspect);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const sx of [-0.5, 0.5])
    for (const sz of [-0.5, 0.5]) {
      const p = new Vector3(WORKSITE[0] + sx * width, WORKSITE[1], WORKSITE[2] + sz * depth).project(camera);
      xs.push(p.x);
      ys.push(p.y);
    }
  // Normalised device coordinates run −1 … 1 across the picture.
  return { width: (Math.max(...xs) - Math.min(...xs)) / 2, height: (Math.max(...ys) - Math.min(...ys)) / 2 };
}

/**
 * The loupe's magnifications (Z steps up, Shift+Z down, or the HUD's buttons): the field of view narrows about
 * the worksite the camera looks at, the camera stays where it is. Surgical loupes are mostly 2.5×; 4× for fine work.
 */
export const LOUPE_ZOOMS = [1, 1.5, 2.5, 4] as const;
export type LoupeZoom = (typeof LOUPE_ZOOMS)[number];

/** The next magnification up (`step` 1, after the highest: 1×) or down (−1, below 1×: the highest). */
export function nextLoupeZoom(zoom: LoupeZoom, step: 1 | -1 = 1): LoupeZoom {
  const n = LOUPE_ZOOMS.length;
  return LOUPE_ZOOMS[(LOUPE_ZOOMS.indexOf(zoom) + step + n) % n]!;
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
