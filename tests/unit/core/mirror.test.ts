import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Quaternion, Matrix4, Vector3 } from 'three';
import { idleInput, type Quat, type ToolInput, type Vec3 } from '../../../src/core/kernel/input.ts';
import { mirrorOrientation, mirrorPosition, mirrorToolInput, otherHand } from '../../../src/core/kernel/mirror.ts';
import { NEEDLE_COUNTER_CENTRE, PORTS, TABLE_CENTRE, TRAY_CENTRE, WORKSITE, LAPAROSCOPE, SCOPE_PORT } from '../../../src/core/kernel/or-layout.ts';
import { performsMirrored } from '../../../src/core/procedure/handedness.ts';

/** Any value but −0, which the mirror makes +0 (see below). */
const finite = fc.double({ min: -10, max: 10, noNaN: true }).filter((x) => !Object.is(x, -0));
const vec = fc.tuple(finite, finite, finite);
const quat = fc.tuple(finite, finite, finite, finite).filter((q) => Math.hypot(...q) > 1e-3);

function inputOf(p: Vec3, q: Quat, jaw: number): ToolInput {
  const input = idleInput();
  input.hands.left = { pose: { position: [...p], orientation: [...q] }, jaw, buttons: 1, instrument: 'grasper-left' };
  input.hands.right.instrument = 'grasper-right';
  return input;
}

describe('the left-handed mirror', () => {
  it('is its own inverse, bit for bit (the hands swap back too)', () => {
    fc.assert(
      fc.property(vec, quat, fc.double({ min: 0, max: 1, noNaN: true }), (p, q, jaw) => {
        const input = inputOf(p as Vec3, q as Quat, jaw);
        const twice = mirrorToolInput(mirrorToolInput(input, idleInput()), idleInput());
        expect(twice).toEqual(input);
        for (const hand of ['left', 'right'] as const) {
          twice.hands[hand].pose.position.forEach((x, i) => expect(Object.is(x, input.hands[hand].pose.position[i])).toBe(true));
        }
      }),
    );
  });

  it('makes a zero +0 whichever zero it was, so a zero comes back from the mirror as the same zero', () => {
    expect(Object.is(mirrorPosition([0, 0, 0])[0], 0)).toBe(true);
    expect(Object.is(mirrorPosition([-0, 0, 0])[0], 0)).toBe(true);
    expect(Object.is(mirrorOrientation([0, 0, -0, 1])[2], 0)).toBe(true);
  });

  it('gives each hand the other hand’s pose, reflected, with its jaws, buttons and instrument', () => {
    const input = inputOf([0.05, 1, -0.4], [0, 0, 0, 1], 0.7);
    const out = mirrorToolInput(input, idleInput());
    expect(out.hands.right).toEqual({ pose: { position: [-0.05, 1, -0.4], orientation: [0, 0, 0, 1] }, jaw: 0.7, buttons: 1, instrument: 'grasper-left' });
    expect(out.hands.left.instrument).toBe('grasper-right');
    expect(otherHand('left')).toBe('right');
    expect(() => mirrorToolInput(input, input)).toThrow(/must not be the input/);
  });

  it('reflects the laparoscope’s steering: pan and the optic’s turn reversed, tilt and insertion kept; none stays none', () => {
    const input = inputOf([0.05, 1, -0.4], [0, 0, 0, 1], 0.7);
    input.scope = { pan: 0.5, tilt: -0.25, zoom: 1, roll: -1 };
    const out = mirrorToolInput(input, idleInput());
    expect(out.scope).toEqual({ pan: -0.5, tilt: -0.25, zoom: 1, roll: 1 });
    expect(mirrorToolInput(out, idleInput()).scope).toEqual(input.scope);
    expect(input.scope).toEqual({ pan: 0.5, tilt: -0.25, zoom: 1, roll: -1 });
    delete input.scope;
    expect('scope' in mirrorToolInput(input, out)).toBe(false);
  });

  it('reflects an orientation as M·R·M with M = diag(−1, 1, 1): what a scale(−1, 1, 1) view draws', () => {
    fc.assert(
      fc.property(quat, vec, (q, v) => {
        const r = new Quaternion(...q).normalize();
        const m = new Matrix4().makeScale(-1, 1, 1);
        const expected = new Vector3(...v)
          .multiply(new Vector3(-1, 1, 1))
          .applyQuaternion(r)
          .multiply(new Vector3(-1, 1, 1));
        const mirrored = mirrorOrientation([r.x, r.y, r.z, r.w]);
        const got = new Vector3(...v).applyQuaternion(new Quaternion(...mirrored));
        expect(got.distanceTo(expected)).toBeLessThan(1e-9 * (1 + new Vector3(...v).length()));
        // The same through three's decomposition of the mirrored matrix, as the XR input path does it.
        const decomposed = new Quaternion();
        new Matrix4().makeRotationFromQuaternion(r).premultiply(m).decompose(new Vector3(), decomposed, new Vector3());
        expect(Math.abs(decomposed.dot(new Quaternion(...mirrored)))).toBeCloseTo(1, 9);
      }),
    );
  });

  it('reflects about the plane the OR layout is symmetric about: the ports, the scope and the centre line map onto themselves', () => {
    expect(WORKSITE[0]).toBe(0);
    expect(TABLE_CENTRE[0]).toBe(0);
    expect(mirrorPosition([...PORTS.left.position])).toEqual(PORTS.right.position);
    expect(LAPAROSCOPE.eye[0]).toBe(0);
    expect(SCOPE_PORT[0]).toBe(0);
    // What is not symmetric (the tray, the needle counter) is drawn on the other side for a mirrored learner.
    expect(TRAY_CENTRE[0]).not.toBe(0);
    expect(NEEDLE_COUNTER_CENTRE[0]).not.toBe(0);
  });

  it('applies to a left-handed learner where the protocol says mirror, never to a right-handed or unknown one', () => {
    const mirror = { handedness: { leftHanded: 'mirror' as const } };
    const standard = { handedness: { leftHanded: 'standard' as const } };
    expect(performsMirrored(mirror, 'left')).toBe(true);
    expect(performsMirrored(mirror, 'right')).toBe(false);
    expect(performsMirrored(mirror, null)).toBe(false);
    expect(performsMirrored(standard, 'left')).toBe(false);
  });
});
