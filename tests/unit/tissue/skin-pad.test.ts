import { describe, expect, it } from 'vitest';
import { World } from '../../../src/core/world/world.ts';
import type { Vec3 } from '../../../src/core/kernel/input.ts';
import { SkinPadScene } from '../../../src/core/world/scenes/index.ts';
import { allFinite, handsAt, stroke, wanderer } from './helpers.ts';

function skin(sim: World): SkinPadScene {
  if (!(sim.scene instanceof SkinPadScene)) throw new Error('not a skin pad');
  return sim.scene;
}

function intactPad(seed = 5): World {
  return new World({ seed, scene: { name: 'skin-pad', variant: { kind: 'intact' } } });
}

describe('skin pad tissue', () => {
  it('has a skin sheet of at least 2,000 particles and a thread of at least 60 segments', () => {
    const scene = skin(intactPad());
    expect(scene.particles.count - scene.sheetFirst).toBeGreaterThanOrEqual(2000);
    expect(scene.thread.segments).toBeGreaterThanOrEqual(60);
    expect(scene.thread.stretch.count).toBe(scene.thread.segments);
  });

  it('a scalpel stroke through the dermis opens a measurable gap', () => {
    const sim = intactPad();
    const scene = skin(sim);
    expect(scene.woundGap()).toBe(0);
    const y = scene.surfaceY - 0.003;
    const [cx, , cz] = scene.anatomy.centre;
    const scalpel = (p: Vec3) => handsAt([-0.3, 1, -0.3], p, { right: 'scalpel' });
    sim.tick(scalpel([cx - 0.025, scene.surfaceY + 0.01, cz]));
    stroke(sim, [cx - 0.025, y, cz], [cx + 0.025, y, cz], 120, scalpel);
    for (let i = 0; i < 120; i++) sim.tick(scalpel([cx, scene.surfaceY + 0.05, cz]));
    expect(scene.woundGap()).toBeGreaterThan(0.001);
    expect(scene.particles.count - scene.sheetFirst).toBeGreaterThan(scene.anatomy.cols * scene.anatomy.rows);
  });

  it('the laceration variant starts with an open wound, tagged edge a and edge b', () => {
    const scene = skin(new World({ seed: 9, scene: { name: 'skin-pad', variant: { kind: 'laceration' } } }));
    expect(scene.woundGap()).toBeGreaterThan(0.001);
    const ids = new Set<string>();
    for (let i = scene.sheetFirst; i < scene.particles.count; i++) ids.add(String(scene.particles.tag[i]));
    expect(ids.size).toBeGreaterThanOrEqual(3);
  });

  it('reports a tear when the skin is pulled far past its limit', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const [cx, , cz] = scene.anatomy.centre;
    const at: Vec3 = [cx, scene.surfaceY, cz];
    const forceps = (p: Vec3, jaw: number) => handsAt(p, [0.3, 1, -0.3], { left: 'adson-forceps', leftJaw: jaw });
    for (let i = 0; i < 30; i++) sim.tick(forceps(at, 1));
    expect(scene.tips.grasp.isHolding(0)).toBe(true);
    let tore = false;
    for (let i = 0; i <= 240 && !tore; i++) {
      sim.tick(forceps([cx, scene.surfaceY + (0.08 * i) / 240, cz], 1));
      tore = scene.events.some((e) => e.type === 'tear');
    }
    expect(tore).toBe(true);
  });

  it('reports contacts: which structure the forceps touch, with a force', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const [cx, , cz] = scene.anatomy.centre;
    for (let i = 0; i < 20; i++) sim.tick(handsAt([cx, scene.surfaceY - 0.0015, cz], [0.3, 1, -0.3], { left: 'adson-forceps' }));
    const c = scene.contacts[0];
    expect(c.active).toBe(true);
    expect(c.structure).toBe('skin');
    expect(c.force).toBeGreaterThan(0);
  });

  it('draws the thread through punctures as the needle pulls it', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const [cx, , cz] = scene.anatomy.centre;
    const cols = scene.anatomy.cols;
    const mid = scene.sheetFirst + Math.floor(scene.anatomy.rows / 2) * cols + Math.floor(cols / 2);
    scene.threadThrough([mid - 2, mid + 2]);
    // The needle driver picks the needle up where it lies and pulls it away, up and over the pad.
    scene.needle.point(0.6, scene.thread.headTo);
    const grip: Vec3 = [scene.needle.pose[0]!, scene.needle.pose[1]!, scene.needle.pose[2]!];
    const driver = (p: Vec3) => handsAt([-0.3, 1, -0.3], p, { right: 'needle-driver', rightJaw: 1 });
    sim.tick(handsAt([-0.3, 1, -0.3], grip, { right: 'needle-driver', rightJaw: 0 }));
    for (let i = 0; i < 20; i++) sim.tick(driver(grip));
    expect(scene.needle.held).toBe(1);
    stroke(sim, grip, [cx, scene.surfaceY + 0.06, cz + 0.02], 240, driver);
    expect(scene.thread.punctureU[0]!).toBeGreaterThan(1);
    expect(allFinite(scene.particles.pos, 3 * scene.particles.count)).toBe(true);
  });

  it('stays finite through 60 s of random instrument motion (scalpel and forceps)', () => {
    const sim = intactPad(11);
    const scene = skin(sim);
    const input = wanderer(3, scene.anatomy.centre as Vec3, ['adson-forceps', 'scalpel'], 0.06);
    for (let t = 0; t < 60 * 120; t++) sim.tick(input(t));
    expect(allFinite(scene.particles.pos, 3 * scene.particles.count)).toBe(true);
    expect(allFinite(scene.particles.vel, 3 * scene.particles.count)).toBe(true);
  }, 120_000);
});

describe('suture needle', () => {
  it('reports where its point enters and leaves the skin', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const grip: Vec3 = [scene.needle.pose[0]!, scene.needle.pose[1]!, scene.needle.pose[2]!];
    const driver = (p: Vec3, jaw = 1) => handsAt([-0.3, 1, -0.3], p, { right: 'needle-driver', rightJaw: jaw });
    sim.tick(driver(grip, 0));
    for (let i = 0; i < 20; i++) sim.tick(driver(grip));
    expect(scene.needle.held).toBe(1);
    const [cx, , cz] = scene.anatomy.centre;
    const above: Vec3 = [cx, scene.surfaceY + 0.03, cz];
    stroke(sim, grip, above, 60, (p) => driver(p));
    // The point hangs below the jaws: lower them until it is 2 mm under the surface, then lift.
    scene.needle.point(0, scene.thread.headTo);
    const drop = scene.needle.pose[1]! - scene.thread.headTo[1]!;
    const types: string[] = [];
    const angles: number[] = [];
    const record = () => {
      types.push(...scene.events.map((e) => e.type));
      angles.push(...scene.events.filter((e) => e.type === 'puncture-entry').map((e) => e.value));
    };
    stroke(sim, above, [cx, scene.surfaceY - 0.002 + drop, cz], 60, (p) => {
      record();
      return driver(p);
    });
    record();
    stroke(sim, [cx, scene.surfaceY - 0.002 + drop, cz], above, 60, (p) => {
      record();
      return driver(p);
    });
    record();
    expect(types).toContain('puncture-entry');
    expect(types).toContain('puncture-exit');
    // Lowered straight down, the point of an upright needle meets the skin obliquely, as the arc dictates.
    expect(angles[0]).toBeGreaterThan(0);
    expect(angles[0]).toBeLessThanOrEqual(90);
    expect(scene.thread.punctureCount).toBeGreaterThanOrEqual(2);
  });

  it('a point trembling on the surface makes no puncture; pushed a millimetre in, one', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const grip: Vec3 = [scene.needle.pose[0]!, scene.needle.pose[1]!, scene.needle.pose[2]!];
    const driver = (p: Vec3, jaw = 1) => handsAt([-0.3, 1, -0.3], p, { right: 'needle-driver', rightJaw: jaw });
    sim.tick(driver(grip, 0));
    for (let i = 0; i < 20; i++) sim.tick(driver(grip));
    const [cx, , cz] = scene.anatomy.centre;
    scene.needle.point(0, scene.thread.headTo);
    const drop = scene.needle.pose[1]! - scene.thread.headTo[1]!;
    const onSkin: Vec3 = [cx, scene.surfaceY + drop, cz];
    stroke(sim, grip, [cx, onSkin[1] + 0.01, cz], 60, (p) => driver(p));
    stroke(sim, [cx, onSkin[1] + 0.01, cz], onSkin, 60, (p) => driver(p));
    const punctures = (): number => scene.events.filter((e) => e.type === 'puncture-entry' || e.type === 'puncture-exit').length;
    let wobble = 0;
    for (let i = 0; i < 240; i++) {
      // 10 Hz tremor, ±0.8 mm, up and down through the surface.
      sim.tick(driver([cx, onSkin[1] + 0.0008 * Math.sin((2 * Math.PI * 10 * i) / 120), cz]));
      wobble += punctures();
    }
    expect(wobble).toBe(0);
    const entries: string[] = [];
    stroke(sim, onSkin, [cx, onSkin[1] - 0.003, cz], 30, (p) => {
      entries.push(...scene.events.map((e) => e.type));
      return driver(p);
    });
    for (let i = 0; i < 5; i++) {
      sim.tick(driver([cx, onSkin[1] - 0.003, cz]));
      entries.push(...scene.events.map((e) => e.type));
    }
    expect(entries.filter((t) => t.startsWith('puncture'))).toEqual(['puncture-entry']);
  });
});

describe('instrument tie', () => {
  it('registers a throw with the number and direction of wraps around the empty needle driver', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const grip: Vec3 = [scene.needle.pose[0]!, scene.needle.pose[1]!, scene.needle.pose[2]!];
    const high: Vec3 = [grip[0] + 0.1, grip[1] + 0.12, grip[2]];
    const vertical: [number, number, number, number] = [-Math.SQRT1_2, 0, 0, Math.SQRT1_2];
    const tie = (left: Vec3, right: Vec3, rightJaw = 0) => {
      const input = handsAt(left, right, { left: 'needle-driver', leftJaw: 1, right: 'needle-driver', rightJaw });
      input.hands.right.pose.orientation = [...vertical];
      return input;
    };
    const parked: Vec3 = [0.3, 1.1, -0.2];
    sim.tick(handsAt(grip, parked, { left: 'needle-driver', leftJaw: 0 }));
    for (let i = 0; i < 20; i++) sim.tick(tie(grip, parked));
    expect(scene.needle.held).toBe(0);
    stroke(sim, grip, high, 120, (p) => tie(p, parked));
    for (let i = 0; i < 240; i++) sim.tick(tie(high, parked));
    // The thread hangs from the needle: wrap it twice around the right driver's jaws, then take it.
    const k = scene.thread.first + 12;
    const c: Vec3 = [scene.particles.pos[3 * k]!, scene.particles.pos[3 * k + 1]!, scene.particles.pos[3 * k + 2]!];
    for (let i = 0; i <= 240; i++) {
      const a = (4 * Math.PI * i) / 240;
      sim.tick(tie(high, [c[0] + 0.008 * Math.cos(a), c[1], c[2] + 0.008 * Math.sin(a)]));
    }
    expect(Math.abs(scene.tie.wrapAngle[1]!)).toBeGreaterThan(3 * Math.PI);
    const at: Vec3 = [scene.particles.pos[3 * k]!, scene.particles.pos[3 * k + 1]!, scene.particles.pos[3 * k + 2]!];
    let thrown = 0;
    for (let i = 0; i < 20; i++) {
      sim.tick(tie(high, at, 1));
      thrown ||= scene.events.find((e) => e.type === 'throw')?.value ?? 0;
    }
    expect(Math.abs(thrown)).toBe(2);
  });
});

describe('suture scissors', () => {
  it('cut the thread and report the tail left beyond the puncture', () => {
    const sim = intactPad();
    const scene = skin(sim);
    const t = scene.thread;
    const cols = scene.anatomy.cols;
    const mid = scene.sheetFirst + Math.floor(scene.anatomy.rows / 2) * cols + Math.floor(cols / 2);
    scene.threadThrough([mid]);
    t.punctureU[0] = 20;
    for (let i = 0; i < 120; i++) sim.tick(handsAt([-0.3, 1, -0.3], [0.3, 1, -0.3]));
    const k = t.first + Math.round(t.punctureU[0]!) + 4;
    const at: Vec3 = [scene.particles.pos[3 * k]!, scene.particles.pos[3 * k + 1]!, scene.particles.pos[3 * k + 2]!];
    const cut = (jaw: number) => handsAt([-0.3, 1, -0.3], at, { right: 'suture-scissors', rightJaw: jaw });
    sim.tick(cut(0));
    let tail = Number.NaN;
    for (let i = 0; i < 20; i++) {
      sim.tick(cut(1));
      const e = scene.events.find((x) => x.type === 'thread-cut');
      if (e) tail = e.value;
    }
    expect(tail).toBeGreaterThan(0.005);
    expect(tail).toBeLessThan(0.02);
    expect(Array.from(t.stretch.alive.subarray(0, t.segments)).filter((a) => a === 0)).toHaveLength(1);
  });

  /**
   * Scissors (or `instrument`) opened and closed (jaw input 1 for 20 ticks) at a point of the thread lying on
   * the pad for the first `near` ticks, else 12 mm above it; the thread-cut (or grasp) events.
   */
  function closeNear(near: number, instrument = 'suture-scissors', event: 'thread-cut' | 'grasp' = 'thread-cut'): number {
    const sim = intactPad();
    const scene = skin(sim);
    for (let i = 0; i < 120; i++) sim.tick(handsAt([-0.3, 1, -0.3], [0.3, 1, -0.3]));
    const k = scene.thread.first + 30;
    const at: Vec3 = [scene.particles.pos[3 * k]!, scene.particles.pos[3 * k + 1]!, scene.particles.pos[3 * k + 2]!];
    const above: Vec3 = [at[0], at[1] + 0.012, at[2]];
    sim.tick(handsAt([-0.3, 1, -0.3], near > 0 ? at : above, { right: instrument, rightJaw: 0 }));
    let events = 0;
    for (let i = 0; i < 20; i++) {
      sim.tick(handsAt([-0.3, 1, -0.3], i < near ? at : above, { right: instrument, rightJaw: 1 }));
      events += scene.events.filter((x) => x.type === event && x.structure === 'suture').length;
    }
    return events;
  }

  it('cut the thread that came between their blades while they closed, once, though it is out of reach the tick they meet', () => {
    // The jaws take 0.15 s (18 ticks) to close and meet at 0.7 (tick 13): the thread is between the blades for the first 4.
    expect(closeNear(4)).toBe(1);
  });

  it('cut nothing that never came within reach of their blades', () => {
    expect(closeNear(0)).toBe(0);
  });

  it('forceps take the thread that came within reach of their tips while they closed, and none that never did', () => {
    expect(closeNear(4, 'adson-forceps', 'grasp')).toBe(1);
    expect(closeNear(0, 'adson-forceps', 'grasp')).toBe(0);
  });
});
