/**
 * The structure ids the protocols use, plus the FLS task's parts, and a small
 * numeric tag for each so particles can carry their structure in a Uint8Array.
 */
export const STRUCTURE_IDS = [
  'skin',
  'epidermis',
  'dermis',
  'subcutaneous-fat',
  'fascia',
  'muscle',
  'wound',
  'wound-edge-a',
  'wound-edge-b',
  'lesion',
  'suture',
  'needle',
  'clip',
  'liver',
  'gallbladder',
  'cystic-duct',
  'common-hepatic-duct',
  'common-bile-duct',
  'cystic-artery',
  'right-hepatic-artery',
  'cystic-plate',
  'hepatocystic-triangle',
  'peritoneum',
  'fls-board',
  'fls-peg',
  'fls-object',
  'trainer-box',
  'specimen',
  'specimen-pot',
] as const;

export type StructureId = (typeof STRUCTURE_IDS)[number];

export function structureTag(id: StructureId): number {
  return STRUCTURE_IDS.indexOf(id);
}

export function structureOf(tag: number): StructureId {
  const id = STRUCTURE_IDS[tag];
  if (id === undefined) throw new Error(`unknown structure tag ${tag}`);
  return id;
}
