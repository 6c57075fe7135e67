import { describe, expect, it } from 'vitest';
import { checkAction } from '../../../src/core/vocabulary/actions.ts';
import { DEFAULT_RECOGNISER_PARAMS } from '../../../src/core/recognisers/params.ts';
import { cbd, duct } from './ducts.ts';
import { Script, axisAngle } from './script.ts';

function closeAt(instrument: string, tip: [number, number, number], orientation: [number, number, number, number] = [0, 0, 0, 1]) {
  const script = new Script();
  script.geometry = { tubes: [duct, cbd] };
  script.step({ right: { instrument, tip, orientation, jaw: 0 } });
  return { script, actions: script.step({ right: { jaw: 1 } }) };
}

const BITE = DEFAULT_RECOGNISER_PARAMS.clipBiteTicks;

/** A clip applier closed there and held closed for its bite (tip moved by `shake(tick)` meanwhile): the actions. */
function clipAt(
  tip: [number, number, number],
  orientation: [number, number, number, number] = [0, 0, 0, 1],
  shake = (_tick: number): [number, number, number] => [0, 0, 0],
) {
  const moved = (tick: number) => tip.map((x, k) => x + shake(tick)[k]!) as [number, number, number];
  const { script, actions } = closeAt('clip-applier', moved(0), orientation);
  for (let tick = 1; tick < BITE; tick++) actions.push(...script.step({ right: { tip: moved(tick) } }));
  return { script, actions };
}

describe('clip recogniser', () => {
  it.each([
    // tip position: the tips 3 mm beyond the duct's centre reach past its far wall → complete
    ['across the full width at s = 0.3', [0.009, 1, -0.003], 0.3, true],
    ['across the full width at s = 0.75', [0.0225, 1, -0.0025], 0.75, true],
    ['only across half its width (tips at the centreline)', [0.009, 1, 0], 0.3, false],
    ['with the hinge short of the near wall', [0.009, 1, -0.0085], 0.3, false],
  ] as const)('a clip applier closed %s', (_name, tip, s, complete) => {
    const { actions } = clipAt([...tip]);
    expect(actions).toHaveLength(1);
    const clip = actions[0]!;
    // Judged at the end of its bite: closed on tick 1, held closed for BITE ticks.
    expect(clip).toMatchObject({ type: 'clip', hand: 'right', instrument: 'clip-applier', structure: 'cystic-duct', complete, tick: BITE });
    expect(clip.s).toBeCloseTo(s, 2);
    expect(clip.t).toBeCloseTo(BITE / 120);
    expect(checkAction(clip)).toEqual([]);
  });

  it('takes a vessel lying between the open jaws, though the clamping line passes beside it', () => {
    // The line 2.8 mm from the duct's centreline (radius 1.5 mm), a third of the way from the tips: inside the open V.
    const { actions } = clipAt([0.009, 1.0028, -0.003]);
    expect(actions).toMatchObject([{ type: 'clip', structure: 'cystic-duct', complete: true }]);
  });

  it('judges the bite, not its noisiest tick: a 2.5 mm tremor along the jaws at the closing tick does not make the clip incomplete', () => {
    // Tips 2 mm past the duct's far wall; at the closing tick alone they would end 0.5 mm inside it.
    const tremor = (tick: number): [number, number, number] => [0, 0, 0.0025 * Math.cos((2 * Math.PI * 10 * tick) / 120)];
    const { actions } = clipAt([0.009, 1, -0.0035], [0, 0, 0, 1], tremor);
    expect(actions).toMatchObject([{ type: 'clip', structure: 'cystic-duct', complete: true }]);
  });

  it('judges a clip whose jaws open before the bite is over on the ticks it had', () => {
    const { script } = closeAt('clip-applier', [0.009, 1, 0]);
    expect(script.step({ right: { jaw: 0 } })).toMatchObject([{ type: 'clip', structure: 'cystic-duct', complete: false, tick: 2 }]);
  });

  it('clips the common bile duct when that is what lies across the jaws', () => {
    // Jaws along +x (rotated about y) across the bile duct at 10 mm of its 40 mm.
    const { actions } = clipAt([0.027, 1, 0.01], axisAngle([0, 1, 0], Math.PI / 2));
    expect(actions[0]).toMatchObject({ type: 'clip', structure: 'common-bile-duct', complete: true });
    expect(actions[0]!.s).toBeCloseTo(0.25, 2);
  });

  it('fires nothing on empty air; each opening loads the next clip until the magazine is empty', () => {
    const { script, actions } = closeAt('clip-applier', [0.009, 1.05, 0]);
    expect(actions).toEqual([]); // that clip is spent
    script.set('right', { tip: [0.012, 1, -0.003] });
    let fired = 0;
    for (let i = 0; i < 25; i++) {
      // Each closing is judged when the jaws open again, its bite cut short.
      for (const jaw of [0, 1]) fired += script.step({ right: { jaw } }).filter((a) => a.type === 'clip').length;
    }
    fired += script.step({ right: { jaw: 0 } }).filter((a) => a.type === 'clip').length;
    expect(fired).toBe(19); // 20 in a magazine, one spent in the air
  });

  it('falls back to the scene clip event when no tube geometry is given', () => {
    const script = new Script();
    script.step({ right: { instrument: 'clip-applier', jaw: 0 } });
    script.event('clip', 'right', 'cystic-artery', [0, 1, 0], 0, 0.42);
    expect(script.step({ right: { jaw: 1 } })).toMatchObject([{ type: 'clip', structure: 'cystic-artery', s: 0.42, complete: false }]);
  });
});

describe('cut recogniser', () => {
  it.each([
    [0.48, [0.0144, 1, -0.004]],
    [0.55, [0.0165, 1, -0.002]],
    [0.1, [0.003, 1, -0.007]],
  ] as const)('scissors closed across the duct cut it at s = %f', (s, tip) => {
    const { actions } = closeAt('laparoscopic-scissors', [...tip]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ type: 'cut', instrument: 'laparoscopic-scissors', structure: 'cystic-duct' });
    expect(actions[0]!.s).toBeCloseTo(s, 2);
  });

  it('cuts what the tips touch when no tube lies across them (scissors on the gallbladder)', () => {
    const script = new Script();
    script.step({ right: { instrument: 'laparoscopic-scissors', tip: [0.1, 1.1, 0], jaw: 0 } });
    script.touch('right', { structure: 'gallbladder', instrument: 'laparoscopic-scissors', point: [0.1, 1.1, 0] });
    const cuts = script.step({ right: { jaw: 1 } }).filter((a) => a.type === 'cut');
    expect(cuts).toMatchObject([{ type: 'cut', structure: 'gallbladder' }]);
  });

  it('a clip applier or grasper closing cuts nothing', () => {
    expect(closeAt('atraumatic-grasper', [0.0144, 1, -0.004]).actions).toEqual([]);
  });
});
