import { describe, expect, it } from 'vitest';
import { play } from '../../support/experts.ts';

/** What the interrupted-suture expert does, beyond completing with no errors: the figures the protocol judges. */
describe('expert script interrupted-suture', () => {
  const attempt = play('interrupted-suture');
  const of = (type: string) => attempt.actions.filter((a) => a.type === type);

  it('closes the 4 cm wound with four stitches 5-10 mm apart, no gap over 12 mm', () => {
    const s = of('needle-enter').map((a) => a.s!);
    expect(s).toHaveLength(4);
    const mm = [0, ...s, 1].map((x) => x * 40);
    for (let i = 1; i < mm.length; i++) expect(mm[i]! - mm[i - 1]!).toBeLessThanOrEqual(12);
    for (let i = 2; i < mm.length - 1; i++) expect(mm[i]! - mm[i - 1]!).toBeGreaterThanOrEqual(5);
  });

  it('takes perpendicular, symmetric bites into the dermis, the edge everted by the dermis', () => {
    const enters = of('needle-enter'),
      exits = of('needle-exit');
    enters.forEach((e, i) => {
      expect(e.angle).toBeGreaterThanOrEqual(60);
      expect(e.angle).toBeLessThanOrEqual(120);
      expect(Math.abs(exits[i]!.distance! - e.distance!)).toBeLessThanOrEqual(1);
      expect(exits[i]!.depth).toBeGreaterThanOrEqual(2);
    });
    // The forceps also hold the thread up for the tails to be cut (structure suture).
    const tissue = of('grasp').filter((a) => a.instrument === 'adson-forceps' && a.structure !== 'suture');
    expect(tissue.map((a) => a.structure)).toEqual(['dermis', 'dermis', 'dermis', 'dermis']);
  });

  it("ties a surgeon's knot and two alternating throws per stitch, laid to one side, tails cut 3-10 mm", () => {
    const throws = of('throw');
    expect(throws).toHaveLength(12);
    for (let k = 0; k < 4; k++) {
      const knot = throws.slice(3 * k, 3 * k + 3);
      expect(knot[0]!.wraps).toBe(2);
      expect(knot[1]!.direction).not.toBe(knot[0]!.direction);
      expect(knot[2]!.direction).not.toBe(knot[1]!.direction);
    }
    for (const k of of('place').filter((a) => a.object === 'knot')) expect(k.distance).toBeGreaterThanOrEqual(2);
    const tails = of('cut')
      .filter((a) => a.structure === 'suture')
      .map((a) => a.distance);
    expect(tails).toHaveLength(4);
    for (const t of tails) {
      expect(t).toBeGreaterThanOrEqual(3);
      expect(t).toBeLessThanOrEqual(10);
    }
  });

  it('ends with the needle in the needle counter', () => {
    expect(of('place').filter((a) => a.object === 'needle')).toMatchObject([{ what: 'needle-counter' }]);
  });
});
