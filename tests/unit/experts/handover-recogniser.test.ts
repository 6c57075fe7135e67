import { describe, expect, it } from 'vitest';
import { Script } from '../actions/script.ts';

/**
 * The pegboard moves a ring to the grasper that closes on it at once and sends no release for the hand
 * that held it: that hand's jaws opening is the release, and completes a mid-air handover.
 */
describe('objects: handover when the scene sends no release for the first hand', () => {
  const geometry = {
    surfaceY: 0,
    pegs: [
      { id: 'L1', position: [-0.05, 0, 0] as const },
      { id: 'R1', position: [0.05, 0, 0] as const },
    ],
    pegHeight: 0.025,
  };

  function handedOver(): Script {
    const s = new Script();
    s.geometry = geometry;
    s.step({ left: { instrument: 'grasper-left', jaw: 1 }, right: { instrument: 'grasper-right', jaw: 1 } });
    s.event('grasp', 'left', 'fls-object', [-0.05, 0.01, 0], 0);
    s.step();
    s.event('grasp', 'right', 'fls-object', [0, 0.06, 0], 0);
    s.step();
    return s;
  }

  it('the first hand opening its jaws hands the object over in mid-air, once', () => {
    const s = handedOver();
    expect(s.step({ left: { jaw: 0.5 } }).filter((a) => a.type === 'handover')).toMatchObject([{ object: 'o1', from: 'left', to: 'right', midAir: true }]);
    expect(s.step({ left: { jaw: 0 } }).filter((a) => a.type === 'handover')).toEqual([]);
  });

  it('the receiving hand then places it', () => {
    const s = handedOver();
    s.step({ left: { jaw: 0 } });
    s.event('release', 'right', 'fls-object', [0.051, 0.02, 0], 0);
    expect(s.step({ right: { jaw: 0 } }).filter((a) => a.type === 'place' || a.type === 'drop')).toMatchObject([{ hand: 'right', object: 'o1', peg: 'R1' }]);
  });

  it('a jittery take: the receiving jaws opening again first is no handover; the first hand opening then is', () => {
    const s = handedOver();
    s.event('release', 'right', 'fls-object', [0, 0.06, 0], 0);
    expect(s.step({ right: { jaw: 0 } }).filter((a) => a.type === 'handover' || a.type === 'drop')).toEqual([]);
    s.event('grasp', 'right', 'fls-object', [0, 0.06, 0], 0);
    s.step({ right: { jaw: 1 } });
    expect(s.step({ left: { jaw: 0 } }).filter((a) => a.type === 'handover')).toMatchObject([{ object: 'o1', from: 'left', to: 'right', midAir: true }]);
  });

  it('a release event the same tick as the jaws open gives one handover, not two', () => {
    const s = handedOver();
    s.event('release', 'left', 'fls-object', [0, 0.06, 0], 0);
    expect(s.step({ left: { jaw: 0 } }).filter((a) => a.type === 'handover')).toHaveLength(1);
  });
});
