import { Rng } from '../../kernel/rng.ts';
import { TABLE_TOP_Y, WORKSITE } from '../../kernel/or-layout.ts';
import { MeshBuilder, addBox, type Mesh } from './mesh.ts';
import type { StructureId } from './structures.ts';

export type SkinPadKind = 'laceration' | 'lesion' | 'intact';

export interface SkinPadVariant {
  kind: SkinPadKind;
  /** Subcutaneous fat thickness (m), 5–30 mm. */
  fatThickness: number;
  /** Direction of the relaxed skin tension lines, angle in the pad plane from +x (rad, 0..π). */
  tensionAngle: number;
}

export interface Layer {
  id: StructureId;
  /** Heights (world y, m) of the layer's bottom and top. */
  bottom: number;
  top: number;
}

export interface SkinPadAnatomy {
  variant: SkinPadVariant;
  /** Centre of the skin surface. */
  centre: readonly [number, number, number];
  size: readonly [number, number];
  /** Particle grid of the skin sheet (columns along x, rows along z). */
  cols: number;
  rows: number;
  skinThickness: number;
  /** From the skin down: dermis (with epidermis), subcutaneous fat, fascia, muscle. */
  layers: readonly Layer[];
  /** Unit direction of the muscle fibres (in the pad plane). */
  fibreDirection: readonly [number, number, number];
  /** Unit direction of the relaxed skin tension lines (in the pad plane). */
  tensionLines: readonly [number, number, number];
  /** The laceration as a segment on the skin surface, or null. */
  laceration: { a: readonly [number, number, number]; b: readonly [number, number, number]; depth: number } | null;
  /** The pigmented lesion on the skin surface, or null. */
  lesion: { centre: readonly [number, number, number]; radius: number } | null;
  /** Closed slabs of the layers below the skin (they do not deform in this model). */
  layerMeshes: readonly { id: StructureId; mesh: Mesh }[];
}

export const SKIN_PAD_SIZE: readonly [number, number] = [0.16, 0.1];
const MUSCLE = 0.015;
const FASCIA = 0.001;
const SKIN = 0.002;

/** The patient variant from the seed, with any field overridden (e.g. by the protocol). */
export function skinPadVariant(seed: number, overrides: Partial<SkinPadVariant> = {}): SkinPadVariant {
  const rng = new Rng(seed ^ 0x51c1a7);
  return {
    kind: overrides.kind ?? 'laceration',
    fatThickness: overrides.fatThickness ?? rng.range(0.005, 0.03),
    tensionAngle: overrides.tensionAngle ?? rng.range(0, Math.PI),
  };
}

/** A forearm-like skin pad on the table: pure function of the variant. */
export function generateSkinPad(variant: SkinPadVariant, seed = 0): SkinPadAnatomy {
  const rng = new Rng(seed ^ 0x0ad5);
  const fat = Math.min(0.03, Math.max(0.005, variant.fatThickness));
  const muscleTop = TABLE_TOP_Y + MUSCLE;
  const fasciaTop = muscleTop + FASCIA;
  const fatTop = fasciaTop + fat;
  const skinTop = fatTop + SKIN;
  const layers: Layer[] = [
    { id: 'dermis', bottom: fatTop, top: skinTop },
    { id: 'subcutaneous-fat', bottom: fasciaTop, top: fatTop },
    { id: 'fascia', bottom: muscleTop, top: fasciaTop },
    { id: 'muscle', bottom: TABLE_TOP_Y, top: muscleTop },
  ];
  const centre: [number, number, number] = [WORKSITE[0], skinTop, WORKSITE[2]];
  const [w, d] = SKIN_PAD_SIZE;
  const layerMeshes = layers.slice(1).map((l) => {
    const m = new MeshBuilder();
    addBox(m, [centre[0], (l.top + l.bottom) / 2, centre[2]], [w / 2, (l.top - l.bottom) / 2, d / 2]);
    return { id: l.id, mesh: m.build() };
  });
  const ta = variant.tensionAngle;
  const tensionLines: [number, number, number] = [Math.cos(ta), 0, -Math.sin(ta)];
  // A forearm's muscles run along the limb: the pad's long axis, give or take a few degrees.
  const fa = rng.range(-0.15, 0.15);
  const fibreDirection: [number, number, number] = [Math.cos(fa), 0, -Math.sin(fa)];
  let laceration: SkinPadAnatomy['laceration'] = null;
  let lesion: SkinPadAnatomy['lesion'] = null;
  if (variant.kind === 'laceration') {
    const la = rng.range(-0.5, 0.5);
    const half = 0.02;
    const cx = centre[0] + rng.range(-0.01, 0.01);
    const cz = centre[2] + rng.range(-0.008, 0.008);
    laceration = {
      a: [cx - half * Math.cos(la), skinTop, cz + half * Math.sin(la)],
      b: [cx + half * Math.cos(la), skinTop, cz - half * Math.sin(la)],
      depth: SKIN + 0.002,
    };
  } else if (variant.kind === 'lesion') {
    lesion = { centre: [centre[0] + rng.range(-0.015, 0.015), skinTop, centre[2] + rng.range(-0.01, 0.01)], radius: 0.003 };
  }
  return {
    variant: { ...variant, fatThickness: fat },
    centre,
    size: SKIN_PAD_SIZE,
    cols: 56,
    rows: 37,
    skinThickness: SKIN,
    layers,
    fibreDirection,
    tensionLines,
    laceration,
    lesion,
    layerMeshes,
  };
}
