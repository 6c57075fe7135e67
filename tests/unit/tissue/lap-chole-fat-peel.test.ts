import { describe, expect, it } from 'vitest';
import { World } from '../../../src/core/world/world.ts';
import type { Vec3 } from '../../../src/core/kernel/input.ts';
import { HepatobiliaryScene } from '../../../src/core/world/scenes/index.ts';
import type { HepatobiliaryVariant } from '../../../src/core/world/anatomy/hepatobiliary.ts';
import { handsAt } from './helpers.ts';

const AWAY: Vec3 = [0.3, 1.2, -0.3];
const DISSECTOR = 'maryland-dissector';

function lapChole(variant: Partial<HepatobiliaryVariant> = {}): { sim: World; scene: HepatobiliaryScene } {
  const sim = new World({ seed: 3, scene: { name: 'hepatobiliary', variant: { moreFat: false, ...variant } } });
  if (!(sim.scene instanceof HepatobiliaryScene)) throw new Error('not the hepatobiliary scene');
  return { sim, scene: sim.scene };
}

/** The right hand's dissector at `at` with its jaws at `jaw` for `ticks` ticks. */
function hold(sim: World, at: Vec3, jaw: number, ticks: number): void {
  for (let i = 0; i < ticks; i++) sim.tick(handsAt(AWAY, at, { right: DISSECTOR, rightJaw: jaw }));
}

/** Moves the closed jaws `mm` straight up from `from` over `ticks`, returning where they end. */
function pullUp(sim: World, from: Vec3, mm: number, ticks: number): Vec3 {
  for (let i = 1; i <= ticks; i++) hold(sim, [from[0], from[1] + (mm / 1000) * (i / ticks), from[2]], 1, 1);
  return [from[0], from[1] + mm / 1000, from[2]];
}

/** Each vertex of the fat's render mesh, how far it lies from where it was in `before` (m). */
function moved(scene: HepatobiliaryScene, before: Float32Array): number[] {
  scene.updateRenderParts();
  const now = scene.renderParts.find((p) => p.name === 'peritoneum')!.positions;
  return Array.from({ length: now.length / 3 }, (_, v) =>
    Math.hypot(now[3 * v]! - before[3 * v]!, now[3 * v + 1]! - before[3 * v + 1]!, now[3 * v + 2]! - before[3 * v + 2]!),
  );
}

function fatPositions(scene: HepatobiliaryScene): Float32Array {
  scene.updateRenderParts();
  return Float32Array.from(scene.renderParts.find((p) => p.name === 'peritoneum')!.positions);
}

describe('the fat and peritoneum over the triangle peel away', () => {
  it('a piece held in the jaws stretches after them, the far side staying; let go, it springs back', () => {
    const { sim, scene } = lapChole();
    const at = [...scene.anatomy.fat[0]!.centre] as Vec3;
    hold(sim, at, 0, 10);
    const rest = fatPositions(scene);
    hold(sim, at, 1, 30);
    expect(scene.fatHeld[0]).toBe(2); // the right hand's
    pullUp(sim, at, 3, 24);
    expect(scene.fatAlive[0]).toBe(1);
    const stretched = moved(scene, rest);
    // The taken side follows the jaws most of the 3 mm; the far side of the piece hardly moves (a hinge).
    expect(Math.max(...stretched)).toBeGreaterThan(0.002);
    expect(Math.min(...stretched)).toBeLessThan(0.0003);
    hold(sim, [at[0], at[1] + 0.003, at[2]], 0, 30);
    expect(scene.fatHeld[0]).toBe(0);
    expect(scene.fatAlive[0]).toBe(1);
    expect(Math.max(...moved(scene, rest))).toBeLessThan(0.0005);
  });

  it('pulled past the tear distance, it comes away (cleared); a piece welded by inflammation never does', () => {
    const { sim, scene } = lapChole();
    const at = [...scene.anatomy.fat[0]!.centre] as Vec3;
    hold(sim, at, 0, 10);
    hold(sim, at, 1, 30);
    expect(scene.clearedFraction()).toBe(0);
    pullUp(sim, at, 6, 36);
    expect(scene.fatAlive[0]).toBe(0);
    expect(scene.fatHeld[0]).toBe(0);
    expect(scene.clearedFraction()).toBeGreaterThan(0);

    const dense = lapChole({ denseAdhesions: true });
    const d = [...dense.scene.anatomy.fat[0]!.centre] as Vec3;
    hold(dense.sim, d, 0, 10);
    hold(dense.sim, d, 1, 30);
    pullUp(dense.sim, d, 6, 36);
    expect(dense.scene.fatAlive[0]).toBe(1);
    expect(dense.scene.fatHeld[0]).toBe(2);
  });
});
