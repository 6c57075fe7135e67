import { describe, expect, it } from 'vitest';
import { generateSkinPad, skinPadVariant } from '../../../src/core/world/anatomy/skin-pad.ts';
import { generateHepatobiliary, hepatobiliaryVariant } from '../../../src/core/world/anatomy/hepatobiliary.ts';
import { generatePegboard } from '../../../src/core/world/anatomy/pegboard.ts';
import { enclosedVolume, isClosed } from '../../../src/core/world/anatomy/mesh.ts';
import { STRUCTURE_IDS } from '../../../src/core/world/anatomy/structures.ts';
import { triangleCount } from '../../../src/core/world/anatomy/render-part.ts';
import { StateHasher } from '../../../src/core/kernel/hash.ts';
import { World } from '../../../src/core/world/world.ts';
import { TABLE_TOP_Y } from '../../../src/core/kernel/or-layout.ts';
import type { SceneName } from '../../../src/core/world/scenes/index.ts';

/** Ids that clinical.md defines and the scenes must use verbatim. */
const CANONICAL = [
  'skin',
  'epidermis',
  'dermis',
  'subcutaneous-fat',
  'fascia',
  'muscle',
  'wound',
  'wound-edge-a',
  'wound-edge-b',
  'liver',
  'gallbladder',
  'cystic-duct',
  'common-hepatic-duct',
  'common-bile-duct',
  'cystic-artery',
  'right-hepatic-artery',
  'cystic-plate',
  'hepatocystic-triangle',
];

describe('skin pad anatomy', () => {
  it('stacks its layers in order with realistic thicknesses, on the table', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const a = generateSkinPad(skinPadVariant(seed), seed);
      expect(a.layers.map((l) => l.id)).toEqual(['dermis', 'subcutaneous-fat', 'fascia', 'muscle']);
      for (let i = 0; i + 1 < a.layers.length; i++) expect(a.layers[i]!.bottom).toBeCloseTo(a.layers[i + 1]!.top, 12);
      expect(a.layers[3]!.bottom).toBe(TABLE_TOP_Y);
      expect(a.layers[0]!.top - a.layers[0]!.bottom).toBeCloseTo(0.002, 9);
      const fat = a.layers[1]!.top - a.layers[1]!.bottom;
      expect(fat).toBeGreaterThanOrEqual(0.005);
      expect(fat).toBeLessThanOrEqual(0.03);
    }
  });

  it('gives each variant its feature: a 4 cm laceration or a 6 mm lesion, and tension lines in the pad plane', () => {
    const lac = generateSkinPad(skinPadVariant(3, { kind: 'laceration' }), 3);
    expect(lac.laceration).not.toBeNull();
    const { a, b } = lac.laceration!;
    expect(Math.hypot(b[0] - a[0], b[2] - a[2])).toBeCloseTo(0.04, 6);
    const les = generateSkinPad(skinPadVariant(3, { kind: 'lesion' }), 3);
    expect(les.lesion!.radius * 2).toBeCloseTo(0.006, 9);
    expect(les.laceration).toBeNull();
    expect(les.tensionLines[1]).toBe(0);
    expect(Math.hypot(...les.tensionLines)).toBeCloseTo(1, 12);
    expect(skinPadVariant(3).tensionAngle).not.toBe(skinPadVariant(4).tensionAngle);
  });

  it('makes closed, outward-facing slabs for the layers below the skin', () => {
    for (const l of generateSkinPad(skinPadVariant(1), 1).layerMeshes) {
      expect(isClosed(l.mesh.positions, l.mesh.indices)).toBe(true);
      expect(enclosedVolume(l.mesh.positions, l.mesh.indices)).toBeGreaterThan(0);
    }
  });
});

describe('hepatobiliary anatomy', () => {
  it('has a closed gallbladder and liver of plausible volume', () => {
    const a = generateHepatobiliary(hepatobiliaryVariant(1), 1);
    const gb = a.gallbladder;
    expect(isClosed(gb.positions, gb.triangles)).toBe(true);
    const v = enclosedVolume(gb.positions, gb.triangles);
    expect(v).toBeGreaterThan(15e-6);
    expect(v).toBeLessThan(60e-6);
    expect(isClosed(a.liver.mesh.positions, a.liver.mesh.indices)).toBe(true);
    expect(enclosedVolume(a.liver.mesh.positions, a.liver.mesh.indices)).toBeGreaterThan(0);
  });

  it('lays out the tubular structures with canonical ids and centrelines from the gallbladder side', () => {
    const a = generateHepatobiliary(hepatobiliaryVariant(1, { doubleCysticArtery: false, shortCysticDuct: false }), 1);
    expect(a.tubes.map((t) => t.structureId)).toEqual(['cystic-duct', 'common-hepatic-duct', 'common-bile-duct', 'right-hepatic-artery', 'cystic-artery']);
    const duct = a.tubes[0]!.centreline;
    const neck = a.gallbladder.neck;
    // s = 0 is the gallbladder end: the duct starts at the neck and ends where the common ducts meet.
    expect(Math.hypot(duct[0]![0] - neck[0], duct[0]![1] - neck[1], duct[0]![2] - neck[2])).toBeLessThan(0.005);
    const junction = duct[duct.length - 1]!;
    const chd = a.tubes[1]!.centreline;
    expect(chd[chd.length - 1]).toEqual(junction);
    expect(a.tubes[2]!.centreline[0]).toEqual(junction);
  });

  it('varies with the patient: double artery, short duct, artery behind the duct, more fat', () => {
    const base = generateHepatobiliary(
      hepatobiliaryVariant(1, { doubleCysticArtery: false, shortCysticDuct: false, moreFat: false, arteryPosition: 'anterior' }),
      1,
    );
    const varied = generateHepatobiliary(
      hepatobiliaryVariant(1, { doubleCysticArtery: true, shortCysticDuct: true, moreFat: true, arteryPosition: 'posterior' }),
      1,
    );
    const arteries = (x: typeof base) => x.tubes.filter((t) => t.structureId === 'cystic-artery');
    expect(arteries(base)).toHaveLength(1);
    expect(arteries(varied)).toHaveLength(2);
    const length = (pts: readonly (readonly number[])[]) =>
      pts.slice(1).reduce((s, p, i) => s + Math.hypot(p[0]! - pts[i]![0]!, p[1]! - pts[i]![1]!, p[2]! - pts[i]![2]!), 0);
    expect(length(varied.tubes[0]!.centreline)).toBeLessThan(length(base.tubes[0]!.centreline) * 0.6);
    expect(varied.fat.length).toBeGreaterThan(base.fat.length);
    const mid = (x: typeof base) => arteries(x)[0]!.centreline[1]![1];
    expect(mid(base)).toBeGreaterThan(mid(varied));
  });
});

describe('pegboard layout', () => {
  it('has 12 pegs, 6 a side, rings wide enough to pass over them', () => {
    const l = generatePegboard();
    expect(l.pegs).toHaveLength(12);
    expect(l.pegs.filter((p) => p[0] < l.boardCentre[0])).toHaveLength(6);
    // The hole's inradius is half its circumradius.
    expect(l.ring.inner / 2).toBeGreaterThan(l.pegRadius * Math.SQRT2);
    expect(isClosed(l.ringMesh.positions, l.ringMesh.indices)).toBe(true);
  });
});

describe.each(['skin-pad', 'hepatobiliary', 'pegboard'] as SceneName[])('scene %s render parts', (name) => {
  const sim = new World({ seed: 2, scene: name });
  const parts = sim.scene!.renderParts;

  it('stays within 300k triangles and 100 draw calls, with canonical structure ids', () => {
    expect(parts.length).toBeLessThanOrEqual(100);
    expect(triangleCount(parts)).toBeLessThanOrEqual(300_000);
    for (const p of parts) expect(STRUCTURE_IDS).toContain(p.structureId);
    const used = new Set(parts.map((p) => p.structureId));
    for (const id of used)
      if (!id.startsWith('fls-') && !['trainer-box', 'suture', 'needle', 'clip', 'peritoneum'].includes(id)) expect(CANONICAL).toContain(id);
  });

  it('has well-formed buffers: indices in range, finite positions, unit normals', () => {
    for (const p of parts) {
      expect(p.positions.length).toBeGreaterThanOrEqual(3 * p.vertexCount);
      for (let i = 0; i < p.indexCount; i++) expect(p.indices[i]!).toBeLessThan(p.vertexCount);
      for (let i = 0; i < 3 * p.vertexCount; i++) expect(Number.isFinite(p.positions[i]!)).toBe(true);
      if (p.primitive === 'mesh' && p.vertexCount > 0) {
        const n = p.normals;
        expect(Math.hypot(n[0]!, n[1]!, n[2]!)).toBeCloseTo(1, 3);
      }
    }
  });

  it('is generated identically from the same seed', () => {
    const hash = (s: World) => {
      const h = new StateHasher();
      for (const p of s.scene!.renderParts)
        h.string(p.name)
          .numbers(p.positions.subarray(0, 3 * p.vertexCount))
          .numbers(p.indices.subarray(0, p.indexCount));
      return h.digest();
    };
    expect(hash(new World({ seed: 2, scene: name }))).toBe(hash(sim));
  });
});

describe.each(['skin-pad', 'hepatobiliary', 'pegboard'] as SceneName[])('scene %s winding', (name) => {
  it('winds triangles counter-clockwise about their vertex normals (front faces outward)', () => {
    const sim = new World({ seed: 2, scene: name });
    for (const p of sim.scene!.renderParts) {
      if (p.primitive !== 'mesh' || p.indexCount === 0) continue;
      let agree = 0;
      const P = p.positions,
        N = p.normals;
      for (let i = 0; i < p.indexCount; i += 3) {
        const [a, b, c] = [3 * p.indices[i]!, 3 * p.indices[i + 1]!, 3 * p.indices[i + 2]!];
        const ex = P[b]! - P[a]!,
          ey = P[b + 1]! - P[a + 1]!,
          ez = P[b + 2]! - P[a + 2]!;
        const fx = P[c]! - P[a]!,
          fy = P[c + 1]! - P[a + 1]!,
          fz = P[c + 2]! - P[a + 2]!;
        const d =
          (ey * fz - ez * fy) * (N[a]! + N[b]! + N[c]!) +
          (ez * fx - ex * fz) * (N[a + 1]! + N[b + 1]! + N[c + 1]!) +
          (ex * fy - ey * fx) * (N[a + 2]! + N[b + 2]! + N[c + 2]!);
        if (d > 0) agree++;
      }
      // The skin's rim walls take their normals from the surfaces they join, so a few are edge-on.
      expect(agree / (p.indexCount / 3), p.name).toBeGreaterThan(0.95);
    }
  });
});
