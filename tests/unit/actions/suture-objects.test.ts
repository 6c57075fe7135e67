import { describe, expect, it } from 'vitest';
import { Button, type Vec3 } from '../../../src/core/kernel/input.ts';
import type { Action } from '../../../src/core/vocabulary/actions.ts';
import { Script, axisAngle } from './script.ts';
import { DEFAULT_RECOGNISER_PARAMS } from '../../../src/core/recognisers/params.ts';

const wound = { start: [-0.02, 0, 0] as const, end: [0.02, 0, 0] as const };
const GRIP = 0.6;
const PHI = Math.PI / 2 - GRIP * (3 / 4) * Math.PI; // needle direction at the point for grip 0.6
/** The needle's point below the jaws at grip 0.6, jaws unrolled (jaws' x–y plane = world x–y). */
const POINT_OFFSET = [0.008 * Math.cos(PHI), -0.008 + 0.008 * Math.sin(PHI)] as const;
type P3 = [number, number, number];

/** A driver holding the needle at grip 0.6 (rolled `deg` about the wound line), and where to put its tip for the point to be at p. */
function needleScript(deg = 0): { s: Script; tipFor: (p: P3) => P3 } {
  const s = new Script();
  s.geometry = { wound, surfaceY: 0, view: { eye: [0, 0.3, 0], target: [0, 0, 0], fovDeg: 60, aspect: 1, near: 0.005 } };
  const a = (deg * Math.PI) / 180;
  const tipFor = (p: P3): P3 => [p[0] - POINT_OFFSET[0], p[1] - POINT_OFFSET[1] * Math.cos(a), p[2] - POINT_OFFSET[1] * Math.sin(a)];
  s.step({ right: { instrument: 'needle-driver', tip: [0, 0.02, 0], orientation: axisAngle([1, 0, 0], a), jaw: 1 } });
  s.event('needle-grasp', 'right', 'needle', [0, 0.02, 0], GRIP);
  expect(s.step()).toMatchObject([{ type: 'needle-load', hand: 'right', instrument: 'needle-driver', s: GRIP }]);
  return { s, tipFor };
}

/** Ticks with the point at p (the events given on the first); the actions. */
function pointAt(n: ReturnType<typeof needleScript>, p: P3, ticks: number, event?: 'puncture-entry' | 'puncture-exit'): Action[] {
  const out: Action[] = [];
  for (let i = 0; i < ticks; i++) {
    if (i === 0 && event) n.s.event(event, 'right', 'skin', [p[0], 0, p[2]]);
    out.push(...n.s.step({ right: { tip: n.tipFor(p) } }));
  }
  return out;
}

describe('needle recogniser', () => {
  it.each([0, -30, 30, -45])('needle-enter angle with the driver rolled %f° about the wound line', (deg) => {
    const n = needleScript(deg);
    const entered = pointAt(n, [0.005, -0.0015, -0.004], 12, 'puncture-entry');
    const expected = (Math.acos(-Math.cos(PHI) * Math.sin((deg * Math.PI) / 180)) * 180) / Math.PI;
    expect(entered).toMatchObject([{ type: 'needle-enter', structure: 'wound-edge-a', distance: 4, s: 0.625 }]);
    expect(entered[0]!.angle).toBeCloseTo(expected, 0);
    pointAt(n, [0.005, -0.003, 0.0045], 20);
    expect(pointAt(n, [0.005, 0.0015, 0.0045], 1, 'puncture-exit')).toMatchObject([{ type: 'needle-exit', structure: 'wound-edge-b', distance: 4.5 }]);
  });

  it('fits entry, exit and depth over the whole bite: a trembling point is measured where it is on average', () => {
    const n = needleScript();
    const tremor = (i: number): number => 0.001 * Math.sin((2 * Math.PI * 10 * i) / 120);
    const actions: Action[] = [];
    for (let i = 0; i < 240; i++) {
      const z = i < 120 ? -0.004 : 0.004; // under the entry, then under the exit
      const event = i === 0 ? 'puncture-entry' : undefined;
      actions.push(...pointAt(n, [0.005 + tremor(i), -0.003 + tremor(i + 3), z + tremor(i + 7)], 1, event));
    }
    // One deep stab of a single tick does not make the bite deep.
    actions.push(...pointAt(n, [0.005, -0.008, 0.004], 1));
    actions.push(...pointAt(n, [0.005, 0.0015, 0.004], 1, 'puncture-exit'));
    const enter = actions.find((a) => a.type === 'needle-enter')!;
    const exit = actions.find((a) => a.type === 'needle-exit')!;
    expect(Math.abs(enter.distance! - 4)).toBeLessThan(0.2);
    expect(Math.abs(exit.distance! - 4)).toBeLessThan(0.2);
    expect(exit.depth).toBeGreaterThan(2.9);
    expect(exit.depth).toBeLessThan(4);
  });

  it('catches a shallow bite, even with one deep sample', () => {
    const n = needleScript();
    const actions = [...pointAt(n, [0.005, -0.0012, -0.004], 60, 'puncture-entry'), ...pointAt(n, [0.005, -0.0012, 0.004], 60)];
    actions.push(...pointAt(n, [0.005, -0.004, 0.004], 2));
    actions.push(...pointAt(n, [0.005, 0.0015, 0.004], 1, 'puncture-exit'));
    expect(actions.find((a) => a.type === 'needle-exit')!.depth).toBeLessThan(1.5);
  });

  it('a point backing out of its own hole and going back in is one bite, not two', () => {
    const n = needleScript();
    const actions = [
      ...pointAt(n, [0.005, -0.0015, -0.004], 6, 'puncture-entry'),
      ...pointAt(n, [0.0055, 0.0012, -0.0042], 4, 'puncture-exit'),
      ...pointAt(n, [0.005, -0.0015, -0.004], 20, 'puncture-entry'),
      ...pointAt(n, [0.005, -0.003, 0.004], 30),
      ...pointAt(n, [0.005, 0.0015, 0.004], 1, 'puncture-exit'),
    ];
    expect(actions.map((a) => a.type)).toEqual(['needle-enter', 'needle-exit']);
  });

  it('a point dipping back into the hole it came out of is not a new bite', () => {
    const n = needleScript();
    const actions = [
      ...pointAt(n, [0.005, -0.003, -0.004], 30, 'puncture-entry'),
      ...pointAt(n, [0.005, 0.0012, 0.004], 4, 'puncture-exit'),
      ...pointAt(n, [0.0052, -0.0012, 0.0042], 4, 'puncture-entry'),
      ...pointAt(n, [0.005, 0.0012, 0.004], 4, 'puncture-exit'),
    ];
    expect(actions.map((a) => a.type)).toEqual(['needle-enter', 'needle-exit']);
  });

  it('measures the bite depth from the needle point, and a needle let go in the air is dropped', () => {
    const n = needleScript();
    pointAt(n, [0.005, -0.00375, -0.004], 30, 'puncture-entry');
    const [exit] = pointAt(n, [0.005, 0.0015, 0.004], 1, 'puncture-exit');
    expect(exit!.depth).toBeCloseTo(3.75, 1);
    n.s.event('needle-release', 'right', 'needle', [0, 0.1, 0], GRIP);
    expect(n.s.step({ right: { tip: [0, 0.1, 0], jaw: 0 } })).toMatchObject([{ type: 'drop', object: 'needle', inView: true }]);
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
    pegs: [
      { id: 'L1', position: [-0.05, 0, 0] as const },
      { id: 'R1', position: [0.05, 0, 0] as const },
    ],
    pegHeight: 0.025,
    view: { eye: [0, 0.25, 0.1] as Vec3, target: [0, 0, 0] as Vec3, fovDeg: 70, aspect: 1, near: 0.005 },
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
    expect(
      after
        .slice(0, -1)
        .flat()
        .filter((a) => a.type === 'drop'),
    ).toEqual([]);
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
    expect(caught.filter((a) => a.type === 'handover' || a.type === 'drop')).toMatchObject([
      { type: 'handover', object: 'o4', from: 'left', to: 'right', midAir: true },
    ]);
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
