import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../src/core/kernel/input.ts';
import { SkinPadScene } from '../../../src/core/world/scenes/index.ts';
import { World } from '../../../src/core/world/world.ts';
import { handsAt } from './helpers.ts';

/** The skin pad's tissue sleeping (src/core/world/tissue/sleep.ts): skipped solves while nothing acts on it. */

const AWAY = handsAt([-0.3, 1, -0.3], [0.3, 1, -0.3], { left: 'adson-forceps', right: 'scalpel' });

function pad(): { sim: World; scene: SkinPadScene } {
  const sim = new World({ seed: 5, scene: { name: 'skin-pad', variant: { kind: 'intact' } } });
  if (!(sim.scene instanceof SkinPadScene)) throw new Error('not a skin pad');
  return { sim, scene: sim.scene };
}

/** Ticks with the hands away until the pad sleeps; the number of ticks it took. */
function untilAsleep(sim: World, scene: SkinPadScene, max = 1200): number {
  for (let t = 1; t <= max; t++) {
    sim.tick(AWAY);
    if (scene.sleep.asleep === 1) return t;
  }
  throw new Error(`the pad did not fall asleep in ${max} ticks`);
}

describe('skin pad sleeping', () => {
  it('falls asleep at rest, holds its particles still, and would have moved less than 0.2 mm awake', () => {
    const { sim, scene } = pad();
    untilAsleep(sim, scene);
    const p = scene.particles;
    const held = p.pos.slice(0, 3 * p.count);
    for (let i = 0; i < 120; i++) sim.tick(AWAY);
    expect(scene.sleep.asleep).toBe(1);
    expect(p.pos.slice(0, 3 * p.count)).toEqual(held);
    expect(p.vel.subarray(0, 3 * p.count).every((v) => v === 0)).toBe(true);
    // What a second of solving would have done to the sleeping pad: what the user does not see.
    for (let i = 0; i < 120; i++) scene.solver.step(1 / 120);
    let moved = 0;
    for (let k = 0; k < 3 * p.count; k += 3)
      moved = Math.max(moved, Math.hypot(p.pos[k]! - held[k]!, p.pos[k + 1]! - held[k + 1]!, p.pos[k + 2]! - held[k + 2]!));
    expect(moved).toBeLessThan(0.0002);
  });

  it('wakes before the solve of the tick a pushing tip reaches the skin: that tick reports the push', () => {
    const { sim, scene } = pad();
    untilAsleep(sim, scene);
    const [cx, , cz] = scene.anatomy.centre;
    const above: Vec3 = [cx, scene.surfaceY + 0.02, cz];
    const forceps = (at: Vec3) => handsAt(at, [0.3, 1, -0.3], { left: 'adson-forceps', right: 'scalpel' });
    for (let i = 0; i < 20; i++) sim.tick(forceps(above));
    expect(scene.sleep.asleep).toBe(1);
    sim.tick(forceps([cx, scene.surfaceY - 0.0015, cz]));
    expect(scene.sleep.asleep).toBe(0);
    expect(scene.contacts[0].structure).toBe('skin');
    expect(scene.contacts[0].force).toBeGreaterThan(0);
  });

  it('a scalpel stroke wakes the sleeping pad and its wound gapes as when awake', () => {
    const { sim, scene } = pad();
    untilAsleep(sim, scene);
    const [cx, , cz] = scene.anatomy.centre;
    const y = scene.surfaceY - 0.003;
    const scalpel = (p: Vec3) => handsAt([-0.3, 1, -0.3], p, { left: 'adson-forceps', right: 'scalpel' });
    sim.tick(scalpel([cx - 0.025, scene.surfaceY + 0.01, cz]));
    expect(scene.sleep.asleep).toBe(1);
    let cuts = 0;
    for (let i = 0; i <= 120; i++) {
      sim.tick(scalpel([cx - 0.025 + (0.05 * i) / 120, y, cz]));
      if (scene.events.some((e) => e.type === 'cut')) cuts++;
    }
    expect(cuts).toBeGreaterThan(0);
    expect(scene.sleep.asleep).toBe(0);
    for (let i = 0; i < 120; i++) sim.tick(scalpel([cx, scene.surfaceY + 0.05, cz]));
    expect(scene.woundGap()).toBeGreaterThan(0.001);
    // And it settles and sleeps again with the wound open.
    untilAsleep(sim, scene);
    expect(scene.woundGap()).toBeGreaterThan(0.001);
  });

  it('keeps the sleep state in the snapshot: a restored world sleeps, wakes and hashes as the original', () => {
    const { sim, scene } = pad();
    untilAsleep(sim, scene);
    for (let i = 0; i < 5; i++) sim.tick(AWAY);
    const snap = JSON.parse(JSON.stringify(sim.snapshot()));
    const { sim: copy, scene: copyScene } = pad();
    copy.restore(snap);
    expect(copyScene.sleep.asleep).toBe(1);
    expect(copy.stateHash()).toBe(sim.stateHash());
    const [cx, , cz] = scene.anatomy.centre;
    const press = handsAt([cx, scene.surfaceY - 0.002, cz], [0.3, 1, -0.3], { left: 'adson-forceps', right: 'scalpel' });
    for (const w of [sim, copy]) for (let i = 0; i < 30; i++) w.tick(i < 10 ? press : AWAY);
    expect(copy.stateHash()).toBe(sim.stateHash());
  });
});
