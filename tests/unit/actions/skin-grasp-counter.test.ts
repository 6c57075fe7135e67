import { describe, expect, it } from 'vitest';
import { Script } from './script.ts';

/** The forceps' jaws pointing straight down: their axis (tips → hinge, local +z) is world +y. */
const UPRIGHT: [number, number, number, number] = [-Math.SQRT1_2, 0, 0, Math.SQRT1_2];

/** The skin sheet is one layer in the scene (epidermis + dermis); the jaws' height says which layer was taken. */
describe('grasp: skin taken in the wound is named by the layer the jaws span', () => {
  function grasped(tipY: number, structure: string, orientation: [number, number, number, number] = [0, 0, 0, 1]): string | undefined {
    const s = new Script();
    s.geometry = {
      surfaceY: 0,
      layers: [
        { id: 'dermis', top: 0, bottom: -0.002 },
        { id: 'subcutaneous-fat', top: -0.002, bottom: -0.01 },
      ],
    };
    s.event('grasp', 'left', structure, [0.001, tipY, 0]);
    return s.step({ left: { instrument: 'adson-forceps', jaw: 1, tip: [0.001, tipY, 0], orientation } }).find((a) => a.type === 'grasp')?.structure;
  }

  it('forceps whose tips reach 1 mm past the dermis into the fat hold the dermis between their jaws', () => {
    expect(grasped(-0.003, 'wound-edge-a', UPRIGHT)).toBe('dermis');
  });

  it('jaws lying level in the fat, below the dermis, hold the fat', () => {
    expect(grasped(-0.003, 'wound-edge-a')).toBe('subcutaneous-fat');
  });

  it('an edge of the wound taken 1 mm below the surface is the dermis', () => {
    expect(grasped(-0.001, 'wound-edge-a')).toBe('dermis');
    expect(grasped(-0.001, 'skin')).toBe('dermis');
  });

  it('taken from above the surface it keeps its name (no layer is guessed)', () => {
    expect(grasped(0.001, 'wound-edge-b')).toBe('wound-edge-b');
    expect(grasped(0.001, 'wound-edge-b', UPRIGHT)).toBe('wound-edge-b');
  });

  it('other structures keep their names whatever the height', () => {
    expect(grasped(-0.001, 'suture')).toBe('suture');
  });
});

describe('needle counter', () => {
  it('the needle let go over the counter is placed there', () => {
    const s = new Script();
    s.geometry = { surfaceY: 0, places: [{ what: 'needle-counter', position: [0.1, 0.005, 0], radius: 0.025 }] };
    s.event('needle-grasp', 'right', 'needle', [0, 0.01, 0], 0.6);
    s.step({ right: { instrument: 'needle-driver', jaw: 1, tip: [0, 0.01, 0] } });
    s.event('needle-release', 'right', 'needle', [0.1, 0.012, 0], 0.6);
    const placed = s.step({ right: { jaw: 0, tip: [0.1, 0.012, 0] } }).filter((a) => a.type === 'place' || a.type === 'drop');
    expect(placed).toMatchObject([{ type: 'place', object: 'needle', what: 'needle-counter' }]);
  });
});
