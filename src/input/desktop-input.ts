import { type Camera, type Object3D, type Ray, Euler, Plane, Quaternion, Raycaster, Vector2, Vector3 } from 'three';
import type { Hand, HandInput } from '../core/kernel/index.ts';
import { TABLE_TOP_Y } from '../core/kernel/index.ts';
import { handButtons, instrumentSpec, isLaparoscopic } from '../core/world/instruments/catalog.ts';
import { throughPortToTip } from '../core/world/instruments/ports.ts';
import { mirrorPose } from '../core/kernel/mirror.ts';

/**
 * Height of the tip above the surface under the cursor, measured back along the line of sight and set with
 * the wheel (metres; negative presses in); `fine` is the step with Shift held or scrolling sideways.
 */
export const DEPTH_RANGE = { min: -0.02, max: 0.25, initial: 0.012, step: 0.002, fine: 0.0005 } as const;

/** Shift + right drag turns the instrument: radians per pixel (yaw across, tilt up and down). */
export const TURN_PER_PIXEL = (0.25 * Math.PI) / 180;
/** `PointerEvent.buttons` bits. */
const LEFT = 1;
const RIGHT = 2;

/** Q / E turn the instrument about its shaft (the wrist's pronation and supination), per press or key repeat. */
export const ROLL_STEP = (2 * Math.PI) / 180;

/**
 * How the instrument is held, as yaw (about the vertical), tilt (about its own x) and roll (about its
 * shaft), three.js 'YXZ' order. At rest it is held like a pen: the shaft rising towards the viewer at 60°
 * from the table.
 */
const REST = { tilt: -Math.PI / 3, yaw: 0, roll: 0 } as const;

/**
 * Mouse, wheel and keys → one hand's instrument input. Pointer events only record the latest state; the
 * raycast runs once per rendered frame in `update()`, so the instrument is posed in the frame its input
 * was read.
 *
 * With its jaws open the tip rides over the surface under the cursor, the wheel setting its height back
 * along the line of sight, so the tip is always drawn exactly under the cursor and a thin structure (a duct)
 * or one partly hidden is reached by pointing at it and turning the wheel. While
 * a grasping instrument holds its jaws closed the tip keeps its height instead — the cursor moves it level
 * and the wheel lifts or lowers it — so whatever it holds never comes between the cursor and the surface.
 * Each hand keeps its own jaws, height and grip on the instrument: switching hands with the button held
 * leaves the first hand holding (a ratchet), and it lets go when the button is clicked on it again.
 */
export class DesktopInput {
  private readonly ndc = new Vector2(0, 0);
  private hasPointer = false;
  /**
   * Whether the tip is placed only when the cursor, the wheel or a key moved it (a moving laparoscope as the
   * main view): else the camera following the tip would carry the world under a still cursor, and the tip
   * with it, and on. Off, the tip is placed under the cursor every frame (it rides moving tissue).
   */
  placeOnlyWhenMoved = false;
  private moved = true;
  /** The hand the mouse drives; the other hand's instrument stays as it was left. */
  hand: Hand = 'right';
  /** Held while the trainee declares (e.g. the critical view of safety, held as a time-out). */
  declaring = false;
  /** Held while the trainee decides (a bail-out), recorded with the input like a declaration. */
  deciding = false;
  readonly hands: Record<Hand, HandState> = { left: restingHand(), right: restingHand() };
  private turning: { x: number; y: number } | null = null;
  /** The mouse buttons last seen held (`PointerEvent.buttons`). */
  private buttons = 0;
  private readonly raycaster = new Raycaster();
  private readonly tablePlane = new Plane(new Vector3(0, 1, 0), -TABLE_TOP_Y);
  private readonly heldPlane = new Plane(new Vector3(0, 1, 0), 0);
  private readonly hit = new Vector3();
  private readonly tip = new Vector3();
  private readonly euler = new Euler(0, 0, 0, 'YXZ');
  private readonly quaternion = new Quaternion();
  private detach: (() => void) | null = null;

  /**
   * `mirrored`: the world is drawn reflected (a left-handed learner, docs/accessibility.md): the cursor's ray
   * meets the reflected surfaces, so the tip found there is reflected back into the simulation's world, and
   * `hand` is the simulation's hand (its default, the right, being the dominant hand the learner's left plays).
   */
  constructor(private readonly mirrored = false) {}

  attach(element: HTMLElement): void {
    this.detach?.();
    // Buttons are read from `e.buttons` on every pointer event: a second button pressed or released while
    // one is held (a chord) comes as a pointermove, not a pointerdown or pointerup.
    const buttons = (e: PointerEvent): boolean => {
      const was = this.buttons;
      this.buttons = e.buttons;
      if ((e.buttons & LEFT) !== (was & LEFT)) this.hands[this.hand].closed = (e.buttons & LEFT) !== 0;
      if ((e.buttons & RIGHT) === 0) this.turning = null;
      else if ((was & RIGHT) === 0 && e.shiftKey) {
        // Captured, so a long drag keeps turning past the canvas edge.
        element.setPointerCapture(e.pointerId);
        this.turning = { x: e.clientX, y: e.clientY };
        return true;
      }
      return false;
    };
    const pointer = (e: PointerEvent): void => {
      this.moved = true;
      if (buttons(e)) return;
      if (this.turning) {
        const held = this.hands[this.hand];
        held.yaw -= (e.clientX - this.turning.x) * TURN_PER_PIXEL;
        held.tilt -= (e.clientY - this.turning.y) * TURN_PER_PIXEL;
        this.turning = { x: e.clientX, y: e.clientY };
        return;
      }
      const r = element.getBoundingClientRect();
      this.ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      this.hasPointer = true;
    };
    const up = (e: PointerEvent): void => void buttons(e);
    const wheel = (e: WheelEvent): void => {
      e.preventDefault();
      // Scrolling sideways (a trackpad, a tilting wheel) gives fine steps, and so does Shift + wheel, which
      // Chrome turns into a sideways scroll (elsewhere it may stay vertical, with shiftKey set). A notch is
      // ~100 px, and events that arrive together are merged, so larger deltas count as several notches.
      const notches = (delta: number): number => (delta === 0 ? 0 : Math.sign(delta) * Math.max(1, Math.round(Math.abs(delta) / 100)));
      // A sideways part under half a notch beside a vertical scroll is a trackpad's jitter, not a fine step.
      const sideways = e.deltaY !== 0 && Math.abs(e.deltaX) < 50 ? 0 : e.deltaX;
      const coarse = e.shiftKey ? 0 : notches(e.deltaY);
      const fine = notches(sideways) + (e.shiftKey ? notches(e.deltaY) : 0);
      this.raise(-coarse * DEPTH_RANGE.step - fine * DEPTH_RANGE.fine);
    };
    const menu = (e: Event): void => e.preventDefault();
    element.addEventListener('pointermove', pointer);
    element.addEventListener('pointerdown', pointer);
    window.addEventListener('pointerup', up);
    element.addEventListener('wheel', wheel, { passive: false });
    element.addEventListener('contextmenu', menu);
    this.detach = () => {
      element.removeEventListener('pointermove', pointer);
      element.removeEventListener('pointerdown', pointer);
      window.removeEventListener('pointerup', up);
      element.removeEventListener('wheel', wheel);
      element.removeEventListener('contextmenu', menu);
    };
  }

  dispose(): void {
    this.detach?.();
    this.detach = null;
  }

  /** Raises (or with a negative `metres`, lowers) the active hand's tip: over the surface, or level while holding. */
  raise(metres: number): void {
    this.moved = true;
    const held = this.hands[this.hand];
    if (held.heldHeight !== null) held.heldHeight += metres;
    else held.depth = Math.min(DEPTH_RANGE.max, Math.max(DEPTH_RANGE.min, held.depth + metres));
  }

  /** Turns the active hand's instrument about its shaft (radians, positive = clockwise seen from the hand). */
  roll(radians: number): void {
    this.moved = true;
    this.hands[this.hand].roll += radians;
  }

  /** Poses the active hand's tip under the cursor (see the class comment), in the frame it is read. */
  update(camera: Camera, surfaces: Object3D[], out: HandInput): void {
    const held = this.hands[this.hand];
    out.jaw = held.closed ? 1 : 0;
    out.buttons = handButtons(out.instrument, held.closed, this.declaring, this.deciding);
    const holding = held.closed && (instrumentSpec(out.instrument)?.grasps ?? false);
    if (!holding && held.heldHeight !== null) this.endHolding(camera, surfaces, out);
    else if (holding && held.heldHeight === null) this.beginHolding(out);
    if (this.placeOnlyWhenMoved && !this.moved) return;
    this.moved = false;
    if (!this.hasPointer || !this.tipUnder(camera, surfaces, this.ndc, this.hit)) return;
    out.pose.position[0] = this.hit.x;
    out.pose.position[1] = this.hit.y;
    out.pose.position[2] = this.hit.z;
    this.quaternion.setFromEuler(this.euler.set(held.tilt, held.yaw, held.roll, 'YXZ'));
    out.pose.orientation[0] = this.quaternion.x;
    out.pose.orientation[1] = this.quaternion.y;
    out.pose.orientation[2] = this.quaternion.z;
    out.pose.orientation[3] = this.quaternion.w;
    if (this.mirrored) mirrorPose(out.pose);
    if (isLaparoscopic(out.instrument)) throughPortToTip(this.hand, out);
  }

  /**
   * The jaws just closed: the tip keeps its height. It stays on the line of sight through the cursor, so it
   * is still drawn under the cursor and lets go there.
   */
  private beginHolding(out: HandInput): void {
    this.hands[this.hand].heldHeight = out.pose.position[1];
  }

  /**
   * The jaws just opened: the height over the surface becomes the one the tip has, so it lets go where it is
   * (within DEPTH_RANGE: a tip held higher drops to the top of the range).
   */
  private endHolding(camera: Camera, surfaces: Object3D[], out: HandInput): void {
    const held = this.hands[this.hand];
    held.heldHeight = null;
    if (!this.hasPointer || !this.surfaceUnder(camera, surfaces, this.ndc, this.hit)) return;
    const [x, y, z] = out.pose.position;
    // The hit is where the surface is drawn: compare it with the tip as drawn.
    if (this.mirrored) this.tip.set(0 - x, y, z);
    else this.tip.set(x, y, z);
    const depth = this.hit.sub(this.tip).dot(this.raycaster.ray.direction);
    held.depth = Math.min(DEPTH_RANGE.max, Math.max(DEPTH_RANGE.min, depth));
  }

  /**
   * Where the active hand's (or `hand`'s) tip goes for a cursor at `ndc`: level at the held height while holding, else
   * the surface under the cursor raised by the hand's depth towards the eye. False when the cursor points
   * at nothing.
   */
  tipUnder(camera: Camera, surfaces: Object3D[], ndc: Vector2, out: Vector3, hand: Hand = this.hand): boolean {
    const held = this.hands[hand];
    if (held.heldHeight !== null) {
      this.raycaster.setFromCamera(ndc, camera);
      this.heldPlane.constant = -held.heldHeight;
      return this.raycaster.ray.intersectPlane(this.heldPlane, out) !== null;
    }
    if (!this.surfaceUnder(camera, surfaces, ndc, out)) return false;
    out.addScaledVector(this.raycaster.ray.direction, -held.depth);
    return true;
  }

  /**
   * The point of the surface under a cursor at `ndc` (the anatomy, not its threads, else the table top); the line of sight
   * is left in `ray` (unit direction away from the eye).
   */
  surfaceUnder(camera: Camera, surfaces: Object3D[], ndc: Vector2, point: Vector3): boolean {
    this.raycaster.setFromCamera(ndc, camera);
    // Threads (`userData.seeThrough`) are passed through: seen from above, a suture held up by the forceps
    // crosses the line of sight to the tissue below, and the tip would jump onto it.
    const first = this.raycaster.intersectObjects(surfaces, true).find((hit) => hit.object.userData.seeThrough !== true);
    if (first) {
      point.copy(first.point);
      return true;
    }
    return this.raycaster.ray.intersectPlane(this.tablePlane, point) !== null;
  }

  /** The line of sight of the last `surfaceUnder` or `tipUnder`. */
  get ray(): Readonly<Ray> {
    return this.raycaster.ray;
  }
}

/** One hand's state on the desktop: jaws, tip height and how the instrument is turned. */
export interface HandState {
  closed: boolean;
  /** Height above the surface under the cursor, along the line of sight, while the jaws are open (m). */
  depth: number;
  /** World height the tip keeps while a grasping instrument's jaws are closed, else null (m). */
  heldHeight: number | null;
  yaw: number;
  tilt: number;
  roll: number;
}

function restingHand(): HandState {
  return { closed: false, depth: DEPTH_RANGE.initial, heldHeight: null, ...REST };
}
