import { type Camera, type Object3D, Plane, Quaternion, Raycaster, Vector2, Vector3, Euler } from 'three';
import type { Hand, HandInput } from '../core/sim/index.ts';
import { Button, TABLE_TOP_Y } from '../core/sim/index.ts';
import { instrumentSpec } from '../core/instruments/catalog.ts';
import { isLaparoscopic, throughPortToTip } from './laparoscopy.ts';

/** Height of the tip above the surface under the cursor, set with the wheel (metres; negative presses in). */
export const DEPTH_RANGE = { min: -0.02, max: 0.1, initial: 0.012, step: 0.002 } as const;

/** The instrument is held like a pen: shaft rising towards the viewer at this angle from the table. */
const DESKTOP_TILT = new Quaternion().setFromEuler(new Euler(-Math.PI / 3, 0, 0));

/**
 * Mouse and wheel → one hand's instrument input. Pointer events only record the latest state; the
 * raycast runs once per rendered frame in `update()`, so the instrument is posed in the frame its input
 * was read.
 */
export class DesktopInput {
  private readonly ndc = new Vector2(0, 0);
  private hasPointer = false;
  private jawClosed = false;
  depth: number = DEPTH_RANGE.initial;
  /** The hand the mouse drives; the other hand's instrument stays where it was left. */
  hand: Hand = 'right';
  /** Held while the trainee declares (D key): e.g. the critical view of safety, held as a time-out. */
  declaring = false;
  private readonly raycaster = new Raycaster();
  private readonly tablePlane = new Plane(new Vector3(0, 1, 0), -TABLE_TOP_Y);
  private readonly hit = new Vector3();
  private readonly normal = new Vector3();
  private detach: (() => void) | null = null;

  attach(element: HTMLElement): void {
    this.detach?.();
    const move = (e: PointerEvent): void => {
      const r = element.getBoundingClientRect();
      this.ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      this.hasPointer = true;
    };
    const down = (e: PointerEvent): void => {
      move(e);
      if (e.button === 0) this.jawClosed = true;
    };
    const up = (e: PointerEvent): void => {
      if (e.button === 0) this.jawClosed = false;
    };
    const wheel = (e: WheelEvent): void => {
      e.preventDefault();
      const d = this.depth - Math.sign(e.deltaY) * DEPTH_RANGE.step;
      this.depth = Math.min(DEPTH_RANGE.max, Math.max(DEPTH_RANGE.min, d));
    };
    const menu = (e: Event): void => e.preventDefault();
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerdown', down);
    window.addEventListener('pointerup', up);
    element.addEventListener('wheel', wheel, { passive: false });
    element.addEventListener('contextmenu', menu);
    this.detach = () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerdown', down);
      window.removeEventListener('pointerup', up);
      element.removeEventListener('wheel', wheel);
      element.removeEventListener('contextmenu', menu);
    };
  }

  dispose(): void {
    this.detach?.();
    this.detach = null;
  }

  /** Poses the tip on the surface under the cursor (the anatomy, else the table top). */
  update(camera: Camera, surfaces: Object3D[], out: HandInput): void {
    out.jaw = this.jawClosed ? 1 : 0;
    out.buttons = handButtons(out.instrument, this.jawClosed, this.declaring);
    if (!this.hasPointer) return;
    this.raycaster.setFromCamera(this.ndc, camera);
    const hits = this.raycaster.intersectObjects(surfaces, true);
    const first = hits[0];
    if (first) {
      this.hit.copy(first.point);
      if (first.face) this.normal.copy(first.face.normal).transformDirection(first.object.matrixWorld);
      else this.normal.set(0, 1, 0);
    } else if (this.raycaster.ray.intersectPlane(this.tablePlane, this.hit)) {
      this.normal.set(0, 1, 0);
    } else {
      return;
    }
    this.hit.addScaledVector(this.normal, this.depth);
    out.pose.position[0] = this.hit.x;
    out.pose.position[1] = this.hit.y;
    out.pose.position[2] = this.hit.z;
    out.pose.orientation[0] = DESKTOP_TILT.x;
    out.pose.orientation[1] = DESKTOP_TILT.y;
    out.pose.orientation[2] = DESKTOP_TILT.z;
    out.pose.orientation[3] = DESKTOP_TILT.w;
    if (isLaparoscopic(out.instrument)) throughPortToTip(this.hand, out);
  }
}

/**
 * The buttons a hand's input carries: an energy instrument's activation (the foot pedal) follows the main
 * button or trigger; a declaration is held on its own control. Shared by the mouse and the controllers.
 */
export function handButtons(instrument: string | null, main: boolean, declaring: boolean): number {
  let buttons = 0;
  if (main && instrumentSpec(instrument)?.cauterises) buttons |= Button.activate;
  if (declaring) buttons |= Button.secondary;
  return buttons;
}
