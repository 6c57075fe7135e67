import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { SkinPadScene } from '../../../src/core/world/scenes/skin-pad.ts';
import { idleInput } from '../../../src/core/kernel/index.ts';
import { protocol } from '../../support/experts.ts';

/**
 * The first steps of the elliptical excision through a whole attempt (freeing and removing the specimen:
 * excision-specimen.test.ts): the skin marker traces an ellipse round the lesion on
 * the pad's surface (3 : 1, long axis along or across the anatomy's tension lines); then, optionally, the
 * scalpel cuts each half of the marking in one stroke.
 */
function markEllipse(axisOffDeg: number, incise = false): Attempt {
  const attempt = new Attempt({ protocol: protocol('elliptical-excision'), mode: 'assess', seed: 1, variant: 'lines-oblique' });
  const scene = attempt.world.scene;
  if (!(scene instanceof SkinPadScene) || !scene.anatomy.lesion) throw new Error('no lesion');
  const { centre, radius } = scene.anatomy.lesion;
  const t = scene.anatomy.tensionLines;
  const axis = Math.atan2(t[2], t[0]) + (axisOffDeg * Math.PI) / 180;
  const b = radius + 0.0025,
    a = 3 * b;
  const input = idleInput();
  input.hands.right.instrument = 'skin-marker';
  // A fusiform: sides that meet at the tips at about 30° (as the expert draws it), not a round-ended oval.
  const at = (u: number): [number, number, number] => {
    const x = a * Math.cos(u),
      z = b * Math.sin(u) * Math.abs(Math.sin(u)) * (1 - 0.6 * Math.cos(u) ** 2);
    return [centre[0] + x * Math.cos(axis) - z * Math.sin(axis), scene.surfaceY + 0.0005, centre[2] + x * Math.sin(axis) + z * Math.cos(axis)];
  };
  const start = at(0);
  input.hands.right.pose.position = [start[0], start[1] + 0.02, start[2]];
  for (let k = 0; k < 120; k++) attempt.tick(input);
  for (let k = 0; k <= 480; k++) {
    input.hands.right.pose.position = at((2 * Math.PI * Math.min(k, 440)) / 440);
    attempt.tick(input);
  }
  if (incise) {
    // Each half of the marking in one stroke, 3 mm deep (through the 2 mm dermis into fat), the blade upright.
    input.hands.right.instrument = 'scalpel';
    for (const [from, to] of [
      [0, Math.PI],
      [Math.PI, 2 * Math.PI],
    ] as const) {
      const first = at(from);
      input.hands.right.pose.position = [first[0], first[1] + 0.01, first[2]];
      for (let k = 0; k < 60; k++) attempt.tick(input);
      for (let k = 0; k <= 360; k++) {
        const u = from + ((to - from) * k) / 360;
        const p = at(u);
        // Blade edge up (+y), flat faces (±x) horizontal, across the direction of the stroke.
        const ahead = at(u + 1e-4),
          behind = at(u - 1e-4);
        const d = [ahead[0] - behind[0], ahead[2] - behind[2]];
        const heading = Math.atan2(d[0]!, d[1]!);
        input.hands.right.pose.orientation = [0, Math.sin(heading / 2), 0, Math.cos(heading / 2)];
        input.hands.right.pose.position = [p[0], scene.surfaceY - 0.003, p[2]];
        attempt.tick(input);
      }
      const last = at(to);
      input.hands.right.pose.position = [last[0], last[1] + 0.01, last[2]];
      for (let k = 0; k < 60; k++) attempt.tick(input);
    }
  }
  return attempt;
}

describe('elliptical excision through an attempt: mark, then incise', () => {
  it('a 3 : 1 ellipse along the tension lines, 2.5 mm clear of the lesion, completes the step with no errors', () => {
    const attempt = markEllipse(0);
    const marks = attempt.actions.filter((x) => x.type === 'mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.ratio).toBeGreaterThan(2.7);
    expect(marks[0]!.ratio).toBeLessThan(3.3);
    expect(marks[0]!.angle).toBeLessThan(3);
    expect(marks[0]!.margin).toBeGreaterThan(2);
    expect(attempt.engine.steps.find((s) => s.id === 'mark-ellipse')?.status).toBe('completed');
    expect(attempt.findingLog.filter((f) => f.type === 'error')).toEqual([]);
  });

  it('then each side in one stroke through the dermis into fat, on the marking: both incision steps, no errors', () => {
    const attempt = markEllipse(0, true);
    const incisions = attempt.actions.filter((x) => x.type === 'incise');
    expect(incisions.map((x) => [x.what, x.structure]).sort()).toEqual([
      ['a', 'subcutaneous-fat'],
      ['b', 'subcutaneous-fat'],
    ]);
    for (const i of incisions) expect(i.distance).toBeLessThan(0.5);
    const status = (id: string) => attempt.engine.steps.find((s) => s.id === id)?.status;
    expect([status('incise-first-side'), status('incise-second-side')]).toEqual(['completed', 'completed']);
    expect(attempt.findingLog.filter((f) => f.type === 'error')).toEqual([]);
  });

  it('the same ellipse across the tension lines is axis-off', () => {
    const attempt = markEllipse(90);
    expect(attempt.findingLog.filter((f) => f.type === 'error').map((f) => (f as { code: string }).code)).toEqual(['axis-off']);
  });
});
