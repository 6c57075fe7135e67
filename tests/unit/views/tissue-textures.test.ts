import { describe, expect, it } from 'vitest';
import { cellular, fbm, valueNoise } from '../../../src/views/textures/noise.ts';
import { generateTissueTextures, normalsFromHeight, type TissueTextureKind, tissueTextures } from '../../../src/views/textures/tissue-textures.ts';

const SIZE = 64;
const KINDS: TissueTextureKind[] = ['skin', 'dermis', 'fat', 'fascia', 'muscle', 'liver', 'gallbladder', 'duct', 'artery', 'peritoneum', 'cavity'];

function pixels(kind: TissueTextureKind, map: 'map' | 'normalMap' | 'roughnessMap' = 'map'): Uint8Array {
  return generateTissueTextures(kind, SIZE)[map].image.data as Uint8Array;
}

/** Mean red, green, blue of an RGBA picture. */
function meanRgb(data: Uint8Array): [number, number, number] {
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += data[i + k]!;
  const n = data.length / 4;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

function spread(data: Uint8Array, channel: number): number {
  let lo = 255;
  let hi = 0;
  for (let i = channel; i < data.length; i += 4) {
    lo = Math.min(lo, data[i]!);
    hi = Math.max(hi, data[i]!);
  }
  return hi - lo;
}

describe('noise for generated textures', () => {
  it('is seeded: the same inputs give the same value, another seed another', () => {
    expect(valueNoise(3.3, 1.7, 8, 1)).toBe(valueNoise(3.3, 1.7, 8, 1));
    expect(valueNoise(3.3, 1.7, 8, 1)).not.toBe(valueNoise(3.3, 1.7, 8, 2));
  });

  it('tiles: the unit square wraps at its edges', () => {
    for (const v of [0.1, 0.45, 0.8]) {
      expect(fbm(0, v, 4, 4, 9)).toBeCloseTo(fbm(1, v, 4, 4, 9), 9);
      expect(cellular(0, v, 12, 3).f1).toBeCloseTo(cellular(1, v, 12, 3).f1, 9);
    }
  });
});

describe('generated tissue textures', () => {
  it('are the same on every run', () => {
    expect(Buffer.from(pixels('liver')).equals(Buffer.from(pixels('liver')))).toBe(true);
  });

  it('are made once per tissue and size', () => {
    expect(tissueTextures('fat', 32)).toBe(tissueTextures('fat', 32));
    expect(tissueTextures('fat', 32)).not.toBe(tissueTextures('fat', 16));
  });

  it.each(KINDS)('%s has visible detail in colour and relief', (kind) => {
    const colour = pixels(kind);
    expect(Math.max(spread(colour, 0), spread(colour, 1), spread(colour, 2))).toBeGreaterThan(25);
    const normals = pixels(kind, 'normalMap');
    expect(spread(normals, 0)).toBeGreaterThan(10);
    expect(spread(normals, 1)).toBeGreaterThan(10);
  });

  it('has the colours a surgeon expects', () => {
    const [lr, lg, lb] = meanRgb(pixels('liver'));
    expect(lr).toBeGreaterThan(2 * lg); // dark red-brown
    expect(lr).toBeLessThan(140);
    expect(lb).toBeLessThan(lr);
    const [gr, gg, gb] = meanRgb(pixels('gallbladder'));
    expect(gg).toBeGreaterThan(gr); // blue-green-grey
    expect(gb).toBeGreaterThan(gr);
    const [fr, fg, fb] = meanRgb(pixels('fat'));
    expect(Math.min(fr, fg)).toBeGreaterThan(fb + 60); // yellow
    const [ar, ag] = meanRgb(pixels('artery'));
    expect(ar).toBeGreaterThan(2 * ag); // red
    const [dr, dg, db] = meanRgb(pixels('duct'));
    expect(Math.min(dr, dg)).toBeGreaterThan(db); // cream to yellow-green
  });
});

describe('normal maps from a height field', () => {
  it('a flat field points straight out, a slope tilts away from the rise', () => {
    const size = 8;
    const flat = normalsFromHeight(new Float32Array(size * size).fill(0.5), size, 2);
    expect([...flat.subarray(0, 3)]).toEqual([128, 128, 255]);
    // Height rising with x (tileable: a triangle wave, so check a texel mid-slope).
    const ramp = new Float32Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) ramp[y * size + x] = Math.min(x, size - x) / size;
    const n = normalsFromHeight(ramp, size, 4);
    const i = (2 * size + 2) * 4;
    expect(n[i]!).toBeLessThan(128); // x component negative: the surface faces away from the rise
    expect(n[i + 1]!).toBe(128);
  });
});
