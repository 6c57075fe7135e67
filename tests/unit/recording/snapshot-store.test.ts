import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../src/core/kernel/input.ts';
import { SnapshotStore } from '../../../src/core/recording/snapshot-store.ts';
import type { SkinPadScene } from '../../../src/core/world/scenes/index.ts';
import { World, type WorldSnapshot } from '../../../src/core/world/world.ts';
import { handsAt, stroke } from '../tissue/helpers.ts';

describe('SnapshotStore (the Replayer’s in-memory snapshots)', () => {
  it('gives back what it was given, long arrays bit for bit (−0 included), as a fresh copy each time', () => {
    const store = new SnapshotStore<{ a: number[]; nested: { b: number[]; label: string }[]; short: number[] }>();
    const a = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 1e-9);
    a[7] = -0;
    const snapshot = { a, nested: [{ b: Array.from({ length: 500 }, (_, i) => i), label: 'x' }], short: [1.5, 2] };
    store.save(snapshot);
    const back = store.load(0);
    expect(back).toEqual(snapshot);
    expect(Object.is(back.a[7], -0)).toBe(true);
    back.a[0] = 99;
    expect(store.load(0).a[0]).toBe(snapshot.a[0]);
  });

  it('shares a long array that has not changed since the snapshot before instead of keeping it twice', () => {
    const store = new SnapshotStore<{ still: number[]; moving: number[] }>();
    const still = Array.from({ length: 1000 }, (_, i) => i / 7);
    store.save({ still, moving: [...still] });
    const first = store.bytes;
    store.save({ still: [...still], moving: still.map((v) => v + 1) });
    // Only the moving array (8 KB of doubles) and the small rest are new.
    expect(store.bytes - first).toBeGreaterThan(8000);
    expect(store.bytes - first).toBeLessThan(8000 + 200);
    expect(store.load(1).moving[3]).toBe(still[3]! + 1);
    expect(store.load(0).moving[3]).toBe(still[3]);
  });

  it('restores a skin pad before and after a cut exactly (the state hash of the straight run)', () => {
    const sim = new World({ seed: 5, scene: { name: 'skin-pad', variant: { kind: 'intact' } } });
    const scene = sim.scene as SkinPadScene;
    const [cx, , cz] = scene.anatomy.centre;
    const y = scene.surfaceY - 0.003;
    const scalpel = (p: Vec3) => handsAt([-0.3, 1, -0.3], p, { right: 'scalpel' });
    const store = new SnapshotStore<WorldSnapshot>();
    const hashes: string[] = [];
    const keep = (): void => {
      store.save(sim.snapshot());
      hashes.push(sim.stateHash());
    };
    sim.tick(scalpel([cx - 0.02, scene.surfaceY + 0.01, cz]));
    keep();
    stroke(sim, [cx - 0.02, y, cz], [cx + 0.02, y, cz], 60, scalpel);
    keep();
    for (let i = 0; i < 30; i++) sim.tick(scalpel([cx, scene.surfaceY + 0.05, cz]));
    keep();
    expect(new Set(hashes).size).toBe(3);
    const other = new World({ seed: 5, scene: { name: 'skin-pad', variant: { kind: 'intact' } } });
    for (const k of [2, 0, 1]) {
      other.restore(store.load(k));
      expect(other.stateHash(), `snapshot ${k}`).toBe(hashes[k]);
    }
  });
});
