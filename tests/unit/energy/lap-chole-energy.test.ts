import { describe, expect, it } from 'vitest';
import { World } from '../../../src/core/world/world.ts';
import { Button, type Vec3 } from '../../../src/core/kernel/input.ts';
import { HepatobiliaryScene } from '../../../src/core/world/scenes/index.ts';
import { structureTag } from '../../../src/core/world/anatomy/structures.ts';
import { handsAt } from '../tissue/helpers.ts';

const AWAY: Vec3 = [0.3, 1.2, -0.3];

function lapChole(seed = 3): { sim: World; scene: HepatobiliaryScene } {
  const sim = new World({ seed, scene: { name: 'hepatobiliary', variant: { moreFat: false } } });
  if (!(sim.scene instanceof HepatobiliaryScene)) throw new Error('not the hepatobiliary scene');
  return { sim, scene: sim.scene };
}

function particle(scene: HepatobiliaryScene, i: number): Vec3 {
  const p = scene.particles.pos;
  return [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
}

/** The hook's tip on the gallbladder wall (a bed particle's neighbourhood), energy on for `ticks`. */
function burnGallbladder(sim: World, scene: HepatobiliaryScene, ticks: number, on = true): Vec3 {
  const at = particle(scene, scene.bed.particle[Math.floor(scene.bed.count / 3)]!);
  for (let i = 0; i < ticks; i++) {
    const input = handsAt(AWAY, at, { right: 'hook-cautery' });
    if (on) input.hands.right.buttons = Button.activate;
    sim.tick(input);
  }
  return at;
}

describe('energy in the lap-chole scene', () => {
  it('the active hook on tissue makes smoke, which clears once the energy stops', () => {
    const { sim, scene } = lapChole();
    burnGallbladder(sim, scene, 60, false);
    expect(scene.energy.smoke.level).toBe(0);
    burnGallbladder(sim, scene, 120);
    const peak = scene.energy.smoke.level;
    expect(peak).toBeGreaterThan(0.5);
    for (let i = 0; i < 3 * 120; i++) sim.tick(handsAt(AWAY, AWAY, { right: 'hook-cautery' }));
    expect(scene.energy.smoke.level).toBeLessThan(peak * 0.4);
    expect(scene.energy.smoke.level).toBeGreaterThan(0);
  });

  it('leaves a char mark on the structure it burnt, where it burnt it, and heat on what lies close', () => {
    const { sim, scene } = lapChole();
    const at = burnGallbladder(sim, scene, 60);
    const { char, heat } = scene.energy;
    expect(char.count).toBeGreaterThan(0);
    const m = char.count - 1;
    const touched = scene.contacts[1].structure!;
    expect(char.tag[m]).toBe(structureTag(touched));
    const where = [0, 1, 2].map((k) => char.positionOf(m, k, scene.particles.pos));
    expect(Math.hypot(where[0]! - at[0], where[1]! - at[1], where[2]! - at[2])).toBeLessThan(0.004);
    expect(char.size[m]).toBeGreaterThan(0.0008);
    const dose = heat.received();
    expect(dose[touched]).toBeGreaterThan(0.4);
    // The bile ducts lie centimetres from the gallbladder's body: no heat reaches them.
    expect(dose['common-bile-duct']).toBeUndefined();
  });

  it('heat reaches a structure beside the tip in proportion to its nearness (the cystic duct from its side)', () => {
    const { sim, scene } = lapChole();
    const rod = scene.rodOf('cystic-duct');
    const mid = particle(scene, scene.rods.first[rod]! + Math.floor(scene.rods.length[rod]! / 2));
    const beside = (mm: number): number => {
      const { sim: s, scene: sc } = lapChole();
      const at: Vec3 = [mid[0], mid[1] + scene.rods.radius[rod]! + mm / 1000, mid[2]];
      for (let i = 0; i < 60; i++) {
        const input = handsAt(AWAY, at, { right: 'hook-cautery' });
        input.hands.right.buttons = Button.activate;
        s.tick(input);
      }
      return sc.energy.heat.received()['cystic-duct'] ?? 0;
    };
    void sim;
    const near = beside(1);
    const far = beside(5);
    expect(near).toBeGreaterThan(0);
    expect(far).toBeLessThan(near);
  });

  it('a grasp blanches the gallbladder, and the tension cue rises as it is pulled towards a tear', () => {
    const { sim, scene } = lapChole();
    const neck = particle(scene, scene.gallbladderCount - 1);
    const hold = (p: Vec3) => handsAt(p, AWAY, { left: 'atraumatic-grasper', leftJaw: 1 });
    for (let i = 0; i < 30; i++) sim.tick(hold(neck));
    const cues = scene.energy.cues;
    expect(cues.tag[0]).toBe(structureTag('gallbladder'));
    expect(cues.blanch[0]).toBe(cues.blanching(1, scene.contacts[0].force));
    expect(cues.blanch[0]).toBeGreaterThanOrEqual(0.5);
    const tension: number[] = [cues.tension[0]!];
    let tornAt = -1;
    for (let i = 1; i <= 240 && tornAt < 0; i++) {
      const f = i / 240;
      sim.tick(hold([neck[0] + 0.05 * f, neck[1] + 0.04 * f, neck[2] + 0.03 * f]));
      if (scene.events.some((e) => e.type === 'tear' && e.structure === 'gallbladder')) tornAt = i;
      else tension.push(cues.tension[0]!);
    }
    // The cue rises before the wall gives: low at rest, several times higher on the tick before the first
    // perforation (which opens beyond the bite's two rings of edges).
    expect(tornAt).toBeGreaterThan(0);
    expect(tension[0]).toBeLessThan(0.1);
    expect(tension.at(-1)).toBeGreaterThan(0.4);
    expect(tension.at(-1)).toBeGreaterThan(4 * tension[0]!);
    for (let i = 0; i < 30; i++) sim.tick(handsAt(neck, AWAY, { left: 'atraumatic-grasper', leftJaw: 0 }));
    expect(cues.tag[0]).toBe(-1);
    expect(cues.blanch[0]).toBe(0);
  });

  it('restores mid-burn bit-exactly: smoke, char and heat continue identically', () => {
    const a = lapChole(5);
    burnGallbladder(a.sim, a.scene, 40);
    const snap = JSON.parse(JSON.stringify(a.sim.snapshot()));
    const b = lapChole(5);
    b.sim.restore(snap);
    expect(b.sim.stateHash()).toBe(a.sim.stateHash());
    burnGallbladder(a.sim, a.scene, 40);
    burnGallbladder(b.sim, b.scene, 40);
    expect(b.sim.stateHash()).toBe(a.sim.stateHash());
    expect(b.scene.energy.smoke.level).toBe(a.scene.energy.smoke.level);
    expect(b.scene.energy.char.count).toBe(a.scene.energy.char.count);
  });
});
