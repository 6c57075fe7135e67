import { describe, expect, it } from 'vitest';
import { clearedRegions, sceneGeometry } from '../../../src/core/attempt/scene-geometry.ts';
import { HepatobiliaryScene } from '../../../src/core/scenes/index.ts';

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
