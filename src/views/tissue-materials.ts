import {
  Color,
  DataTexture,
  LinearFilter,
  LinearMipmapLinearFilter,
  type Material,
  MeshLambertMaterial,
  MeshPhysicalMaterial,
  MeshStandardMaterial,
  RepeatWrapping,
  RGBAFormat,
  SRGBColorSpace,
} from 'three';
import type { MaterialHint } from '../core/world/anatomy/render-part.ts';
import type { RenderQuality } from '../app/render-quality.ts';

const SIZE = 128;

/** Deterministic lattice noise (no Math.random: the same texture on every run and machine). */
function lattice(x: number, y: number, seed: number): number {
  let h = Math.imul(x, 374761393) ^ Math.imul(y, 668265263) ^ Math.imul(seed, 2147483647);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967295;
}

function valueNoise(x: number, y: number, period: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const w = (i: number, j: number): number => lattice((((x0 + i) % period) + period) % period, (((y0 + j) % period) + period) % period, seed);
  const a = w(0, 0) + (w(1, 0) - w(0, 0)) * sx;
  const b = w(0, 1) + (w(1, 1) - w(0, 1)) * sx;
  return a + (b - a) * sy;
}

/** Tileable fractal noise as a texture: mottling in colour, a little variation in roughness. */
function noiseTexture(seed: number, colourSpace: boolean): DataTexture {
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let v = 0;
      let amp = 0.5;
      for (let o = 0; o < 4; o++) {
        const f = 8 << o;
        v += amp * valueNoise((x / SIZE) * f, (y / SIZE) * f, f, seed + o);
        amp /= 2;
      }
      const c = Math.round(255 * (0.78 + 0.22 * v));
      const i = (y * SIZE + x) * 4;
      data[i] = c;
      data[i + 1] = c;
      data[i + 2] = c;
      data[i + 3] = 255;
    }
  }
  const t = new DataTexture(data, SIZE, SIZE, RGBAFormat);
  t.wrapS = t.wrapT = RepeatWrapping;
  t.magFilter = LinearFilter;
  t.minFilter = LinearMipmapLinearFilter;
  t.generateMipmaps = true;
  if (colourSpace) t.colorSpace = SRGBColorSpace;
  t.needsUpdate = true;
  return t;
}

interface Look {
  color: string;
  roughness: number;
  /** Wet tissue: a clear coat over the diffuse layer gives the moist specular sheen. */
  clearcoat?: number;
  /** Light scattered under the surface, faked with a soft sheen of the tissue's own hue. */
  sheen?: string;
  metalness?: number;
  mottled?: boolean;
}

const LOOKS: Record<MaterialHint, Look> = {
  skin: { color: '#d9a184', roughness: 0.55, clearcoat: 0.15, sheen: '#ff9c80', mottled: true },
  dermis: { color: '#e3b3a4', roughness: 0.5, clearcoat: 0.4, sheen: '#ff8a7a', mottled: true },
  fat: { color: '#f0d77a', roughness: 0.4, clearcoat: 0.6, sheen: '#fff0a0', mottled: true },
  fascia: { color: '#e8e2d6', roughness: 0.35, clearcoat: 0.7, mottled: true },
  muscle: { color: '#9c2f2a', roughness: 0.45, clearcoat: 0.6, sheen: '#ff5040', mottled: true },
  lesion: { color: '#4a2e24', roughness: 0.6, mottled: true },
  suture: { color: '#2a4fb0', roughness: 0.4 },
  needle: { color: '#c8ced4', roughness: 0.2, metalness: 0.95 },
  liver: { color: '#6e2219', roughness: 0.3, clearcoat: 0.8, sheen: '#c03020', mottled: true },
  gallbladder: { color: '#4f6b2f', roughness: 0.25, clearcoat: 0.9, sheen: '#90b050', mottled: true },
  duct: { color: '#c9c08a', roughness: 0.3, clearcoat: 0.8, sheen: '#f0e0a0', mottled: true },
  artery: { color: '#b8443a', roughness: 0.3, clearcoat: 0.8, sheen: '#ff6050', mottled: true },
  peritoneum: { color: '#f2dc8c', roughness: 0.35, clearcoat: 0.7, sheen: '#fff2b0', mottled: true },
  rubber: { color: '#d24b2a', roughness: 0.7 },
  peg: { color: '#f1eee4', roughness: 0.6 },
  board: { color: '#3c6fb4', roughness: 0.7 },
  box: { color: '#25292e', roughness: 0.8 },
  metal: { color: '#b9c0c8', roughness: 0.25, metalness: 0.9 },
  pot: { color: '#eef2f5', roughness: 0.3, clearcoat: 0.5 },
};

/**
 * One material per look, shared by every part that uses it (few materials, few programs). Tissue is
 * physically based with a clear coat (wet specular), sheen (a stand-in for subsurface scattering) and
 * procedural noise for mottling. At low quality (a software renderer, which shades every pixel on the CPU)
 * the same colours and mottling are drawn matte (Lambert), metals alone keep their specular shine.
 */
export function createTissueMaterials(quality: RenderQuality): {
  get(hint: MaterialHint, vertexColors: boolean): Material;
  /** A copy of `get`'s material for one part to tint (`tintTissue`); the caller disposes of it. */
  tintable(hint: MaterialHint, vertexColors: boolean): TintableMaterial;
  dispose(): void;
} {
  const colourNoise = noiseTexture(7, true);
  const roughNoise = noiseTexture(11, false);
  const cache = new Map<string, Material>();
  return {
    get(hint, vertexColors) {
      const key = `${hint}:${vertexColors}`;
      let m = cache.get(key);
      if (!m) {
        const look = LOOKS[hint];
        const common = {
          color: new Color(look.color),
          roughness: look.roughness,
          metalness: look.metalness ?? 0,
          vertexColors,
          ...(look.mottled ? { map: colourNoise, roughnessMap: roughNoise } : {}),
        };
        m =
          quality === 'low' && (look.metalness ?? 0) < 0.5
            ? new MeshLambertMaterial({ color: common.color, vertexColors, ...(look.mottled ? { map: colourNoise } : {}) })
            : quality === 'high' && (look.clearcoat !== undefined || look.sheen !== undefined)
              ? new MeshPhysicalMaterial({
                  ...common,
                  clearcoat: look.clearcoat ?? 0,
                  clearcoatRoughness: 0.25,
                  sheen: look.sheen ? 0.6 : 0,
                  sheenColor: new Color(look.sheen ?? '#000000'),
                  sheenRoughness: 0.5,
                })
              : new MeshStandardMaterial(common);
        cache.set(key, m);
      }
      return m;
    },
    tintable(hint, vertexColors) {
      return this.get(hint, vertexColors).clone() as TintableMaterial;
    },
    dispose() {
      for (const m of cache.values()) m.dispose();
      colourNoise.dispose();
      roughNoise.dispose();
    },
  };
}

/** Every tissue material has a base colour (Lambert, standard and physical alike). */
export type TintableMaterial = Material & { color: Color };

const BLANCHED = new Color('#f3e4da');
const STRETCHED = new Color('#ff8f80');
/** The tension cue shows from this share of the way to a tear. */
const STRETCH_CUE_FROM = 0.4;

/**
 * The grasp cues on a tissue's colour (docs/tissue.md, "Energy"): `blanch` (0 … 1) pales it towards bloodless
 * tissue, `tension` (0 … 1 of the way to a tear) reddens it from 0.4 of the way, the whitening-red of overstretched
 * tissue. `base` is the material's own colour; no allocation.
 */
export function tintTissue(material: TintableMaterial, base: Color, blanch: number, tension: number): void {
  const stretch = Math.min(1, Math.max(0, (tension - STRETCH_CUE_FROM) / (1 - STRETCH_CUE_FROM)));
  material.color
    .copy(base)
    .lerp(BLANCHED, 0.5 * blanch)
    .lerp(STRETCHED, 0.8 * stretch);
}
