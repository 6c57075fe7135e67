import { describe, expect, it } from 'vitest';
import { StateHasher } from '../../../src/core/kernel/hash.ts';
import { Button } from '../../../src/core/kernel/input.ts';
import { Script } from './script.ts';

const duct = {
  structure: 'cystic-duct',
  centreline: [
    [0, 1, 0],
    [0.03, 1, 0],
  ] as const,
  radius: 0.0015,
};
/** The duct is a danger structure here, so that cuts and burns elsewhere measure their distance to it (proximity.ts). */
const PARAMS = { dangerStructures: ['cystic-duct'] };

/** A seeded jumble of motion, jaw, buttons, contacts and events over every recogniser. */
function drive(s: Script, from: number, to: number): void {
  s.geometry = {
    tubes: [duct],
    surfaceY: 1,
    wound: { start: [-0.02, 1, 0], end: [0.02, 1, 0] },
    view: { eye: [0, 1.3, 0], target: [0, 0, 0], fovDeg: 40, aspect: 1, near: 0.005 },
  };
  let seed = 12345;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < to; i++) {
    const r = [rnd(), rnd(), rnd(), rnd(), rnd(), rnd()] as const;
    if (i < from) continue;
    const tools = ['clip-applier', 'laparoscopic-scissors', 'hook-cautery', 'atraumatic-grasper', 'needle-driver', 'scalpel'];
    if (r[0] < 0.02) s.set('right', { instrument: tools[Math.floor(r[1] * tools.length)]! });
    if (r[2] < 0.1)
      s.events.push({
        type: r[3] < 0.5 ? 'grasp' : 'release',
        hand: r[4] < 0.5 ? 'left' : 'right',
        structure: 'fls-object',
        point: [0, 1 + r[5] * 0.1, 0],
        s: Number.NaN,
        value: Math.floor(r[1] * 6),
      });
    if (r[3] < 0.3) s.touch('right', { structure: 'gallbladder', force: r[4] * 6 });
    else s.contacts[1].active = false;
    s.cleared = { 'hepatocystic-triangle': i / 2000 };
    s.step({
      left: { instrument: 'grasper-left', tip: [r[4] * 0.05, 1 + r[5] * 0.05, 0], jaw: r[1] },
      right: {
        tip: [r[0] * 0.03, 0.998 + r[2] * 0.01, r[3] * 0.01 - 0.005],
        jaw: r[5] > 0.5 ? 1 : 0,
        buttons: r[4] < 0.5 ? Button.activate : Button.secondary,
      },
    });
  }
}

describe('recogniser determinism', () => {
  it('same inputs give the same actions and hash', () => {
    const a = new Script(PARAMS);
    const b = new Script(PARAMS);
    drive(a, 0, 2000);
    drive(b, 0, 2000);
    expect(a.log.length).toBeGreaterThan(20);
    expect(a.log.some((x) => x.nearest === 'cystic-duct')).toBe(true);
    expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
    const ha = new StateHasher(),
      hb = new StateHasher();
    a.rec.hash(ha);
    b.rec.hash(hb);
    expect(hb.digest()).toBe(ha.digest());
  });

  it('snapshot (as JSON) and restore continue identically', () => {
    const whole = new Script(PARAMS);
    drive(whole, 0, 2000);

    const first = new Script(PARAMS);
    drive(first, 0, 1000);
    const json = JSON.stringify(first.rec.snapshot());
    const second = new Script(PARAMS);
    second.rec.restore(JSON.parse(json));
    // Carry over the instrument state the simulation would restore itself.
    for (const hand of ['left', 'right'] as const)
      second.set(hand, {
        ...first.now[hand],
        tip: [...first.now[hand].tip] as [number, number, number],
        orientation: [...first.now[hand].orientation] as [number, number, number, number],
      });
    Object.assign(second.contacts[1], first.contacts[1]);
    second.tick = first.tick;
    drive(second, 1000, 2000);

    const joined = [...first.log, ...second.log];
    const k = joined.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(whole.log[i]));
    expect(k === -1 ? null : [joined[k], whole.log[k]]).toBeNull();
    expect(joined.length).toBe(whole.log.length);
    const h1 = new StateHasher(),
      h2 = new StateHasher();
    whole.rec.hash(h1);
    second.rec.hash(h2);
    expect(h2.digest()).toBe(h1.digest());
  });
});
