import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Object3D, Group, Mesh, MeshBasicMaterial, PerspectiveCamera, PlaneGeometry, Raycaster, SphereGeometry, Vector2, Vector3 } from 'three';
import { type HandInput, idleInput } from '../../../src/core/kernel/index.ts';
import { DEPTH_RANGE, DesktopInput } from '../../../src/input/desktop-input.ts';

const W = 800;
const H = 600;

/** Above and in front of the surfaces, looking down at them. */
const camera = new PerspectiveCamera(50, W / H, 0.01, 50);
camera.position.set(0, 1.4, 0.4);
camera.lookAt(0, 1, 0);
camera.updateMatrixWorld();

const flat = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial());
flat.rotation.x = -Math.PI / 2;
flat.position.y = 1;
flat.updateMatrixWorld();

const ball = new Mesh(new SphereGeometry(0.1, 64, 32), new MeshBasicMaterial());
ball.position.set(0, 0.95, 0);
ball.updateMatrixWorld();

/** A cursor that meets the ball well off its top, where the line of sight strikes it at a slant. */
const SLANT = [480, 320] as const;

const ndc = (x: number, y: number): Vector2 => new Vector2((x / W) * 2 - 1, 1 - (y / H) * 2);

/**
 * DOM stand-ins (the unit tests run in node, without a DOM library): DesktopInput only listens for events,
 * reads the element's box and captures the pointer.
 */
function canvas(): HTMLElement {
  const box = { left: 0, top: 0, width: W, height: H, right: W, bottom: H, x: 0, y: 0, toJSON: () => ({}) };
  return Object.assign(new EventTarget(), { getBoundingClientRect: () => box, setPointerCapture: () => {} }) as unknown as HTMLElement;
}
const event = (type: string, fields: Record<string, number | boolean>): Event =>
  Object.assign(new Event(type, { cancelable: true }), { pointerId: 1, shiftKey: false, clientX: 0, clientY: 0, buttons: 0, deltaX: 0, deltaY: 0, ...fields });

describe('DesktopInput: the tip under the cursor', () => {
  let element: HTMLElement;
  let input: DesktopInput;
  let hand: HandInput;

  beforeEach(() => {
    vi.stubGlobal('window', new EventTarget());
    element = canvas();
    input = new DesktopInput();
    input.attach(element);
    hand = { ...idleInput().hands.right, instrument: 'adson-forceps' };
  });
  afterEach(() => {
    input.dispose();
    vi.unstubAllGlobals();
  });

  const move = (x: number, y: number, buttons = 0): boolean => element.dispatchEvent(event('pointermove', { clientX: x, clientY: y, buttons }));
  const press = (x: number, y: number): boolean => element.dispatchEvent(event('pointerdown', { clientX: x, clientY: y, buttons: 1 }));
  const release = (x: number, y: number): boolean => window.dispatchEvent(event('pointerup', { clientX: x, clientY: y, buttons: 0 }));
  const wheel = (fields: Record<string, number | boolean>): boolean => element.dispatchEvent(event('wheel', fields));
  const tip = (surface: Object3D): Vector3 => {
    input.update(camera, [surface], hand);
    return new Vector3(...hand.pose.position);
  };

  /** The tip's distance from the surface under the cursor, back along the line of sight. */
  const heightOver = (surface: Object3D, x: number, y: number, at: Vector3): number => {
    const ray = new Raycaster();
    ray.setFromCamera(ndc(x, y), camera);
    const hit = ray.intersectObject(surface)[0];
    if (!hit) throw new Error(`the cursor at (${x}, ${y}) misses the surface`);
    return hit.point.sub(at).dot(ray.ray.direction);
  };
  const expectOnSight = (at: Vector3, x: number, y: number): void => {
    const seen = at.clone().project(camera);
    const cursor = ndc(x, y);
    expect(Math.abs(seen.x - cursor.x)).toBeLessThan(1e-6);
    expect(Math.abs(seen.y - cursor.y)).toBeLessThan(1e-6);
  };

  it('passes through a thread across the line of sight to the surface below it', () => {
    const thread = new Mesh(new SphereGeometry(0.02, 16, 8), new MeshBasicMaterial());
    thread.userData.seeThrough = true;
    const group = new Group();
    group.add(flat, thread);
    move(W / 2, H / 2);
    const below = tip(flat);
    // Halfway between the eye and the surface, on the line of sight through the cursor.
    thread.position.copy(camera.position).lerp(below, 0.5);
    group.updateMatrixWorld(true);
    expect(tip(group).distanceTo(below)).toBeLessThan(1e-9);
    thread.userData.seeThrough = false;
    expect(tip(group).distanceTo(below)).toBeGreaterThan(0.1);
    group.remove(flat, thread);
  });

  it.each([
    ['a flat surface', flat, 400, 300],
    ['a curved surface hit at a slant', ball, ...SLANT],
  ] as const)('keeps the tip on the line of sight through the cursor over %s, at any height', (_, surface, x, y) => {
    move(x, y);
    const { initial, step } = DEPTH_RANGE;
    for (const [deltaY, height] of [
      [0, initial],
      [500, initial - 5 * step],
      [-900, initial + 4 * step],
    ] as const) {
      wheel({ deltaY });
      const at = tip(surface);
      expectOnSight(at, x, y);
      expect(heightOver(surface, x, y, at)).toBeCloseTo(height, 9);
    }
  });

  it('sets the height with the wheel: notches, fine steps sideways or with Shift, merged deltas, jitter ignored, clamped', () => {
    move(400, 300);
    let expected: number = DEPTH_RANGE.initial;
    const steps: [Record<string, number | boolean>, number][] = [
      [{}, 0],
      [{ deltaY: 100 }, -DEPTH_RANGE.step],
      [{ deltaX: 100 }, -DEPTH_RANGE.fine],
      [{ deltaY: 100, shiftKey: true }, -DEPTH_RANGE.fine],
      [{ deltaY: -300, deltaX: -200 }, 3 * DEPTH_RANGE.step + 2 * DEPTH_RANGE.fine],
      // A trackpad's vertical scroll with a little sideways jitter: no fine step.
      [{ deltaY: 100, deltaX: 20 }, -DEPTH_RANGE.step],
      [{ deltaX: 20 }, -DEPTH_RANGE.fine],
    ];
    for (const [fields, change] of steps) {
      wheel(fields);
      expected += change;
      expect(heightOver(flat, 400, 300, tip(flat))).toBeCloseTo(expected, 9);
    }
    wheel({ deltaY: -100_000 });
    expect(heightOver(flat, 400, 300, tip(flat))).toBeCloseTo(DEPTH_RANGE.max, 9);
    wheel({ deltaY: 100_000 });
    expect(heightOver(flat, 400, 300, tip(flat))).toBeCloseTo(DEPTH_RANGE.min, 9);
  });

  it('holding with grasping jaws moves the tip level, and lets go where it is, at the height it had', () => {
    move(400, 300);
    const before = tip(flat);
    press(400, 300);
    expect(tip(flat).distanceTo(before)).toBeLessThan(1e-9);

    move(520, 380, 1);
    const held = tip(flat);
    expect(held.y).toBeCloseTo(before.y, 9);
    expect(held.distanceTo(before)).toBeGreaterThan(0.02);
    expectOnSight(held, 520, 380);
    const releasedAt = heightOver(flat, 520, 380, held);
    expect(Math.abs(releasedAt - DEPTH_RANGE.initial)).toBeGreaterThan(DEPTH_RANGE.fine);

    release(520, 380);
    expect(tip(flat).distanceTo(held)).toBeLessThan(1e-6);
    move(300, 250);
    expect(heightOver(flat, 300, 250, tip(flat))).toBeCloseTo(releasedAt, 9);
  });

  it('a press away from the last posed cursor still holds on the line of sight, and lets go without a jump', () => {
    move(400, 300);
    tip(flat);
    press(430, 320);
    expectOnSight(tip(flat), 430, 320);
    move(480, 340, 1);
    const held = tip(flat);
    expectOnSight(held, 480, 340);
    release(480, 340);
    expect(tip(flat).distanceTo(held)).toBeLessThan(1e-6);
  });

  it('a non-grasping instrument with the button held still rides over the surface', () => {
    hand.instrument = 'scalpel';
    move(400, 300);
    const before = tip(ball);
    press(400, 300);
    move(...SLANT, 1);
    const after = tip(ball);
    expect(heightOver(ball, ...SLANT, after)).toBeCloseTo(DEPTH_RANGE.initial, 9);
    expect(before.y - after.y).toBeGreaterThan(0.01);
  });

  it.each(['adson-forceps', 'scalpel'])('closes the jaws (%s) while the left button is held', (instrument) => {
    hand.instrument = instrument;
    const jaw = (): number => {
      input.update(camera, [flat], hand);
      return hand.jaw;
    };
    move(400, 300);
    expect(jaw()).toBe(0);
    press(400, 300);
    expect(jaw()).toBe(1);
    move(450, 320, 1);
    expect(jaw()).toBe(1);
    release(450, 320);
    expect(jaw()).toBe(0);
  });
});

describe('DesktopInput, mirrored (a left-handed learner)', () => {
  /** The world as drawn for a mirrored learner: a ball off the centre line, in a group reflected about x = 0. */
  const drawn = new Group();
  drawn.scale.set(-1, 1, 1);
  const offCentre = new Mesh(new SphereGeometry(0.1, 64, 32), new MeshBasicMaterial());
  offCentre.position.set(0.06, 0.95, 0);
  drawn.add(offCentre);
  drawn.updateMatrixWorld(true);

  afterEach(() => vi.unstubAllGlobals());

  it('puts the simulation’s tip at the reflection of the tip drawn under the cursor, holding and letting go alike', () => {
    vi.stubGlobal('window', new EventTarget());
    const standard = { input: new DesktopInput(), element: canvas(), hand: { ...idleInput().hands.right, instrument: 'adson-forceps' } };
    const mirrored = { input: new DesktopInput(true), element: canvas(), hand: { ...idleInput().hands.right, instrument: 'adson-forceps' } };
    const both = [standard, mirrored];
    for (const s of both) s.input.attach(s.element);
    const send = (type: string, fields: Record<string, number | boolean>): void => {
      for (const s of both) (type === 'pointerup' ? window : s.element).dispatchEvent(event(type, fields));
    };
    const expectReflected = (): void => {
      for (const s of both) s.input.update(camera, [drawn], s.hand);
      const [x, y, z] = standard.hand.pose.position;
      expect(mirrored.hand.pose.position).toEqual([0 - x, y, z]);
      const [qx, qy, qz, qw] = standard.hand.pose.orientation;
      expect(mirrored.hand.pose.orientation).toEqual([qx, 0 - qy, 0 - qz, qw]);
    };
    send('pointermove', { clientX: 410, clientY: 300 });
    expectReflected();
    send('pointerdown', { clientX: 410, clientY: 300, buttons: 1 });
    send('pointermove', { clientX: SLANT[0], clientY: SLANT[1], buttons: 1 });
    expectReflected();
    send('pointerup', { clientX: SLANT[0], clientY: SLANT[1], buttons: 0 });
    expectReflected();
    // Let go, the height over the surface is the one the drawn tip had, not one measured from its reflection.
    expect(mirrored.input.hands.right.depth).toBeCloseTo(standard.input.hands.right.depth, 12);
    send('pointermove', { clientX: 300, clientY: 250 });
    expectReflected();
    for (const s of both) s.input.dispose();
  });
});
