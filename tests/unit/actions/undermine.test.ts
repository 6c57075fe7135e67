import { describe, expect, it } from 'vitest';
import { Script } from './script.ts';

/** Undermining as the recognisers see it: the skin pad's `dissect` events and its `cleared.specimen`. */
const LAYERS = [
  { id: 'dermis', top: 0, bottom: -0.002 },
  { id: 'subcutaneous-fat', top: -0.002, bottom: -0.02 },
  { id: 'fascia', top: -0.02, bottom: -0.021 },
  { id: 'muscle', top: -0.021, bottom: -0.036 },
];

function pad(): Script {
  const s = new Script();
  s.geometry = { surfaceY: 0, layers: LAYERS };
  s.cleared = { specimen: 0 };
  return s;
}

describe('undermining the specimen', () => {
  it('reports the freed fraction as dissect specimen, by the hand that snipped, as it grows', () => {
    const s = pad();
    const dissects = [];
    for (const fraction of [0.1, 0.12, 0.3, 1]) {
      s.cleared = { specimen: fraction };
      s.event('dissect', 'right', 'subcutaneous-fat', [0, -0.004, 0], 3);
      dissects.push(...s.step({ right: { instrument: 'iris-scissors', jaw: 1, tip: [0, -0.004, 0] } }).filter((a) => a.type === 'dissect'));
      s.step({ right: { jaw: 0 } });
    }
    expect(dissects.map((a) => [a.structure, a.fraction, a.instrument])).toEqual([
      ['specimen', 0.1, 'iris-scissors'],
      ['specimen', 0.3, 'iris-scissors'],
      ['specimen', 1, 'iris-scissors'],
    ]);
  });

  it('a snip reported as undermining is no cut; one in the fat elsewhere is', () => {
    const s = pad();
    s.touch('right', { structure: 'subcutaneous-fat', point: [0, -0.004, 0] });
    s.step({ right: { instrument: 'iris-scissors', jaw: 0, tip: [0, -0.004, 0] } });
    s.event('dissect', 'right', 'subcutaneous-fat', [0, -0.004, 0], 2);
    expect(s.step({ right: { jaw: 1 } }).filter((a) => a.type === 'cut')).toEqual([]);
    s.step({ right: { jaw: 0 } });
    expect(s.step({ right: { jaw: 1 } }).filter((a) => a.type === 'cut')).toMatchObject([{ structure: 'subcutaneous-fat' }]);
  });

  it('into the fascia: dissect fascia once per snip, and once per scalpel stroke however long', () => {
    const s = pad();
    const deep = (): number => s.log.filter((a) => a.type === 'dissect' && a.structure === 'fascia').length;
    for (let snip = 0; snip < 2; snip++) {
      s.event('dissect', 'right', 'fascia', [0, -0.0205, 0], 0);
      s.step({ right: { instrument: 'iris-scissors', jaw: 1, tip: [0, -0.0205, 0] } });
      s.step({ right: { jaw: 0 } });
    }
    expect(deep()).toBe(2);
    for (let k = 0; k < 30; k++) {
      s.event('dissect', 'right', 'fascia', [k * 0.001, -0.0205, 0], 1);
      s.step({ right: { instrument: 'scalpel', jaw: 0, tip: [k * 0.001, -0.0205, 0] } });
    }
    expect(deep()).toBe(3);
    expect(s.log.filter((a) => a.type === 'dissect' && a.structure === 'fascia').every((a) => a.fraction === 0)).toBe(true);
  });

  it('a scalpel stroke during which the scene reported undermining is no incision; an upright one is', () => {
    const s = pad();
    const stroke = (undermining: boolean): number => {
      for (let k = 0; k <= 20; k++) {
        if (undermining) s.event('dissect', 'right', 'subcutaneous-fat', [k * 0.001, -0.004, 0], 1);
        s.step({ right: { instrument: 'scalpel', tip: [k * 0.001, -0.004, 0] } });
      }
      s.step({ right: { tip: [0.02, 0.01, 0] } });
      return s.log.filter((a) => a.type === 'incise').length;
    };
    expect(stroke(true)).toBe(0);
    expect(stroke(false)).toBe(1);
  });
});
