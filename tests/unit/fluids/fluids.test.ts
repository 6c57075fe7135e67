import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Button, type Vec3 } from '../../../src/core/kernel/input.ts';
import { applyAction, loadProtocol, startAttempt, type Protocol } from '../../../src/core/procedure/index.ts';
import { Recognisers } from '../../../src/core/recognisers/index.ts';
import { Fluids, HAEMOSTASIS, LOSS_REPORT_ML, type FluidEmit } from '../../../src/core/world/fluids/fluids.ts';
import { frameAxis } from '../../../src/core/world/instruments/jaws.ts';
import { HepatobiliaryScene } from '../../../src/core/world/scenes/index.ts';
import { StateBook } from '../../../src/core/world/tissue/state-book.ts';
import { World } from '../../../src/core/world/world.ts';
import { StateHasher } from '../../../src/core/kernel/hash.ts';
import { handsAt } from '../tissue/helpers.ts';

const AWAY: Vec3 = [0.3, 1.2, -0.3];
const RATES = { bleedMlPerSec: { 'cystic-artery': 2, 'right-hepatic-artery': 5 }, suctionMlPerSec: 8, bileSpillMl: 5, pressureHoldSec: 3 };

function lapChole(): { sim: World; scene: HepatobiliaryScene } {
  const sim = new World({ seed: 3, scene: { name: 'hepatobiliary', variant: { doubleCysticArtery: false }, fluids: RATES } });
  if (!(sim.scene instanceof HepatobiliaryScene)) throw new Error('not the hepatobiliary scene');
  return { sim, scene: sim.scene };
}

function particle(scene: HepatobiliaryScene, i: number): Vec3 {
  const p = scene.particles.pos;
  return [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
}

function onArtery(scene: HepatobiliaryScene, at: number): Vec3 {
  const rod = scene.rodOf('cystic-artery');
  return particle(scene, scene.rods.first[rod]! + Math.round((scene.rods.length[rod]! - 1) * at));
}

/** Closes an instrument's jaws across the cystic artery at `at` (0 gallbladder end … 1 patient side), tips 4 mm past it. */
function closeOnArtery(sim: World, scene: HepatobiliaryScene, tool: string, at: number): void {
  const p = onArtery(scene, at);
  for (let i = 0; i < 20; i++) sim.tick(handsAt(AWAY, p, { right: tool, rightJaw: 0 }));
  const shaft = frameAxis(sim.hands.right.orientation, 2, [0, 0, 0]);
  const tip: Vec3 = [p[0] - 0.004 * shaft[0]!, p[1] - 0.004 * shaft[1]!, p[2] - 0.004 * shaft[2]!];
  for (let i = 0; i < 20; i++) sim.tick(handsAt(AWAY, tip, { right: tool, rightJaw: 0 }));
  for (let i = 0; i < 20; i++) sim.tick(handsAt(AWAY, tip, { right: tool, rightJaw: 1 }));
  for (let i = 0; i < 10; i++) sim.tick(handsAt(AWAY, [tip[0], tip[1] + 0.02, tip[2]], { right: tool, rightJaw: 0 }));
}

function idle(sim: World, ticks: number, right: { at: Vec3; tool: string | null; buttons?: number; jaw?: number } = { at: AWAY, tool: null }): void {
  for (let i = 0; i < ticks; i++) {
    const input = handsAt(AWAY, right.at, { right: right.tool, rightJaw: right.jaw ?? 0 });
    input.hands.right.buttons = right.buttons ?? 0;
    sim.tick(input);
  }
}

function bleedPoint(scene: HepatobiliaryScene): Vec3 {
  const f = scene.fluids.bleedPoint;
  return [f[0]!, f[1]!, f[2]!];
}

describe('bleeding in the hepatobiliary scene', () => {
  it('a cystic artery cut unclipped bleeds at its rate into a growing pool', () => {
    const { sim, scene } = lapChole();
    closeOnArtery(sim, scene, 'laparoscopic-scissors', 0.4);
    expect(scene.fluids.bleedCount).toBe(1);
    expect(scene.fluids.anyBleeding()).toBe(true);
    const before = scene.fluids.lossMl;
    const pool = scene.fluids.poolVolume[0]!;
    idle(sim, 240);
    expect(scene.fluids.lossMl - before).toBeCloseTo(4, 6); // 2 s at 2 ml/s
    expect(scene.fluids.poolVolume[0]! - pool).toBeCloseTo(4, 6);
    expect(scene.fluids.poolRadius(0)).toBeGreaterThan(0.01);
  });

  it('an artery clipped on the patient side before it is cut does not bleed', () => {
    const { sim, scene } = lapChole();
    closeOnArtery(sim, scene, 'clip-applier', 0.6);
    expect(scene.clips.complete[0]).toBe(1);
    closeOnArtery(sim, scene, 'laparoscopic-scissors', 0.3);
    expect(scene.rods.pieces(scene.rodOf('cystic-artery'))).toBe(2);
    idle(sim, 120);
    expect(scene.fluids.bleedCount).toBe(0);
    expect(scene.fluids.lossMl).toBe(0);
  });

  it('a clip proximal to the cut stops the bleed, and suction clears the pool', () => {
    const { sim, scene } = lapChole();
    closeOnArtery(sim, scene, 'laparoscopic-scissors', 0.3);
    idle(sim, 360);
    const events: string[] = [];
    const p = onArtery(scene, 0.7);
    for (let i = 0; i < 20; i++) sim.tick(handsAt(AWAY, p, { right: 'clip-applier', rightJaw: 0 }));
    const shaft = frameAxis(sim.hands.right.orientation, 2, [0, 0, 0]);
    const tip: Vec3 = [p[0] - 0.004 * shaft[0]!, p[1] - 0.004 * shaft[1]!, p[2] - 0.004 * shaft[2]!];
    for (let i = 0; i < 20; i++) sim.tick(handsAt(AWAY, tip, { right: 'clip-applier', rightJaw: 0 }));
    for (let i = 0; i < 20; i++) {
      sim.tick(handsAt(AWAY, tip, { right: 'clip-applier', rightJaw: 1 }));
      for (const e of scene.events) events.push(`${e.type}:${e.value}`);
    }
    expect(events).toContain(`haemostasis:${HAEMOSTASIS.clip}`);
    expect(scene.fluids.anyBleeding()).toBe(false);
    const lost = scene.fluids.lossMl;
    idle(sim, 120);
    expect(scene.fluids.lossMl).toBe(lost);
    // Suction: the tip in the pool with the valve open removes 8 ml/s until it is empty.
    const inField = scene.fluids.bloodInField();
    expect(inField).toBeGreaterThan(6);
    const c = scene.fluids.poolCentre;
    const at: Vec3 = [c[0]!, c[1]!, c[2]!];
    idle(sim, 60, { at, tool: 'suction-irrigator', buttons: Button.activate });
    expect(scene.fluids.bloodInField()).toBeCloseTo(inField - 4, 1);
    const aspirated: number[] = [];
    for (let i = 0; i < 240; i++) {
      const input = handsAt(AWAY, at, { right: 'suction-irrigator' });
      input.hands.right.buttons = Button.activate;
      sim.tick(input);
      for (const e of scene.events) if (e.type === 'aspirate') aspirated.push(e.value);
    }
    expect(scene.fluids.bloodInField()).toBe(0);
    expect(aspirated).toHaveLength(1);
    expect(aspirated[0]).toBeCloseTo(inField, 6);
    expect(scene.fluids.lossMl).toBe(lost); // suction clears the field; the blood is still lost
  });

  it('energy on the bleeding point stops it at once; pressure after holding it for pressureHoldSec', () => {
    const burnt = lapChole();
    closeOnArtery(burnt.sim, burnt.scene, 'laparoscopic-scissors', 0.3);
    idle(burnt.sim, 1, { at: bleedPoint(burnt.scene), tool: 'hook-cautery', buttons: Button.activate });
    idle(burnt.sim, 1, { at: bleedPoint(burnt.scene), tool: 'hook-cautery', buttons: Button.activate });
    expect(burnt.scene.fluids.anyBleeding()).toBe(false);

    const pressed = lapChole();
    closeOnArtery(pressed.sim, pressed.scene, 'laparoscopic-scissors', 0.3);
    for (let i = 0; i < 30; i++) idle(pressed.sim, 1, { at: bleedPoint(pressed.scene), tool: 'atraumatic-grasper', jaw: 0 });
    let ticks = 0;
    while (pressed.scene.fluids.anyBleeding() && ticks < 1200) {
      idle(pressed.sim, 1, { at: bleedPoint(pressed.scene), tool: 'atraumatic-grasper', jaw: 1 });
      ticks++;
    }
    expect(pressed.scene.fluids.anyBleeding()).toBe(false);
    expect(ticks).toBeGreaterThanOrEqual(3 * 120); // pressureHoldSec 3 (jaws take a few ticks to close)
    expect(ticks).toBeLessThan(3 * 120 + 40);
  });

  it('a bleeding world snapshot restores and continues bit for bit', () => {
    const { sim, scene } = lapChole();
    closeOnArtery(sim, scene, 'laparoscopic-scissors', 0.3);
    idle(sim, 60);
    const snap = JSON.parse(JSON.stringify(sim.snapshot()));
    idle(sim, 120, { at: bleedPoint(scene), tool: 'suction-irrigator', buttons: Button.activate });
    const again = lapChole();
    again.sim.restore(snap);
    expect(again.scene.fluids.lossMl).toBe(snap.scene.scalars['fluids.lossMl']);
    idle(again.sim, 120, { at: [...snap.scene.arrays['fluids.bleed.point'].slice(0, 3)] as Vec3, tool: 'suction-irrigator', buttons: Button.activate });
    expect(again.scene.fluids.lossMl).toBe(scene.fluids.lossMl);
    expect(again.sim.stateHash()).toBe(sim.stateHash());
  });
});

describe('Fluids', () => {
  const events: string[] = [];
  const emit: FluidEmit = (type, _h, _tag, _at, _o, value) => void events.push(`${type}:${value}`);
  const still = [0, 0, 0, 0, 0, 0];

  it('reports the blood lost in LOSS_REPORT_ML steps, and bile stains stay', () => {
    events.length = 0;
    const f = new Fluids({ bleedMlPerSec: { vessel: 3 } });
    f.startBleed(7, 1, f.rateOf('vessel'), still, emit);
    for (let i = 0; i < 4 * 120; i++) f.step(still, ['none', 'none'], [still, still], emit);
    expect(f.lossMl).toBeCloseTo(12, 9);
    expect(events).toEqual(['bleed:0', `bleed:${LOSS_REPORT_ML}`, `bleed:${2 * LOSS_REPORT_ML}`]);
    f.spillBile([0.1, 0, 0], 0);
    f.spillBile([0.104, 0, 0], 0);
    expect(f.poolCount).toBe(2);
    expect(f.kindOf(1)).toBe('bile');
    expect(f.poolVolume[1]).toBe(10);
    // Suction takes blood, not the bile stain.
    for (let i = 0; i < 120; i++) f.step(still, ['none', 'suction'], [still, [0.1, 0, 0]], emit);
    expect(f.poolVolume[1]).toBe(10);
  });

  it('saves and restores through a state book, hashing the same', () => {
    const f = new Fluids({ bleedMlPerSec: { vessel: 3 } });
    const book = new StateBook('test').part(f);
    f.startBleed(7, 0, 3, still, emit);
    for (let i = 0; i < 100; i++) f.step(still, ['none', 'none'], [still, still], emit);
    const saved = JSON.parse(JSON.stringify(book.save()));
    const g = new Fluids({ bleedMlPerSec: { vessel: 3 } });
    const other = new StateBook('test').part(g);
    other.load(saved);
    const h1 = new StateHasher();
    const h2 = new StateHasher();
    book.hash(h1);
    other.hash(h2);
    expect(h2.digest()).toBe(h1.digest());
    expect(g.poolVolume[0]).toBe(f.poolVolume[0]);
  });
});

describe('blood loss in the procedure', () => {
  const file = join(import.meta.dirname, '../../../procedures/lap-chole-cvs.yaml');
  const loaded = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error('lap-chole-cvs does not load');
  const protocol: Protocol = loaded.protocol;

  it('recognises bleed, haemostasis and aspirate from the scene events', () => {
    const r = new Recognisers();
    const { sim, scene } = lapChole();
    closeOnArtery(sim, scene, 'laparoscopic-scissors', 0.3);
    const actions = r.step(
      sim.ticks,
      { current: sim.hands, previous: sim.previousHands },
      {
        contacts: scene.contacts,
        events: [...scene.events, { type: 'bleed', hand: null, structure: 'cystic-artery', point: [0, 1, 0], s: Number.NaN, value: 55 }],
      },
    );
    expect(actions.find((a) => a.type === 'bleed')).toMatchObject({ structure: 'cystic-artery', volumeMl: 55 });
  });

  it('a bleed past maxBloodLossMl is uncontrolled-bleeding; one under it is not', () => {
    let { state } = startAttempt(protocol, { mode: 'assess' });
    const findings = (volumeMl: number) => {
      const r = applyAction(protocol, state, { t: volumeMl, type: 'bleed', structure: 'cystic-artery', volumeMl });
      state = r.state;
      return r.findings.filter((f) => f.type === 'error').map((f) => (f as { code: string }).code);
    };
    expect(findings(50)).toEqual([]);
    expect(findings(55)).toEqual(['uncontrolled-bleeding']);
  });
});
