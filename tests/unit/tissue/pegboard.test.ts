import { describe, expect, it } from 'vitest';
import { World } from '../../../src/core/world/world.ts';
import type { Vec3 } from '../../../src/core/kernel/input.ts';
import { PegboardScene } from '../../../src/core/world/scenes/index.ts';
import { allFinite, handsAt, stroke, wanderer } from './helpers.ts';

function pegboard(sim: World): PegboardScene {
  if (!(sim.scene instanceof PegboardScene)) throw new Error('not the pegboard');
  return sim.scene;
}

describe('FLS pegboard scene', () => {
  it('has 12 pegs and 6 rings resting on the left pegs, which fall asleep', () => {
    const sim = new World({ seed: 1, scene: 'pegboard' });
    const scene = pegboard(sim);
    expect(scene.layout.pegs).toHaveLength(12);
    expect(sim.objects).toHaveLength(6);
    const start = sim.objects.map((b) => b.position.clone());
    for (let i = 0; i < 240; i++) sim.tick(handsAt([-0.3, 1.1, -0.3], [0.3, 1.1, -0.3]));
    sim.objects.forEach((b, k) => {
      expect(b.position.distanceTo(start[k]!)).toBeLessThan(0.003);
      expect(b.position.y).toBeGreaterThan(scene.layout.boardTop);
    });
    expect(sim.objects.every((b) => b.sleepState === 2)).toBe(true);
  });

  it('a grasper lifts a ring, hands it to the other grasper in mid-air, and it drops on release', () => {
    const sim = new World({ seed: 1, scene: 'pegboard' });
    const scene = pegboard(sim);
    const ring = sim.objects[0]!;
    for (let i = 0; i < 60; i++) sim.tick(handsAt([-0.3, 1.1, -0.3], [0.3, 1.1, -0.3], { left: 'grasper', right: 'grasper' }));
    const mid = (scene.layout.ring.outer + scene.layout.ring.inner) / 4;
    const grab: Vec3 = [ring.position.x, ring.position.y, ring.position.z + mid];
    const left = (p: Vec3, jaw: number, right: Vec3 = [0.3, 1.1, -0.3], rightJaw = 0) =>
      handsAt(p, right, { left: 'grasper', right: 'grasper', leftJaw: jaw, rightJaw });
    stroke(sim, [grab[0], grab[1] + 0.05, grab[2]], grab, 30, (p) => left(p, 0));
    for (let i = 0; i < 30; i++) sim.tick(left(grab, 1));
    expect(scene.held[0]).toBe(0);
    expect(scene.contacts[0].grasping).toBe(true);
    expect(scene.contacts[0].structure).toBe('fls-object');
    const air: Vec3 = [grab[0], grab[1] + 0.06, grab[2]];
    stroke(sim, grab, air, 60, (p) => left(p, 1));
    expect(ring.position.y).toBeGreaterThan(scene.layout.boardTop + 0.05);
    // The right grasper closes on the ring's far side: the ring changes hands.
    const far: Vec3 = [ring.position.x, ring.position.y, ring.position.z - mid];
    for (let i = 0; i < 30; i++) sim.tick(left(air, 1, far, 1));
    expect(scene.held[0]).toBe(1);
    for (let i = 0; i < 30; i++) sim.tick(left([-0.3, 1.1, -0.3], 0, far, 0));
    expect(scene.held[0]).toBe(-1);
    for (let i = 0; i < 240; i++) sim.tick(left([-0.3, 1.1, -0.3], 0, [0.3, 1.1, -0.3], 0));
    expect(ring.position.y).toBeLessThan(scene.layout.boardTop + 0.03);
  });
});

describe('FLS pegboard under random motion', () => {
  it('stays finite through 60 s of both graspers wandering and snatching rings', () => {
    const sim = new World({ seed: 4, scene: 'pegboard' });
    const input = wanderer(5, [-0.06, 0.915, -0.45], ['grasper', 'grasper'], 0.05);
    for (let t = 0; t < 60 * 120; t++) sim.tick(input(t));
    for (const b of sim.objects) expect(allFinite([b.position.x, b.position.y, b.position.z, b.quaternion.w])).toBe(true);
  }, 120_000);
});
