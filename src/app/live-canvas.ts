import type { Camera, Object3D, Scene, WebGLRenderer } from 'three';
import type { DesktopInput } from '../input/desktop-input.ts';

/**
 * The canvas on screen: the running session's (its renderer, scene graph and desktop input) or the replay
 * viewer's (no desktop input). The screen publishes it when the canvas is created and clears it on unmount;
 * tools that inspect the page (the browser-test hook) read it here, so the screens never import those tools.
 */
export interface LiveCanvas {
  renderer: WebGLRenderer;
  scene: Scene;
  desktop: { input: DesktopInput; camera: Camera; canvas: HTMLCanvasElement; surfaces(): Object3D[] } | null;
}

let current: LiveCanvas | null = null;

export function liveCanvas(): LiveCanvas | null {
  return current;
}

export function publishLiveCanvas(canvas: LiveCanvas | null): void {
  current = canvas;
}
