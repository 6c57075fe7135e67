import { describe, expect, it } from 'vitest';
import { Button } from '../../../src/core/kernel/input.ts';
import { Script, axisAngle } from './script.ts';
import { DEFAULT_RECOGNISER_PARAMS } from '../../../src/core/recognisers/params.ts';

const wound = { start: [-0.02, 0, 0] as const, end: [0.02, 0, 0] as const };
const PHI = Math.PI / 2 - 0.6 * (3 / 4) * Math.PI; // needle direction at the point for grip 0.6

describe('needle recogniser', () => {
  it.each([0, -30, 30, -45])('needle-enter angle with the driver rolled %f° about the wound line', (deg) => {
    const s = new Script();
    s.geometry = { wound, surfaceY: 0 };
    const q = axisAngle([1, 0, 0], (deg * Math.PI) / 180);
    s.step({ right: { instrument: 'needle-driver', tip: [0, 0.01, -0.004], orientation: q, jaw: 1 } });
    s.event('needle-grasp', 'right', 'needle', [0, 0.01, -0.004], 0.6);
    expect(s.step()).toMatchObject([{ type: 'needle-load', hand: 'right', instrument: 'needle-driver', s: 0.6 }]);
    s.event('puncture-entry', 'right', 'skin', [0.005, 0, -0.004]);
    const [enter] = s.step();
    const expected = (Math.acos(-Math.cos(PHI) * Math.sin((deg * Math.PI) / 180)) * 180) / Math.PI;
    expect(enter).toMatchObject({ type: 'needle-enter', structure: 'wound-edge-a', distance: 4, s: 0.625 });
    expect(enter!.angle).toBeCloseTo(expected, 0);
    s.event('puncture-exit', 'right', 'skin', [0.005, 0, 0.0045]);
    expect(s.step({ right: { tip: [0.005, 0.002, 0] } })).toMatchObject([{ type: 'needle-exit', structure: 'wound-edge-b', distance: 4.5 }]);
  });

  it('measures the bite depth from the needle point, and a needle let go in the air is dropped', () => {
    const s = new Script();
    s.geometry = { wound, surfaceY: 0, view: { eye: [0, 0.3, 0], forward: [0, -1, 0], halfAngleDeg: 30 } };
    s.step({ right: { instrument: 'needle-driver', tip: [0, 0.01, -0.004], jaw: 1 } });
    s.event('needle-grasp', 'right', 'needle', [0, 0.01, -0.004], 0.6);
    s.step();
    s.event('puncture-entry', 'right', 'skin', [0.005, 0, -0.004]);
    s.step();
    s.step({ right: { tip: [0, 0.003, 0] } }); // jaws 3 mm above the skin
    s.event('puncture-exit', 'right', 'skin', [0.005, 0, 0.004]);
    const [exit] = s.step({ right: { tip: [0, 0.02, 0] } });
    expect(exit!.depth).toBeCloseTo(3.75, 1); // point 6.75 mm below the jaws at grip 0.6
    s.event('needle-release', 'right', 'needle', [0, 0.1, 0], 0.6);
    expect(s.step({ right: { tip: [0, 0.1, 0], jaw: 0 } })).toMatchObject([{ type: 'drop', object: 'needle', inView: true }]);
  });
});

describe('throw recogniser', () => {
  function tie(turns: number): ReturnType<Script['step']> {
    const s = new Script();
    s.geometry = { wound, surfaceY: 0 };
    s.step({ right: { instrument: 'needle-driver', tip: [0, 0.02, 0], jaw: 0 }, left: { instrument: 'adson-forceps', tip: [0.015, 0.02, 0] } });
    s.event('puncture-entry', 'right', 'skin', [0, 0, -0.004]);
    s.step();
    s.event('puncture-exit', 'right', 'skin', [0, 0, 0.004]);
    s.step();
    const steps = 48;
    for (let i = 1; i <= Math.abs(turns) * steps; i++) {
      const a = (Math.sign(turns) * 2 * Math.PI * i) / steps;
      s.step({ left: { tip: [0.015 * Math.cos(a), 0.02 + 0.015 * Math.sin(a), 0.002] } });
    }
    return s.step({ right: { jaw: 1 } });
  }

  it.each([
    [2, 2, 'counterclockwise'],
    [-1, 1, 'clockwise'],
    [1, 1, 'counterclockwise'],
  ])('%f turns of the thread round the driver → a throw of %f wraps, %s', (turns, wraps, direction) => {
    expect(tie(turns)).toMatchObject([{ type: 'throw', hand: 'right', instrument: 'needle-driver', wraps, direction }]);
  });

  it('half a turn is not a throw', () => {
    expect(tie(0.5)).toEqual([]);
  });
});

describe('objects: handover, place, drop', () => {
  const geometry = {
    surfaceY: 0,
    pegs: [{ id: 'L1', position: [-0.05, 0, 0] as const }, { id: 'R1', position: [0.05, 0, 0] as const }],
    pegHeight: 0.025,
    view: { eye: [0, 0.25, 0.1] as const, forward: [0, -1, -0.4] as const, halfAngleDeg: 35 },
  };
  const fls = () => {
    const s = new Script();
    s.geometry = geometry;
    s.step({ left: { instrument: 'grasper-left' }, right: { instrument: 'grasper-right' } });
    return s;
  };

  it('mid-air handover, then placed on a peg', () => {
    const s = fls();
    s.event('grasp', 'left', 'fls-object', [-0.05, 0.01, 0], 0);
    expect(s.step()).toMatchObject([{ type: 'grasp', hand: 'left', object: 'o1', peg: 'L1' }]);
    s.event('grasp', 'right', 'fls-object', [0, 0.06, 0], 0);
    s.step();
    s.event('release', 'left', 'fls-object', [0, 0.06, 0], 0);
    expect(s.step().filter((a) => a.type === 'handover')).toMatchObject([{ object: 'o1', from: 'left', to: 'right', midAir: true }]);
    s.event('release', 'right', 'fls-object', [0.051, 0.02, 0], 0);
    expect(s.step().filter((a) => a.type === 'place')).toMatchObject([{ hand: 'right', object: 'o1', peg: 'R1' }]);
  });

  it('set down on the board and taken by the other hand: a handover that is not mid-air', () => {
    const s = fls();
    s.event('grasp', 'left', 'fls-object', [-0.05, 0.01, 0], 1);
    s.step();
    s.event('release', 'left', 'fls-object', [0, 0.006, 0], 1);
    expect(s.step().filter((a) => a.type !== 'release')).toEqual([]);
    s.event('grasp', 'right', 'fls-object', [0, 0.006, 0], 1);
    expect(s.step().filter((a) => a.type === 'handover')).toMatchObject([{ object: 'o2', from: 'left', to: 'right', midAir: false }]);
  });

  it.each([
    ['in view', [0, 0.08, -0.05], true],
    ['out of view', [0.3, 0.08, 0.2], false],
  ] as const)('let go high above the board %s and caught by neither hand: a drop', (_name, at, seen) => {
    const s = fls();
    s.event('grasp', 'left', 'fls-object', [-0.05, 0.01, 0], 2);
    s.step();
    s.event('release', 'left', 'fls-object', [...at], 2);
    const after = [s.step(), ...Array.from({ length: DEFAULT_RECOGNISER_PARAMS.catchTicks }, () => s.step())];
    expect(after.slice(0, -1).flat().filter((a) => a.type === 'drop')).toEqual([]);
    expect(after.at(-1)!.filter((a) => a.type === 'drop')).toMatchObject([{ object: 'o3', inView: seen }]);
  });

  it('let go high while the other jaws close on it, and taken by them: a mid-air handover, not a drop', () => {
    const s = fls();
    s.event('grasp', 'left', 'fls-object', [-0.05, 0.01, 0], 3);
    s.step();
    s.event('release', 'left', 'fls-object', [0, 0.06, 0], 3);
    s.step();
    for (let i = 0; i < DEFAULT_RECOGNISER_PARAMS.catchTicks - 2; i++) s.step();
    s.event('grasp', 'right', 'fls-object', [0, 0.058, 0], 3);
    const caught = s.step();
    for (let i = 0; i < DEFAULT_RECOGNISER_PARAMS.catchTicks; i++) caught.push(...s.step());
    expect(caught.filter((a) => a.type === 'handover' || a.type === 'drop')).toMatchObject([{ type: 'handover', object: 'o4', from: 'left', to: 'right', midAir: true }]);
  });
});

describe('grasp, retract, declare, cautery, contact, dissect', () => {
  it('retracts once a grasped structure is pulled past the threshold', () => {
    const s = new Script();
    s.step({ left: { instrument: 'atraumatic-grasper', tip: [0, 1, 0] } });
    s.event('grasp', 'left', 'gallbladder', [0, 1, 0]);
    s.touch('left', { structure: 'gallbladder', grasping: true, force: 1.5 });
    expect(s.step()).toMatchObject([{ type: 'grasp', structure: 'gallbladder', force: 1.5 }, { type: 'contact' }]);
    const pulled = [...s.step({ left: { tip: [0.006, 1, 0] } }), ...s.step({ left: { tip: [0.012, 1, 0] } }), ...s.step({ left: { tip: [0.02, 1, 0] } })];
    expect(pulled.filter((a) => a.type === 'retract')).toMatchObject([{ hand: 'left', structure: 'gallbladder', force: 1.5 }]);
  });

  it('declares from a held button, once per press, by a mapping in the params', () => {
    const s = new Script({ declarations: [{ button: Button.secondary, holdTicks: 10, what: 'critical-view-of-safety' }] });
    s.set('left', { buttons: Button.secondary });
    const held = s.idle(30);
    expect(held).toMatchObject([{ type: 'declare', what: 'critical-view-of-safety', tick: 9 }]);
    s.set('left', { buttons: 0 });
    s.idle(2);
    s.set('left', { buttons: Button.secondary });
    expect(s.idle(10)).toHaveLength(1);
  });

  it('reports cautery with its duration, the triangle fat under its region name', () => {
    const s = new Script();
    s.step({ right: { instrument: 'hook-cautery', tip: [0, 1, 0] } });
    s.touch('right', { structure: 'peritoneum' });
    s.set('right', { buttons: Button.activate });
    s.idle(30);
    const [burn] = s.step({ right: { buttons: 0 } }).filter((a) => a.type === 'cauterize');
    expect(burn).toMatchObject({ structure: 'hepatocystic-triangle', duration: 0.25 });
  });

  it('rate-limits contact reports', () => {
    const s = new Script();
    s.step({ right: { instrument: 'maryland-dissector' } });
    s.touch('right', { structure: 'liver', force: 0.2 });
    const actions = [];
    for (let i = 0; i < 240; i++) {
      s.contacts[1].force = 0.2 + i * 0.02;
      actions.push(...s.step());
    }
    expect(actions.length).toBeLessThanOrEqual(5);
    expect(actions[0]).toMatchObject({ type: 'contact', structure: 'liver', force: 0.2 });
  });

  it('reports the cleared fraction in steps', () => {
    const s = new Script();
    const fractions: number[] = [];
    for (let i = 0; i <= 20; i++) {
      s.cleared = { 'hepatocystic-triangle': i / 20 };
      fractions.push(...s.step().map((a) => a.fraction!));
    }
    expect(fractions.length).toBeGreaterThanOrEqual(10);
    expect(fractions.at(-1)).toBe(1);
  });
});
