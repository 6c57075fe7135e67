import { useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { type Light, type Object3D, type Scene, SpotLight } from 'three';
import { LAPAROSCOPE } from '../core/kernel/or-layout.ts';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { FRAME_ORDER } from './frame-order.ts';

/** Marks what belongs inside the body: the laparoscope's light, the cavity wall. */
export const INSIDE_BODY = 'insideBody';

/** Luminous intensity (cd) of the scope's light: ≈ 5 lux-units on tissue 25 cm away, as the room's key light gives the table. */
const SCOPE_CANDELA = 0.32;
/** What is left of the room's reflections (image-based light) inside the body: the wet tissue's fill. */
const CAVITY_ENVIRONMENT = 0.06;

/**
 * The laparoscope's light: a spot at the scope's tip pointing along its view, falling off with the square
 * of the distance (decay 2), so its picture has a bright centre and a dark periphery. While the laparoscope's
 * picture is filmed (between `FRAME_ORDER.insideBody` and `backInRoom`) it is on, and the only light: the room's
 * lights are turned to zero (their shadow maps not redrawn) and its reflections dimmed, and what is marked `INSIDE_BODY` (the cavity wall)
 * is shown; after, everything is as the room sees it (the scope's light off). With `mainInside` (the desktop's main view is
 * the laparoscope's picture) the inside stays on for the main view too. The light takes the scope's pose (`view`, read
 * every frame: a held scope moves).
 */
export function LaparoscopeLight({ view, mainInside }: { view: () => CameraView; mainInside: boolean }) {
  const scene = useThree((s) => s.scene);
  const light = useMemo(() => {
    const l = new SpotLight('#fff8f0', 0, 0, ((LAPAROSCOPE.fovDeg / 2) * 1.4 * Math.PI) / 180, 0.7, 2);
    l.name = 'laparoscope-light';
    l.userData[INSIDE_BODY] = true;
    return l;
  }, []);
  const room = useMemo(() => new RoomLighting(), []);

  useFrame(({ gl }) => {
    const { eye, target } = view();
    light.position.set(eye[0], eye[1], eye[2]);
    light.target.position.set(target[0], target[1], target[2]);
    light.target.updateMatrixWorld();
    room.leave(scene);
    light.intensity = SCOPE_CANDELA;
    // The room's shadows fall from lights that are now off: they are not drawn again for this picture.
    gl.shadowMap.autoUpdate = false;
  }, FRAME_ORDER.insideBody);
  useFrame(({ gl }) => {
    if (mainInside) return; // the main view is the laparoscope's picture: it stays inside the body
    room.restore(scene);
    light.intensity = 0; // the room sees the organs by its own lights (intensity, as above: no recompiling)
    gl.shadowMap.autoUpdate = true;
  }, FRAME_ORDER.backInRoom);

  return (
    <>
      <primitive object={light} />
      <primitive object={light.target} />
    </>
  );
}

/**
 * Switches the scene between the room's lighting and the inside of the body, without allocating per frame. The
 * room's lights and what is inside the body are collected by walking the scene once, and again only after the
 * scene changed: every object walked reports a child added or removed (three's `childadded`/`childremoved`).
 */
export class RoomLighting {
  private readonly lights: Light[] = [];
  private readonly intensities: number[] = [];
  private readonly insideOnly: Object3D[] = [];
  private environment = 1;
  /** Whether the room's lights are off now: leaving twice must not take their zeros for their intensities. */
  private inside = false;
  /** The scene the lists were collected from, or null when they must be collected again. */
  private collected: Scene | null = null;
  /** How many times the scene was walked (for the tests). */
  walks = 0;

  private readonly changed = (): void => {
    this.collected = null;
  };

  private readonly collect = (o: Object3D): void => {
    o.addEventListener('childadded', this.changed);
    o.addEventListener('childremoved', this.changed);
    if (o.userData[INSIDE_BODY]) {
      if (!(o as Light).isLight) this.insideOnly.push(o);
    } else if ((o as Light).isLight) this.lights.push(o as Light);
  };

  leave(scene: Scene): void {
    if (this.inside) return;
    this.inside = true;
    if (this.collected !== scene) {
      this.lights.length = 0;
      this.insideOnly.length = 0;
      scene.traverse(this.collect);
      this.collected = scene;
      this.walks++;
    }
    for (let i = 0; i < this.lights.length; i++) {
      this.intensities[i] = this.lights[i]!.intensity;
      this.lights[i]!.intensity = 0; // intensity, not visibility: the same shader programs serve both pictures
    }
    for (const o of this.insideOnly) o.visible = true;
    this.environment = scene.environmentIntensity;
    scene.environmentIntensity = CAVITY_ENVIRONMENT;
  }

  restore(scene: Scene): void {
    if (!this.inside) return;
    this.inside = false;
    for (let i = 0; i < this.lights.length; i++) this.lights[i]!.intensity = this.intensities[i]!;
    for (const o of this.insideOnly) o.visible = false;
    scene.environmentIntensity = this.environment;
  }
}
