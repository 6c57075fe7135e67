import { BackSide, Color, type Material, MeshLambertMaterial, MeshPhysicalMaterial, MeshStandardMaterial, Vector2 } from 'three';
import type { MaterialHint } from '../core/world/anatomy/render-part.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { type TissueTextureKind, type TissueTextureSet, tissueTextures } from './textures/tissue-textures.ts';

/** Texels across a generated tissue texture: a GPU gets fine detail, a software renderer the colour only, smaller. */
const TEXTURE_SIZE: Record<RenderQuality, number> = { high: 256, low: 128 };

interface Look {
  /** Multiplies the texture's colours (white: the texture as generated); without a texture, the colour. */
  color: string;
  /** Scales the roughness map (or is the roughness, untextured). */
  roughness: number;
  /** Wet tissue: a clear coat over the diffuse layer gives the moist specular highlight. */
  clearcoat?: number;
  clearcoatRoughness?: number;
  /** Light scattered under the surface, faked with a soft sheen of the tissue's own hue. */
  sheen?: string;
  sheenAmount?: number;
  metalness?: number;
  /** The generated maps (colour, normal, roughness) of this tissue. */
  texture?: TissueTextureKind;
}

const WET = { clearcoat: 1, clearcoatRoughness: 0.12 } as const;

const LOOKS: Record<MaterialHint, Look> = {
  // Skin: matte-ish, a faint sheen, no wet coat.
  skin: { color: '#ffffff', roughness: 0.85, clearcoat: 0.08, clearcoatRoughness: 0.5, sheen: '#ffb89a', sheenAmount: 0.4, texture: 'skin' },
  dermis: { color: '#ffffff', roughness: 0.8, ...WET, clearcoat: 0.6, sheen: '#ff8a7a', texture: 'dermis' },
  fat: { color: '#ffffff', roughness: 0.7, ...WET, sheen: '#fff0a0', texture: 'fat' },
  fascia: { color: '#ffffff', roughness: 0.7, ...WET, texture: 'fascia' },
  muscle: { color: '#ffffff', roughness: 0.7, ...WET, sheen: '#ff5040', texture: 'muscle' },
  lesion: { color: '#5a3a2e', roughness: 0.9, texture: 'skin' },
  suture: { color: '#2a4fb0', roughness: 0.4 },
  needle: { color: '#c8ced4', roughness: 0.2, metalness: 0.95 },
  liver: { color: '#ffffff', roughness: 0.75, ...WET, sheen: '#c03020', sheenAmount: 0.3, texture: 'liver' },
  gallbladder: { color: '#ffffff', roughness: 0.6, ...WET, clearcoatRoughness: 0.06, sheen: '#90b0a0', sheenAmount: 0.3, texture: 'gallbladder' },
  duct: { color: '#ffffff', roughness: 0.6, ...WET, sheen: '#f0e0a0', texture: 'duct' },
  artery: { color: '#ffffff', roughness: 0.6, ...WET, sheen: '#ff6050', texture: 'artery' },
  peritoneum: { color: '#ffffff', roughness: 0.6, ...WET, clearcoatRoughness: 0.08, sheen: '#fff2b0', texture: 'peritoneum' },
  rubber: { color: '#d24b2a', roughness: 0.7 },
  peg: { color: '#f1eee4', roughness: 0.6 },
  board: { color: '#3c6fb4', roughness: 0.7 },
  box: { color: '#25292e', roughness: 0.8 },
  metal: { color: '#b9c0c8', roughness: 0.25, metalness: 0.9 },
  pot: { color: '#eef2f5', roughness: 0.3, clearcoat: 0.5 },
};

/** A GPU's tissue: physically based, with relief (normal map), a wet clear coat and sheen where the look has them. */
function detailedMaterial(look: Look, maps: TissueTextureSet | null, vertexColors: boolean): Material {
  const common = {
    color: new Color(look.color),
    roughness: look.roughness,
    metalness: look.metalness ?? 0,
    vertexColors,
    ...(maps ? { map: maps.map, normalMap: maps.normalMap, normalScale: new Vector2(1, 1), roughnessMap: maps.roughnessMap } : {}),
  };
  if (look.clearcoat === undefined && look.sheen === undefined) return new MeshStandardMaterial(common);
  return new MeshPhysicalMaterial({
    ...common,
    clearcoat: look.clearcoat ?? 0,
    clearcoatRoughness: look.clearcoatRoughness ?? 0.25,
    sheen: look.sheen ? (look.sheenAmount ?? 0.5) : 0,
    sheenColor: new Color(look.sheen ?? '#000000'),
    sheenRoughness: 0.5,
  });
}

/** A software renderer's tissue: the same colours drawn matte (Lambert, no relief), metals alone keep their shine. */
function plainMaterial(look: Look, maps: TissueTextureSet | null, vertexColors: boolean): Material {
  if ((look.metalness ?? 0) >= 0.5)
    return new MeshStandardMaterial({ color: new Color(look.color), roughness: look.roughness, metalness: look.metalness ?? 0, vertexColors });
  return new MeshLambertMaterial({ color: new Color(look.color), vertexColors, ...(maps ? { map: maps.map } : {}) });
}

/** The abdominal wall around the laparoscope's field: dark red-pink, wet, folded. */
const CAVITY: Look = { color: '#ffffff', roughness: 0.7, ...WET, clearcoatRoughness: 0.2, sheen: '#ff6070', sheenAmount: 0.3, texture: 'cavity' };

/** The cavity wall's material (one mesh, so not shared): drawn from the inside. */
export function cavityMaterial(quality: RenderQuality): Material {
  const maps = tissueTextures('cavity', TEXTURE_SIZE[quality]);
  const m = quality === 'high' ? detailedMaterial(CAVITY, maps, false) : plainMaterial(CAVITY, maps, false);
  m.side = BackSide;
  return m;
}

/**
 * One material per look, shared by every part that uses it (few materials, few programs). Tissue gets
 * its generated maps (src/views/textures/): colour, relief and roughness on a GPU (high quality), the
 * colour alone at low quality, where every pixel is shaded on the CPU.
 */
export function createTissueMaterials(quality: RenderQuality): {
  get(hint: MaterialHint, vertexColors: boolean): Material;
  /** A copy of `get`'s material for one part to tint (`tintTissue`); the caller disposes of it. */
  tintable(hint: MaterialHint, vertexColors: boolean): TintableMaterial;
  dispose(): void;
} {
  const cache = new Map<string, Material>();
  const used = new Set<TissueTextureSet>();
  return {
    get(hint, vertexColors) {
      const key = `${hint}:${vertexColors}`;
      let m = cache.get(key);
      if (!m) {
        const look = LOOKS[hint];
        const maps = look.texture ? tissueTextures(look.texture, TEXTURE_SIZE[quality]) : null;
        if (maps) used.add(maps);
        m = quality === 'high' ? detailedMaterial(look, maps, vertexColors) : plainMaterial(look, maps, vertexColors);
        cache.set(key, m);
      }
      return m;
    },
    tintable(hint, vertexColors) {
      return this.get(hint, vertexColors).clone() as TintableMaterial;
    },
    dispose() {
      for (const m of cache.values()) m.dispose();
      // The generated pictures stay cached (src/views/textures/); only their GPU copies go.
      for (const set of used) for (const t of [set.map, set.normalMap, set.roughnessMap]) t.dispose();
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
