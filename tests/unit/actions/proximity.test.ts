/**
 * What a clip, cut or burn says about where it happened (docs/actions.md): every structure across the jaws
 * (`across`), the angle off square to the vessel (`angle`), and the nearest danger structure with the distance
 * from the working part to its wall (`nearest`, `nearestMm`): each over the bite or a tremor period, not one tick.
 */
import { describe, expect, it } from 'vitest';
import { Button, type Quat } from '../../../src/core/kernel/input.ts';
import { DEFAULT_RECOGNISER_PARAMS } from '../../../src/core/recognisers/params.ts';
import { checkAction, type Action } from '../../../src/core/vocabulary/actions.ts';
import { cbd, duct } from './ducts.ts';
import { Script, axisAngle } from './script.ts';

const DANGER = { dangerStructures: ['common-bile-duct'] };
const BITE = DEFAULT_RECOGNISER_PARAMS.clipBiteTicks;
const WINDOW = DEFAULT_RECOGNISER_PARAMS.proximityTicks;
const SQUARE: Quat = [0, 0, 0, 1];

type Vec = [number, number, number];
const still = (_tick: number): Vec => [0, 0, 0];
/** A 10 Hz tremor of `amplitude` m along x: one period is the 12-tick bite, so its mean is nought. */
const tremorX =
  (amplitude: number) =>
  (tick: number): Vec => [amplitude * Math.cos((2 * Math.PI * 10 * tick) / 120), 0, 0];
const plus = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

function script(): Script {
  const s = new Script(DANGER);
  s.geometry = { tubes: [duct, cbd] };
  return s;
}

/** A clip applier closed at `tip` and held for its bite, moved by `shake` and turned by `turn` meanwhile: its actions. */
function clipAt(tip: Vec, shake = still, turn = (_tick: number): Quat => SQUARE): Action[] {
  const s = script();
  s.step({ right: { instrument: 'clip-applier', tip: plus(tip, shake(0)), orientation: turn(0), jaw: 0 } });
  const out = s.step({ right: { jaw: 1 } });
  for (let tick = 1; tick < BITE; tick++) out.push(...s.step({ right: { tip: plus(tip, shake(tick)), orientation: turn(tick) } }));
  return out.filter((a) => a.type === 'clip');
}

/** Scissors held at `tip` (moved by `shake`) for a tremor period, then closed: the cut. */
function cutAt(tip: Vec, shake = still): Action | undefined {
  const s = script();
  s.step({ right: { instrument: 'laparoscopic-scissors', jaw: 0 } });
  for (let tick = 0; tick < WINDOW; tick++) s.step({ right: { tip: plus(tip, shake(tick)) } });
  return s.step({ right: { jaw: 1 } }).find((a) => a.type === 'cut');
}

describe('proximity: the danger structure nearest a clip, cut or burn', () => {
  it.each([
    // The jaws at x along the duct; the bile duct's wall is 30 mm − x − 2 mm away.
    ['well up the duct', 0.009, 19],
    ['near the bile duct', 0.0255, 2.5],
  ] as const)('a clip %s names the common bile duct and the distance from its jaws to the wall', (_name, x, mm) => {
    const [clip] = clipAt([x, 1, -0.003]);
    expect(clip).toMatchObject({ structure: 'cystic-duct', nearest: 'common-bile-duct' });
    expect(clip!.across).toBeUndefined();
    expect(clip!.nearestMm).toBeCloseTo(mm, 1);
    expect(checkAction(clip)).toEqual([]);
  });

  it("measures a clip over its bite: a 2 mm tremor towards the bile duct moves the closing tick's distance, not the clip's", () => {
    const [clip] = clipAt([0.0255, 1, -0.003], tremorX(0.002));
    // At the closing tick alone the jaws were 2 mm nearer: 0.5 mm from the wall.
    expect(clip!.nearestMm).toBeCloseTo(2.5, 1);
  });

  it('measures a cut from the blades over the tremor period before they close', () => {
    // At the closing tick the tremor has the blades 1.7 mm nearer, touching the bile duct.
    const cut = cutAt([0.0255, 1, -0.004], tremorX(0.002));
    expect(cut).toMatchObject({ type: 'cut', structure: 'cystic-duct', nearest: 'common-bile-duct' });
    expect(cut!.across).toBeUndefined();
    expect(cut!.nearestMm).toBeCloseTo(2.5, 1);
    expect(checkAction(cut)).toEqual([]);
  });

  it('measures a burn at its closest approach held for a tremor period, not at one noisy sample', () => {
    const s = script();
    s.step({ right: { instrument: 'hook-cautery', tip: [0.015, 1, 0.01] } });
    s.touch('right', { structure: 'peritoneum' });
    s.set('right', { buttons: Button.activate });
    s.idle(30); // 13 mm from the bile duct's wall
    s.step({ right: { tip: [0.0265, 1, 0.01] } }); // one sample 1.5 mm from it
    s.step({ right: { tip: [0.015, 1, 0.01] } });
    s.idle(30);
    s.step({ right: { tip: [0.022, 1, 0.01] } }); // then held 6 mm from it
    s.idle(2 * WINDOW);
    const [burn] = s.step({ right: { buttons: 0 } }).filter((a) => a.type === 'cauterize');
    expect(burn).toMatchObject({ structure: 'hepatocystic-triangle', nearest: 'common-bile-duct' });
    expect(burn!.nearestMm).toBeCloseTo(6, 1);
    expect(checkAction(burn)).toEqual([]);
  });

  it('names nothing where the protocol lists no danger structure', () => {
    const s = new Script();
    s.geometry = { tubes: [duct, cbd] };
    s.step({ right: { instrument: 'clip-applier', tip: [0.0255, 1, -0.003], jaw: 0 } });
    s.step({ right: { jaw: 1 } });
    const [clip] = s.idle(BITE).filter((a) => a.type === 'clip');
    expect(clip).toMatchObject({ structure: 'cystic-duct' });
    expect(clip!.nearest).toBeUndefined();
  });
});

describe('across: one clip on two structures', () => {
  it('names the bile duct too when the jaws close across the duct where it joins it', () => {
    // The clamping line 1.5 mm from the bile duct's centreline (radius 2 mm), across the cystic duct.
    const [clip] = clipAt([0.0285, 1, -0.003]);
    expect(clip).toMatchObject({ structure: 'cystic-duct', across: ['common-bile-duct'] });
    // The structures it is on are not "near" it.
    expect(clip!.nearest).toBeUndefined();
    expect(checkAction(clip)).toEqual([]);
  });

  it('names both when a cut divides the duct and the bile duct together', () => {
    expect(cutAt([0.0285, 1, -0.004])).toMatchObject({ structure: 'cystic-duct', across: ['common-bile-duct'] });
  });
});

describe('angle: how far a clip is off square to the vessel', () => {
  const yaw = (deg: number): Quat => axisAngle([0, 1, 0], (deg * Math.PI) / 180);

  it.each([0, 20, 45])('a clip turned %i° off square reports that angle', (deg) => {
    const [clip] = clipAt([0.009, 1, -0.003], still, () => yaw(deg));
    expect(clip).toMatchObject({ structure: 'cystic-duct' });
    expect(clip!.angle).toBeCloseTo(deg, 0);
  });

  it('is the angle of the bite, not of its closing tick: a ±10° wobble averages out', () => {
    const wobble = (tick: number) => yaw(20 + 10 * Math.cos((2 * Math.PI * 10 * tick) / 120));
    const [clip] = clipAt([0.009, 1, -0.003], still, wobble);
    expect(Math.abs(clip!.angle! - 20)).toBeLessThan(0.5);
  });
});
