import { describe, expect, it } from 'vitest';
import { Script } from './script.ts';

/**
 * incise with a human hand's tremor: three sines per axis at 8–12 Hz (as tests/support/human-hand.ts),
 * peak `amplitude`. The stroke runs along z at x = `offset` from a lesion of radius 3 mm at the origin,
 * 3 mm deep, at 7 mm/s (a scalpel's pace).
 */
const LESION = { centre: [0, 0, 0] as [number, number, number], radius: 0.003, tensionLines: [0, 0, 1] as [number, number, number] };
const HZ = [8.3, 10.1, 11.7];

function tremor(t: number, amplitude: number, axis: number): number {
  return HZ.reduce((sum, f, k) => sum + (amplitude / 3) * Math.sin(2 * Math.PI * f * t + 1.7 * axis + 2.3 * k), 0);
}

/** One stroke from z = −15 mm to +15 mm; `depth` below the surface; `lift`: where (z) the blade is lifted clear for 0.1 s. */
function stroke(offset: number, amplitude: number, depth = 0.003, lift?: number) {
  const s = new Script();
  s.geometry = { surfaceY: 0, lesion: LESION };
  s.step({ right: { instrument: 'scalpel', tip: [offset, 0.01, -0.015] } });
  const ticks = Math.round((0.03 / 0.007) * 120);
  const actions = [];
  for (let k = 0; k <= ticks; k++) {
    const t = k / 120;
    const z = -0.015 + (0.03 * k) / ticks;
    const lifted = lift !== undefined && Math.abs(z - lift) < 0.00035;
    const y = lifted ? 0.005 : -depth + tremor(t, amplitude, 1);
    actions.push(...s.step({ right: { tip: [offset + tremor(t, amplitude, 0), y, z + tremor(t, amplitude, 2)] } }));
  }
  actions.push(...s.step({ right: { tip: [offset, 0.01, 0.015] } }));
  return actions.filter((a) => a.type === 'incise');
}

describe('incise: a trembling hand', () => {
  it('a stroke wobbling up and down through the surface is one stroke', () => {
    // 1 mm deep with a 2 mm tremor: the tip leaves the skin at every other wobble.
    const cuts = stroke(0.006, 0.002, 0.001);
    expect(cuts).toHaveLength(1);
  });

  it('a blade lifted clear of the skin (more than 1.5 mm) and put back makes two strokes', () => {
    expect(stroke(0.006, 0, 0.003, 0)).toHaveLength(2);
  });

  it('the margin is of the stroke, not of its farthest wobble: 3 mm clear with a 1 mm tremor is about 3 mm', () => {
    const [cut] = stroke(0.006, 0.001);
    expect(cut!.margin).toBeGreaterThan(2.7);
    expect(cut!.margin).toBeLessThan(3.1);
  });

  it('a cut truly 1.2 mm from the lesion is still 1.2 mm, tremor or not (margin-too-small against 2 mm)', () => {
    for (const amplitude of [0, 0.001, 0.002]) {
      const [cut] = stroke(0.0042, amplitude);
      expect(cut!.margin).toBeLessThan(1.5);
      expect(cut!.margin).toBeGreaterThan(0.9);
    }
  });
});
