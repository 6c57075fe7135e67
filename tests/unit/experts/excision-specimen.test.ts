import { beforeAll, describe, expect, it } from 'vitest';
import { Attempt, type AttemptSnapshot } from '../../../src/core/attempt/attempt.ts';
import { SkinPadScene } from '../../../src/core/world/scenes/skin-pad.ts';
import { SPECIMEN_POT_BASE, SPECIMEN_POT_HEIGHT } from '../../../src/core/kernel/or-layout.ts';
import { type Quat, type ToolInput, type Vec3, idleInput } from '../../../src/core/kernel/index.ts';
import { protocol } from '../../support/experts.ts';

/**
 * Freeing and removing the specimen of an elliptical excision, tick by tick through an attempt: a 3 : 1
 * ellipse marked, both sides incised along it (each stroke run 2 mm past the tips so the two meet), then the
 * iris scissors snip in the fat under it, the forceps take it and carry it off.
 */
const PROTOCOL = protocol('elliptical-excision');
const ticks = (a: Attempt, input: ToolInput, n: number): void => {
  for (let k = 0; k < n; k++) a.tick(input);
};

function sceneOf(a: Attempt): SkinPadScene {
  const s = a.world.scene;
  if (!(s instanceof SkinPadScene) || !s.anatomy.lesion) throw new Error('no lesion');
  return s;
}

/** The ellipse's frame: centre, unit long axis and across it, half-length and half-width (m). */
function ellipse(s: SkinPadScene) {
  const { centre, radius } = s.anatomy.lesion!;
  const t = s.anatomy.tensionLines;
  const b = radius + 0.0025,
    a = 3 * b;
  return { centre, along: [t[0], t[2]] as const, across: [-t[2], t[0]] as const, a, b };
}

function at(s: SkinPadScene, u: number, v: number, y: number): Vec3 {
  const e = ellipse(s);
  return [e.centre[0] + e.along[0] * u + e.across[0] * v, y, e.centre[2] + e.along[1] * u + e.across[1] * v];
}

function incised(): Attempt {
  const attempt = new Attempt({ protocol: PROTOCOL, mode: 'assess', seed: 1, variant: 'lines-oblique' });
  const s = sceneOf(attempt);
  const { a, b } = ellipse(s);
  const input = idleInput();
  const r = input.hands.right;
  r.instrument = 'skin-marker';
  r.pose.position = at(s, -a, 0, s.surfaceY + 0.02);
  ticks(attempt, input, 60);
  for (let k = 0; k <= 480; k++) {
    const u = (2 * Math.PI * Math.min(k, 440)) / 440;
    r.pose.position = at(s, -a * Math.cos(u), b * Math.sin(u), s.surfaceY + 0.0005);
    attempt.tick(input);
  }
  r.instrument = 'scalpel';
  for (const side of [1, -1]) {
    r.pose.position = at(s, -a - 0.002, 0, s.surfaceY + 0.01);
    ticks(attempt, input, 60);
    for (let k = -20; k <= 380; k++) {
      const u = Math.PI * (Math.max(0, Math.min(360, k)) / 360);
      const over = k < 0 ? k * 0.0001 : k > 360 ? (k - 360) * 0.0001 : 0;
      // Blade edge up (+y), its flat faces across the stroke (heading along the path's tangent).
      const du = a * Math.sin(u),
        dv = side * b * Math.cos(u);
      const e = ellipse(s);
      const heading = Math.atan2(e.along[0] * du + e.across[0] * dv, e.along[1] * du + e.across[1] * dv);
      r.pose.orientation = [0, Math.sin(heading / 2), 0, Math.cos(heading / 2)];
      r.pose.position = at(s, -a * Math.cos(u) + over, side * b * Math.sin(u), s.surfaceY - 0.003);
      attempt.tick(input);
    }
    r.pose.position = [r.pose.position[0], s.surfaceY + 0.01, r.pose.position[2]];
    ticks(attempt, input, 60);
  }
  return attempt;
}

/** Scissors lying across the specimen 8° off flat, their tips 1 mm past its far side, `depth` below the skin. */
function scissorsAcross(s: SkinPadScene): Quat {
  const e = ellipse(s);
  const el = (8 * Math.PI) / 180;
  const d: Vec3 = [e.across[0] * Math.cos(el), Math.sin(el), e.across[1] * Math.cos(el)];
  const q: Quat = [-d[1], d[0], 0, 1 + d[2]];
  const m = Math.hypot(...q);
  return [q[0] / m, q[1] / m, q[2] / m, q[3] / m];
}

function snip(attempt: Attempt, input: ToolInput, u: number, depth: number): void {
  const s = sceneOf(attempt);
  const r = input.hands.right;
  r.instrument = 'iris-scissors';
  r.pose.orientation = scissorsAcross(s);
  r.pose.position = at(s, u, -ellipse(s).b - 0.001, s.surfaceY - depth);
  r.jaw = 0;
  ticks(attempt, input, 12);
  r.jaw = 1;
  ticks(attempt, input, 24);
  r.jaw = 0;
  ticks(attempt, input, 24);
}

function undermineAll(attempt: Attempt, input: ToolInput): void {
  const { a } = ellipse(sceneOf(attempt));
  for (let u = -a - 0.001; u <= a + 0.0011; u += 0.0025) snip(attempt, input, u, 0.004);
  input.hands.right.pose.position = [0.06, 1.0, -0.4];
  ticks(attempt, input, 30);
}

/** The left forceps take the specimen by the particle nearest its far tip and lift it 4 cm. */
function takeByTip(attempt: Attempt, input: ToolInput): void {
  const s = sceneOf(attempt);
  const target = at(s, ellipse(s).a - 0.003, 0, 0);
  const p = s.particles.pos;
  let best = -1;
  let d = Infinity;
  for (let k = 0; k < s.specimen.count; k++) {
    const i = s.specimen.list[k]!;
    const e = Math.hypot(p[3 * i]! - target[0], p[3 * i + 2]! - target[2]);
    if (e < d) [d, best] = [e, i];
  }
  const l = input.hands.left;
  const grip: Vec3 = [p[3 * best]!, p[3 * best + 1]!, p[3 * best + 2]!];
  l.instrument = 'adson-forceps';
  l.pose.position = [grip[0], grip[1] + 0.02, grip[2]];
  ticks(attempt, input, 30);
  l.pose.position = grip;
  ticks(attempt, input, 30);
  l.jaw = 1;
  ticks(attempt, input, 30);
  moveLeft(attempt, input, [grip[0], grip[1] + 0.04, grip[2]], 60);
}

function moveLeft(attempt: Attempt, input: ToolInput, to: Vec3, n: number): void {
  const from = [...input.hands.left.pose.position];
  for (let k = 1; k <= n; k++) {
    input.hands.left.pose.position = [0, 1, 2].map((c) => from[c]! + ((to[c]! - from[c]!) * k) / n) as Vec3;
    attempt.tick(input);
  }
}

/** Where the tip must be for the specimen's centre to hang over the pot, `above` its mouth. */
function overPot(attempt: Attempt, input: ToolInput, above: number): Vec3 {
  const s = sceneOf(attempt);
  const p = s.particles.pos;
  let gx = 0,
    gz = 0;
  for (let k = 0; k < s.specimen.count; k++) {
    gx += p[3 * s.specimen.list[k]!]!;
    gz += p[3 * s.specimen.list[k]! + 2]!;
  }
  const tip = input.hands.left.pose.position;
  return [
    SPECIMEN_POT_BASE[0] + tip[0] - gx / s.specimen.count,
    SPECIMEN_POT_BASE[1] + SPECIMEN_POT_HEIGHT + above,
    SPECIMEN_POT_BASE[2] + tip[2] - gz / s.specimen.count,
  ];
}

const errors = (a: Attempt) => a.findingLog.filter((f) => f.type === 'error').map((f) => (f as { code: string }).code);

describe('elliptical excision: freeing and removing the specimen', () => {
  let cut: AttemptSnapshot;
  const fresh = (): Attempt => {
    const a = new Attempt({ protocol: PROTOCOL, mode: 'assess', seed: 1, variant: 'lines-oblique' });
    a.restore(cut);
    return a;
  };

  beforeAll(() => {
    cut = incised().snapshot();
  });

  it('the two incisions cut out an island of skin round the lesion: the specimen, attached, not yet freed', () => {
    const a = fresh();
    const s = sceneOf(a);
    expect(a.engine.steps.filter((x) => x.id.startsWith('incise')).map((x) => x.status)).toEqual(['completed', 'completed']);
    expect(s.specimen.count).toBeGreaterThan(30);
    expect(s.specimen.count).toBeLessThan(100);
    expect(s.specimenFreed()).toBe(0);
    expect(errors(a)).toEqual([]);
  });

  it('snips in the fat under it free it progressively, tip to tip: dissect specimen with a growing fraction, up to 1', () => {
    const a = fresh();
    const input = idleInput();
    undermineAll(a, input);
    const fractions = a.actions.filter((x) => x.type === 'dissect').map((x) => [x.structure, x.fraction, x.instrument]);
    expect(fractions.length).toBeGreaterThan(5);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]![1]).toBeGreaterThan(fractions[k - 1]![1] as number);
    expect(fractions.at(-1)).toEqual(['specimen', 1, 'iris-scissors']);
    expect(sceneOf(a).specimen.freed).toBe(true);
    expect(a.engine.steps.find((x) => x.id === 'free-specimen')?.status).toBe('completed');
    // Snips are dissection, not cuts; and nothing is wrong.
    expect(a.actions.filter((x) => x.type === 'cut')).toEqual([]);
    expect(errors(a)).toEqual([]);
  });

  it('a snip under half of it frees about half', () => {
    const a = fresh();
    const input = idleInput();
    for (let u = -ellipse(sceneOf(a)).a - 0.001; u < 0; u += 0.0025) snip(a, input, u, 0.004);
    const f = sceneOf(a).specimenFreed();
    expect(f).toBeGreaterThan(0.35);
    expect(f).toBeLessThan(0.65);
  });

  it('a snip in the fascia is too deep: dissect fascia, incision-too-deep', () => {
    const a = fresh();
    const s = sceneOf(a);
    const fascia = s.anatomy.layers.find((l) => l.id === 'fascia')!;
    snip(a, idleInput(), 0, s.surfaceY - (fascia.top + fascia.bottom) / 2);
    expect(a.actions.filter((x) => x.type === 'dissect' && x.structure === 'fascia')).toHaveLength(1);
    expect(errors(a)).toContain('incision-too-deep');
  });

  it('a scalpel laid flat and stroked in the fat frees it too, and the stroke is no incision', () => {
    const a = fresh();
    const s = sceneOf(a);
    const input = idleInput();
    const r = input.hands.right;
    r.instrument = 'scalpel';
    // Edge (+y) along the specimen's width, flat faces (±x) up and down: a quarter turn about z (x up,
    // y to −x), then a turn about y taking −x onto the width.
    const e = ellipse(s);
    const heading = Math.atan2(e.across[1], -e.across[0]);
    const yaw: Quat = [0, Math.sin(heading / 2), 0, Math.cos(heading / 2)];
    const flat: Quat = [0, 0, Math.SQRT1_2, Math.SQRT1_2];
    r.pose.orientation = [
      yaw[3] * flat[0] + yaw[0] * flat[3] + yaw[1] * flat[2] - yaw[2] * flat[1],
      yaw[3] * flat[1] - yaw[0] * flat[2] + yaw[1] * flat[3] + yaw[2] * flat[0],
      yaw[3] * flat[2] + yaw[0] * flat[1] - yaw[1] * flat[0] + yaw[2] * flat[3],
      yaw[3] * flat[3] - yaw[0] * flat[0] - yaw[1] * flat[1] - yaw[2] * flat[2],
    ];
    r.pose.position = at(s, -e.a - 0.002, -e.b - 0.002, s.surfaceY + 0.01);
    ticks(a, input, 30);
    for (let k = 0; k <= 300; k++) {
      r.pose.position = at(s, -e.a - 0.002 + ((2 * e.a + 0.004) * k) / 300, -e.b - 0.002, s.surfaceY - 0.004);
      a.tick(input);
    }
    r.pose.position = [0.06, 1.0, -0.4];
    ticks(a, input, 30);
    expect(s.specimenFreed()).toBeGreaterThan(0.5);
    expect(a.actions.filter((x) => x.type === 'incise')).toEqual([]);
    expect(a.actions.filter((x) => x.type === 'dissect').at(-1)?.instrument).toBe('scalpel');
    expect(errors(a)).toEqual([]);
  });

  it('freed, the forceps take it whole and let go over the pot: place specimen in the specimen pot, where it lies', () => {
    const a = fresh();
    const input = idleInput();
    undermineAll(a, input);
    takeByTip(a, input);
    const s = sceneOf(a);
    expect(s.specimen.holder).toBe(0);
    expect(a.actions.filter((x) => x.type === 'grasp').map((x) => x.object)).toEqual(['specimen']);
    moveLeft(a, input, overPot(a, input, 0.01), 120);
    input.hands.left.jaw = 0;
    ticks(a, input, 240);
    expect(a.actions.filter((x) => x.type === 'place' || x.type === 'drop')).toMatchObject([
      { type: 'place', object: 'specimen', what: 'specimen-pot', hand: 'left' },
    ]);
    expect(a.engine.steps.find((x) => x.id === 'remove-specimen')?.status).toBe('completed');
    // It fell into the pot and lies on its floor.
    const p = s.particles.pos;
    for (let k = 0; k < s.specimen.count; k++) {
      const i = s.specimen.list[k]!;
      expect(Math.hypot(p[3 * i]! - SPECIMEN_POT_BASE[0], p[3 * i + 2]! - SPECIMEN_POT_BASE[2])).toBeLessThan(0.025);
      expect(p[3 * i + 1]!).toBeLessThan(SPECIMEN_POT_BASE[1] + 0.01);
    }
    a.finish();
    expect(a.report().outcome).toBe('completed');
    expect(errors(a)).toEqual([]);
  });

  it('jaws closing over the specimen take it even where the nearest particle of the coarse sheet lies across the cut', () => {
    const s = sceneOf(fresh());
    const p = s.particles.pos;
    const nearest = (x: number, z: number): number => {
      let best = -1,
        d = Infinity;
      for (let i = s.sheetFirst; i < s.particles.count; i++) {
        const e = Math.hypot(p[3 * i]! - x, p[3 * i + 2]! - z);
        if (p[3 * i + 1]! > s.surfaceY - 0.001 && e < d) [d, best] = [e, i];
      }
      return best;
    };
    // A point on the skin over the specimen, by an incision, whose nearest particle is the skin's across it.
    const { a: half, b } = ellipse(s);
    let over: Vec3 | null = null;
    for (let u = -half; u <= half && !over; u += 0.0002) {
      for (let v = -b - 0.002; v <= b + 0.002 && !over; v += 0.0002) {
        const tip = at(s, u, v, s.surfaceY);
        if (s.specimen.covers(tip[0], tip[2]) && !s.excision.isSpecimen(nearest(tip[0], tip[2]))) over = tip;
      }
    }
    expect(over).not.toBeNull();
    expect(s.excision.isSpecimen(s.excision.grab(0, over!, 0.003, 3))).toBe(true);
  });

  it('let go high elsewhere it drops, set down on the pad it is neither placed nor dropped', () => {
    const a = fresh();
    const input = idleInput();
    undermineAll(a, input);
    takeByTip(a, input);
    const high = a.snapshot();
    const lifted = structuredClone(input.hands.left);
    moveLeft(a, input, [SPECIMEN_POT_BASE[0] + 0.1, SPECIMEN_POT_BASE[1] + 0.12, SPECIMEN_POT_BASE[2] - 0.1], 60);
    input.hands.left.jaw = 0;
    ticks(a, input, 120);
    expect(a.actions.filter((x) => x.type === 'place' || x.type === 'drop')).toMatchObject([{ type: 'drop', object: 'specimen', inView: true }]);
    const b = fresh();
    b.restore(high);
    const again = idleInput();
    again.hands.left = lifted;
    moveLeft(b, again, [again.hands.left.pose.position[0], sceneOf(b).surfaceY + 0.005, again.hands.left.pose.position[2]], 30);
    again.hands.left.jaw = 0;
    ticks(b, again, 60);
    expect(b.actions.filter((x) => x.type === 'place' || x.type === 'drop')).toEqual([]);
    expect(b.engine.steps.find((x) => x.id === 'remove-specimen')?.status).not.toBe('completed');
  });

  it('snapshot, restore and hash cover the specimen (island, freed skin, the hand carrying it)', () => {
    const a = fresh();
    const input = idleInput();
    const before = a.stateHash();
    snip(a, input, 0, 0.004);
    expect(a.stateHash()).not.toBe(before);
    undermineAll(a, input);
    takeByTip(a, input);
    const mid = a.snapshot();
    const b = fresh();
    b.restore(JSON.parse(JSON.stringify(mid)) as AttemptSnapshot);
    expect(b.stateHash()).toBe(a.stateHash());
    expect(sceneOf(b).specimen.holder).toBe(0);
    const inputB = structuredClone(input);
    moveLeft(a, input, overPot(a, input, 0.01), 60);
    moveLeft(b, inputB, overPot(b, inputB, 0.01), 60);
    expect(b.stateHash()).toBe(a.stateHash());
  });
});
