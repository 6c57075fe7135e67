import { describe, expect, it } from 'vitest';
import { clearedRegions, sceneGeometry } from '../../../src/core/recognisers/scene-geometry.ts';
import { HepatobiliaryScene } from '../../../src/core/world/scenes/index.ts';
import { SkinPadScene } from '../../../src/core/world/scenes/skin-pad.ts';
import { NEEDLE_COUNTER_CENTRE, NEEDLE_COUNTER_RADIUS, TABLE_TOP_Y } from '../../../src/core/kernel/or-layout.ts';

const standard = { arteryPosition: 'anterior', doubleCysticArtery: false, shortCysticDuct: false, moreFat: false } as const;

describe('scene geometry of the hepatobiliary scene', () => {
  it('names the second cystic artery of the double-artery variant cystic-artery-2, as the protocol does', () => {
    const scene = new HepatobiliaryScene({ seed: 1, variant: { ...standard, doubleCysticArtery: true } });
    const names = (sceneGeometry(scene).tubes ?? []).map((t) => t.structure);
    expect(names.filter((n) => n.startsWith('cystic-artery'))).toEqual(['cystic-artery', 'cystic-artery-2']);
  });

  it('reports how far the structures entering the gallbladder are exposed: the fat over them taken away', () => {
    const scene = new HepatobiliaryScene({ seed: 1, variant: standard });
    const before = { ...clearedRegions(scene, {}) };
    expect(before['cystic-duct']).toBe(0);
    expect(before['hepatocystic-triangle']).toBe(0);
    scene.fatAlive.fill(0);
    const after = clearedRegions(scene, {}) ?? {};
    expect(after['cystic-duct']).toBe(1);
    expect(after['cystic-artery']).toBe(1);
    expect(after['hepatocystic-triangle']).toBe(1);
  });
});

describe('scene geometry of the skin pad', () => {
  it('has the needle counter of the OR layout, on the table beside the pad, clear of it', () => {
    const scene = new SkinPadScene({ seed: 1, variant: { kind: 'laceration' } });
    const places = sceneGeometry(scene).places ?? [];
    expect(places).toEqual([{ what: 'needle-counter', position: NEEDLE_COUNTER_CENTRE, radius: NEEDLE_COUNTER_RADIUS }]);
    const [w, d] = scene.anatomy.size;
    const c = scene.anatomy.centre;
    const outside =
      Math.abs(NEEDLE_COUNTER_CENTRE[0] - c[0]) - NEEDLE_COUNTER_RADIUS > w / 2 || Math.abs(NEEDLE_COUNTER_CENTRE[2] - c[2]) - NEEDLE_COUNTER_RADIUS > d / 2;
    expect(outside).toBe(true);
    expect(NEEDLE_COUNTER_CENTRE[1]).toBeGreaterThan(TABLE_TOP_Y);
  });
});

describe('scene geometry of the skin pad with a lesion', () => {
  it("gives the recognisers the anatomy's own tension lines (the ones drawn), oblique ones included", () => {
    const scene = new SkinPadScene({ seed: 3, variant: { kind: 'lesion', tensionAngle: Math.PI / 4 } });
    const lesion = sceneGeometry(scene).lesion;
    expect(lesion?.tensionLines).toEqual(scene.anatomy.tensionLines);
    expect(lesion?.centre).toEqual(scene.anatomy.lesion?.centre);
  });
});
