import { describe, expect, it } from 'vitest';
import { CHAR_CAPACITY, CharMarks } from '../../../src/core/world/energy/char-marks.ts';
import { GraspCues, tearFraction } from '../../../src/core/world/energy/grasp-cues.ts';
import { energySettings } from '../../../src/core/world/energy/settings.ts';
import { Smoke } from '../../../src/core/world/energy/smoke.ts';
import { HEAT_REPORT_STEP, ThermalDose } from '../../../src/core/world/energy/thermal-dose.ts';
import { TissueEnergy } from '../../../src/core/world/energy/tissue-energy.ts';
import { STRUCTURE_IDS, structureTag } from '../../../src/core/world/anatomy/structures.ts';
import { DistanceConstraints } from '../../../src/core/world/tissue/distance.ts';
import { Particles } from '../../../src/core/world/tissue/particles.ts';
import { StateBook } from '../../../src/core/world/tissue/state-book.ts';
import { StateHasher } from '../../../src/core/kernel/hash.ts';

const DT = 1 / 120;

describe('smoke', () => {
  it('rises towards 1 while energy burns and clears exponentially with its time constant', () => {
    const smoke = new Smoke(1.5, 3);
    for (let i = 0; i < 120; i++) smoke.rise(DT, [0.1, 0.2, 0.3]);
    expect(smoke.level).toBeCloseTo(1 - Math.exp(-1.5), 10);
    expect([...smoke.source]).toEqual([0.1, 0.2, 0.3]);
    const peak = smoke.level;
    for (let i = 0; i < 3 * 120; i++) smoke.decay(DT);
    expect(smoke.level / peak).toBeCloseTo(Math.exp(-1), 10);
  });

  it('a suction clears an amount at once, never below none', () => {
    const smoke = new Smoke(1.5, 3);
    for (let i = 0; i < 240; i++) smoke.rise(DT, [0, 0, 0]);
    const before = smoke.level;
    smoke.clear(0.2);
    expect(smoke.level).toBeCloseTo(before - 0.2, 12);
    smoke.clear(5);
    expect(smoke.level).toBe(0);
    smoke.clear(-1);
    expect(smoke.level).toBe(0);
  });
});

describe('char marks', () => {
  const pos = new Float64Array([0, 0, 0, 0.01, 0, 0]);

  it('a mark sits where the tip burnt, rides on its particle and grows with the burn, up to its largest', () => {
    const marks = new CharMarks(0.0008, 0.0015, 0.003);
    marks.burn(DT, 14, [0.0105, 0.001, 0], 1, pos);
    expect(marks.count).toBe(1);
    expect(marks.size[0]).toBe(0.0008);
    for (let i = 0; i < 60; i++) marks.burn(DT, 14, [0.0105, 0.001, 0], 1, pos);
    expect(marks.count).toBe(1);
    expect(marks.size[0]).toBeCloseTo(0.0008 + 0.0015 * 0.5, 12);
    for (let i = 0; i < 600; i++) marks.burn(DT, 14, [0.0105, 0.001, 0], 1, pos);
    expect(marks.size[0]).toBe(0.003);
    const moved = new Float64Array([0, 0, 0, 0.02, 0.005, 0]);
    expect(marks.positionOf(0, 0, moved)).toBeCloseTo(0.0205, 12);
    expect(marks.positionOf(0, 1, moved)).toBeCloseTo(0.006, 12);
    expect(marks.positionOf(0, 2, moved)).toBe(0);
  });

  it('a burn elsewhere, or on another structure, makes a new mark; the oldest goes past the capacity', () => {
    const marks = new CharMarks(0.0008, 0.0015, 0.003);
    marks.burn(DT, 13, [0, 0, 0], -1, pos);
    marks.burn(DT, 13, [0.005, 0, 0], -1, pos);
    marks.burn(DT, 14, [0.005, 0, 0], -1, pos);
    expect(marks.count).toBe(3);
    expect([...marks.tag.subarray(0, 3)]).toEqual([13, 13, 14]);
    for (let i = 0; i < CHAR_CAPACITY; i++) marks.burn(DT, 13, [0.01 * i, 1, 0], -1, pos);
    expect(marks.count).toBe(CHAR_CAPACITY);
    expect(marks.made[0]).toBe(CHAR_CAPACITY + 3);
    expect(marks.positionOf(2, 0, pos)).toBeCloseTo(0.01 * (CHAR_CAPACITY - 1), 12);
  });
});

describe('heat spread', () => {
  it('falls off as a Gaussian of the distance from the tip, and not at all beyond 4 σ', () => {
    const heat = new ThermalDose(0.002);
    expect(heat.falloff(0)).toBe(1);
    expect(heat.falloff(0.002)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(heat.falloff(0.004)).toBeCloseTo(Math.exp(-2), 12);
    expect(heat.falloff(0.0081)).toBe(0);
    expect(heat.falloff(Number.POSITIVE_INFINITY)).toBe(0);
    expect(heat.falloff(-0.001)).toBe(1);
  });

  it('deposits a dose per structure: full on the touched one, less on a near one, none on a far one', () => {
    const heat = new ThermalDose(0.002);
    const d = new Float64Array(STRUCTURE_IDS.length).fill(Number.POSITIVE_INFINITY);
    d[structureTag('gallbladder')] = 0;
    d[structureTag('cystic-duct')] = 0.003;
    d[structureTag('common-bile-duct')] = 0.02;
    for (let i = 0; i < 120; i++) heat.deposit(DT, d);
    const got = heat.received();
    expect(got.gallbladder).toBeCloseTo(1, 10);
    expect(got['cystic-duct']).toBeCloseTo(Math.exp(-(0.003 ** 2) / (2 * 0.002 ** 2)), 10);
    expect(got['common-bile-duct']).toBeUndefined();
    expect(Object.keys(got)).toHaveLength(2);
  });

  it('reports each structure once per report step its dose passes, with the dose so far', () => {
    const heat = new ThermalDose(0.002);
    const d = new Float64Array(STRUCTURE_IDS.length).fill(Number.POSITIVE_INFINITY);
    d[structureTag('cystic-duct')] = 0;
    d[structureTag('common-bile-duct')] = 0.002;
    const passed: [string, number][] = [];
    for (let i = 0; i < 120; i++) heat.deposit(DT, d, (tag, dose) => passed.push([STRUCTURE_IDS[tag]!, dose]));
    const duct = passed.filter(([s]) => s === 'cystic-duct').map(([, dose]) => dose);
    const cbd = passed.filter(([s]) => s === 'common-bile-duct').map(([, dose]) => dose);
    // One second on the duct passes 0.1 … 1.0 (the last within rounding of the 120th tick); the bile duct, at σ, 0.6 of it.
    expect(duct.length).toBeGreaterThanOrEqual(9);
    expect(duct.length).toBeLessThanOrEqual(10);
    expect(cbd).toHaveLength(Math.floor(Math.exp(-0.5) / HEAT_REPORT_STEP));
    for (const [k, dose] of duct.entries()) {
      expect(dose).toBeGreaterThanOrEqual((k + 1) * HEAT_REPORT_STEP);
      expect(dose).toBeLessThan((k + 1) * HEAT_REPORT_STEP + DT);
    }
  });
});

describe('grasp cues', () => {
  it('a closed bite blanches half-way with the squeeze, and its pull blanches it the rest, smoothly', () => {
    const cues = new GraspCues(0.5, 3);
    expect(cues.blanching(0, 5)).toBe(0);
    expect(cues.blanching(1, 0.2)).toBe(0.5);
    expect(cues.blanching(0.5, 0.2)).toBe(0.25);
    expect(cues.blanching(1, 1.75)).toBeCloseTo(0.75, 12);
    expect(cues.blanching(1, 3)).toBe(1);
    expect(cues.blanching(1, 1)).toBeLessThan(cues.blanching(1, 2));
    cues.set(0, 14, 1, 2, 0.4);
    cues.set(1, -1, 1, 5, 0.9);
    expect(cues.on(14, [0, 0])).toEqual([cues.blanching(1, 2), 0.4]);
    expect([cues.blanch[1], cues.tension[1]]).toEqual([0, 0]);
  });

  it('tension is the most stretched edge near the bite as a share of the way to its tear ratio', () => {
    // A chain 0–1–2–3–4, the jaws on particle 0: edges within two of it count, the far one (3–4) does not.
    const p = new Particles(5);
    for (let i = 0; i < 5; i++) p.add(0.01 * i, 0, 0, 1, 0);
    const edges = new DistanceConstraints(4);
    for (let i = 0; i < 4; i++) edges.add(i, i + 1, 0.01, 0);
    edges.tearRatio = 4;
    const near = new Uint8Array(5);
    const held = [9, 0];
    expect(tearFraction(edges, p.pos, held, 1, 1, near)).toBe(0);
    p.pos[12] = 0.055; // edge 3–4 at 2.5 × its rest length, beyond the bite's reach
    expect(tearFraction(edges, p.pos, held, 1, 1, near)).toBe(0);
    p.pos[3] = 0.01;
    p.pos[6] = 0.035; // edge 1–2 at 2.5 ×: half the way to 4 ×
    p.pos[9] = 0.045;
    expect(tearFraction(edges, p.pos, held, 1, 1, near)).toBeCloseTo(0.5, 12);
    expect([...near]).toEqual([0, 0, 0, 0, 0]);
    expect(tearFraction(edges, p.pos, held, 1, 0, near)).toBe(0);
    edges.alive[1] = 0;
    expect(tearFraction(edges, p.pos, held, 1, 1, near)).toBe(0);
    edges.alive[1] = 1;
    edges.tearRatio = 0;
    expect(tearFraction(edges, p.pos, held, 1, 1, near)).toBe(0);
  });
});

describe('energy settings and state', () => {
  it('refuses a setting that is not a positive number, or a blanch range that is empty', () => {
    expect(() => energySettings({ heatSpreadMm: 0 })).toThrow(/heatSpreadMm/);
    expect(() => energySettings({ smokeClearSec: Number.NaN })).toThrow(/smokeClearSec/);
    expect(() => energySettings({ blanchStartN: 3, blanchFullN: 2 })).toThrow(/blanchFullN/);
    expect(energySettings({ heatSpreadMm: 3 }).heatSpreadMm).toBe(3);
  });

  it('saves, restores and hashes through the state book exactly', () => {
    const make = (): { e: TissueEnergy; book: StateBook } => {
      const e = new TissueEnergy();
      return { e, book: new StateBook('test').part(e) };
    };
    const a = make();
    const pos = new Float64Array([0.001, 0.002, 0.003]);
    for (let i = 0; i < 50; i++) {
      a.e.smoke.rise(DT, [0.1, 0.1, 0.1]);
      a.e.char.burn(DT, 14, [0.0011, 0.002, 0.003], 0, pos);
      a.e.heat.deposit(DT, new Float64Array(STRUCTURE_IDS.length).fill(0.001));
    }
    a.e.cues.set(0, 14, 1, 1.3, 0.2);
    const saved = JSON.parse(JSON.stringify(a.book.save()));
    const b = make();
    b.book.load(saved);
    const hash = (book: StateBook): string => {
      const h = new StateHasher();
      book.hash(h);
      return h.digest();
    };
    expect(hash(b.book)).toBe(hash(a.book));
    expect(b.e.smoke.level).toBe(a.e.smoke.level);
    expect(b.e.char.size[0]).toBe(a.e.char.size[0]);
    a.e.smoke.decay(DT);
    expect(hash(b.book)).not.toBe(hash(a.book));
  });
});
