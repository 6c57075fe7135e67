import { DataTexture, LinearFilter, LinearMipmapLinearFilter, NoColorSpace, RepeatWrapping, RGBAFormat, SRGBColorSpace } from 'three';
import { cellular, fbm, veins } from './noise.ts';

/**
 * Tissue surfaces generated in the page at start-up (nothing is downloaded): a colour map, a normal map
 * from a height field and a roughness map per tissue, tileable, from seeded noise. Each is made once per
 * size and kept (`tissueTextures`); disposing frees only its GPU copy, re-uploaded when drawn again.
 */
export type TissueTextureKind = 'skin' | 'dermis' | 'fat' | 'fascia' | 'muscle' | 'liver' | 'gallbladder' | 'duct' | 'artery' | 'peritoneum' | 'cavity';

type Rgb = readonly [number, number, number];

interface Texel {
  /** 0..1: height for the normal map (1 is raised). */
  h: number;
  /** 0..1: from the palette's dark colour to its light one. */
  t: number;
  /** 0..1: how much of the vessel colour shows (small vessels under a membrane). */
  vessel: number;
  /** 0..1: roughness, before the material's own factor. */
  rough: number;
}

interface Pattern {
  dark: string;
  light: string;
  vessel: string;
  /** Normal map strength: slope of the height field per texel. */
  relief: number;
  texel(u: number, v: number): Texel;
}

/** Sharp-edged polygonal furrows (skin's cross-hatching, the borders of liver lobules and fat globules). */
function border(u: number, v: number, cells: number, seed: number, width: number): number {
  const c = cellular(u, v, cells, seed);
  return Math.max(0, 1 - (c.f2 - c.f1) / width);
}

/** A duct's or a vessel's wall: a smooth mottled tone and the small vessels of its wall. */
function tubeWall(dark: string, light: string, vessel: string, vessels: number, seed: number): Pattern {
  return {
    dark,
    light,
    vessel,
    relief: 0.8,
    texel(u, v) {
      const tone = fbm(u, v, 6, 3, seed);
      return { h: tone, t: tone, vessel: vessels * veins(u, v, 4, 0.02, seed + 4), rough: 0.4 + 0.2 * tone };
    },
  };
}

const PATTERNS: Record<TissueTextureKind, Pattern> = {
  // Skin: fine polygonal furrows and pores over a mottled tone, matte.
  skin: {
    dark: '#b97a60',
    light: '#e2ae92',
    vessel: '#b0645a',
    relief: 2.2,
    texel(u, v) {
      const furrow = border(u, v, 48, 3, 0.12);
      const pore = Math.max(0, 1 - cellular(u, v, 64, 5).f1 / 0.25);
      const tone = fbm(u, v, 4, 4, 7);
      return { h: 1 - 0.6 * furrow - 0.8 * pore, t: 0.35 + 0.6 * tone - 0.15 * furrow, vessel: 0.25 * veins(u, v, 3, 0.02, 9), rough: 0.7 + 0.3 * furrow };
    },
  },
  dermis: {
    dark: '#c98878',
    light: '#ecc0b0',
    vessel: '#c0404a',
    relief: 1.2,
    texel(u, v) {
      const n = fbm(u, v, 8, 4, 13);
      return { h: n, t: n, vessel: 0.5 * veins(u, v, 4, 0.025, 17), rough: 0.5 + 0.3 * n };
    },
  },
  // Fat: rounded yellow globules with paler septa and small vessels between them.
  fat: {
    dark: '#d9aa3c',
    light: '#f6de7c',
    vessel: '#c8503c',
    relief: 3,
    texel(u, v) {
      const c = cellular(u, v, 20, 21);
      const dome = Math.max(0, 1 - c.f1 * c.f1);
      const septum = Math.max(0, 1 - (c.f2 - c.f1) / 0.1);
      return { h: dome, t: 0.3 + 0.6 * dome + 0.2 * septum, vessel: 0.6 * veins(u, v, 3, 0.018, 23) * septum, rough: 0.3 + 0.4 * septum };
    },
  },
  fascia: {
    dark: '#cfc6b4',
    light: '#f2eee6',
    vessel: '#c05a5a',
    relief: 1,
    texel(u, v) {
      const fibres = fbm(u * 0.25, v * 4, 8, 3, 29);
      return { h: fibres, t: fibres, vessel: 0.4 * veins(u, v, 3, 0.015, 31), rough: 0.3 + 0.2 * fibres };
    },
  },
  // Muscle: parallel fibres, dark red.
  muscle: {
    dark: '#6e1c18',
    light: '#b8403a',
    vessel: '#4a1010',
    relief: 2,
    texel(u, v) {
      const fibres = fbm(u * 0.2, v * 3, 16, 3, 37);
      return { h: fibres, t: 0.2 + 0.8 * fibres, vessel: 0, rough: 0.35 + 0.3 * (1 - fibres) };
    },
  },
  // Liver: dark red-brown with a faint lobular pattern (lighter portal borders, darker central veins).
  liver: {
    dark: '#4a1a12',
    light: '#7a3224',
    vessel: '#3a1838',
    relief: 0.5,
    texel(u, v) {
      const c = cellular(u, v, 36, 41);
      const lobule = Math.max(0, 1 - (c.f2 - c.f1) / 0.15);
      const centre = Math.max(0, 1 - c.f1 / 0.2);
      const tone = fbm(u, v, 3, 4, 43);
      return {
        h: 0.5 + 0.3 * tone - 0.2 * lobule,
        t: 0.3 + 0.5 * tone + 0.25 * lobule - 0.2 * centre,
        vessel: 0.3 * veins(u, v, 2, 0.02, 47),
        rough: 0.4 + 0.3 * lobule,
      };
    },
  },
  // Gallbladder: smooth blue-green-grey wall with small vessels running over it.
  gallbladder: {
    dark: '#435650',
    light: '#869890',
    vessel: '#7a3a50',
    relief: 0.8,
    texel(u, v) {
      const tone = fbm(u, v, 4, 4, 53);
      const vessel = Math.max(veins(u, v, 3, 0.025, 59), 0.6 * veins(u, v, 6, 0.02, 61));
      return { h: 0.5 + 0.4 * tone + 0.3 * vessel, t: tone, vessel: 0.75 * vessel, rough: 0.3 + 0.2 * tone };
    },
  },
  // Ducts cream to yellow-green, arteries red; both with faint vessels in their walls.
  duct: tubeWall('#a8a66a', '#e8e2b0', '#b85a50', 0.45, 67),
  artery: tubeWall('#8a221c', '#d05a48', '#5a0e10', 0.4, 73),
  // Peritoneum over fat: a thin glistening membrane, yellow beneath, with fine red vessels.
  peritoneum: {
    dark: '#d8b45a',
    light: '#f4e2a0',
    vessel: '#c0403a',
    relief: 1.5,
    texel(u, v) {
      const c = cellular(u, v, 14, 97);
      const dome = Math.max(0, 1 - c.f1 * c.f1);
      const vessel = Math.max(veins(u, v, 3, 0.02, 101), 0.7 * veins(u, v, 7, 0.015, 103));
      return { h: dome, t: 0.3 + 0.6 * dome, vessel: 0.7 * vessel, rough: 0.3 + 0.2 * (1 - dome) };
    },
  },
  // The abdominal wall around the field: dark red-pink, folded, with blue-purple veins under the lining.
  cavity: {
    dark: '#3a1014',
    light: '#8a3a40',
    vessel: '#4a2c50',
    relief: 2,
    texel(u, v) {
      const folds = fbm(u, v, 3, 5, 107);
      const vessel = Math.max(veins(u, v, 2, 0.03, 109), 0.7 * veins(u, v, 5, 0.02, 113));
      return { h: folds, t: 0.15 + 0.7 * folds, vessel: 0.45 * vessel, rough: 0.35 + 0.3 * (1 - folds) };
    },
  },
};

export interface TissueTextureSet {
  map: DataTexture;
  normalMap: DataTexture;
  roughnessMap: DataTexture;
}

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

function texture(data: Uint8Array, size: number, colour: boolean): DataTexture {
  const t = new DataTexture(data, size, size, RGBAFormat);
  t.wrapS = t.wrapT = RepeatWrapping;
  t.magFilter = LinearFilter;
  t.minFilter = LinearMipmapLinearFilter;
  t.generateMipmaps = true;
  t.anisotropy = 4;
  t.colorSpace = colour ? SRGBColorSpace : NoColorSpace;
  t.needsUpdate = true;
  return t;
}

/** Generates one tissue's maps at `size` × `size` texels (CPU, once). */
export function generateTissueTextures(kind: TissueTextureKind, size: number): TissueTextureSet {
  const p = PATTERNS[kind];
  const dark = rgb(p.dark);
  const light = rgb(p.light);
  const vesselColour = rgb(p.vessel);
  const n = size * size;
  const height = new Float32Array(n);
  const colour = new Uint8Array(n * 4);
  const rough = new Uint8Array(n * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const s = p.texel(x / size, y / size);
      height[i] = s.h;
      const t = Math.min(1, Math.max(0, s.t));
      const w = Math.min(1, Math.max(0, s.vessel));
      for (let k = 0; k < 3; k++) {
        const base = dark[k]! + (light[k]! - dark[k]!) * t;
        colour[i * 4 + k] = Math.round(255 * (base + (vesselColour[k]! - base) * w));
      }
      colour[i * 4 + 3] = 255;
      const r = Math.round(255 * Math.min(1, Math.max(0, s.rough)));
      rough[i * 4] = r;
      rough[i * 4 + 1] = r; // three reads roughness from green
      rough[i * 4 + 2] = r;
      rough[i * 4 + 3] = 255;
    }
  }
  return {
    map: texture(colour, size, true),
    normalMap: texture(normalsFromHeight(height, size, p.relief), size, false),
    roughnessMap: texture(rough, size, false),
  };
}

/** A tangent-space normal map (RGB = xyz · 0.5 + 0.5) from a tileable height field, by central differences. */
export function normalsFromHeight(height: Float32Array, size: number, relief: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const at = (x: number, y: number): number => height[((y + size) % size) * size + ((x + size) % size)]!;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = (at(x + 1, y) - at(x - 1, y)) * relief;
      const dy = (at(x, y + 1) - at(x, y - 1)) * relief;
      const len = Math.sqrt(dx * dx + dy * dy + 1);
      const i = (y * size + x) * 4;
      out[i] = Math.round(255 * (0.5 - (0.5 * dx) / len));
      out[i + 1] = Math.round(255 * (0.5 - (0.5 * dy) / len));
      out[i + 2] = Math.round(255 * (0.5 + 0.5 / len));
      out[i + 3] = 255;
    }
  }
  return out;
}

const cache = new Map<string, TissueTextureSet>();

/** The maps for one tissue at one size, generated on first use and shared after. */
export function tissueTextures(kind: TissueTextureKind, size: number): TissueTextureSet {
  const key = `${kind}:${size}`;
  let set = cache.get(key);
  if (!set) {
    set = generateTissueTextures(kind, size);
    cache.set(key, set);
  }
  return set;
}
