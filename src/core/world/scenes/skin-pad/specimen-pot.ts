import { MeshBuilder, addCup } from '../../anatomy/mesh.ts';
import { staticPart, type RenderPart } from '../../anatomy/render-part.ts';
import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { SPECIMEN_POT_BASE, SPECIMEN_POT_HEIGHT, SPECIMEN_POT_RADIUS, TABLE_TOP_Y } from '../../../kernel/or-layout.ts';
import { padBounds } from './skin.ts';
import type { SpecimenFloor } from './specimen.ts';

const POT_WALL = 0.0015;

/** The histology pot: an open cup on the table left of the pad, where the excised specimen goes. */
export function specimenPotPart(): RenderPart {
  const pot = new MeshBuilder();
  addCup(pot, SPECIMEN_POT_BASE, SPECIMEN_POT_RADIUS, SPECIMEN_POT_HEIGHT, POT_WALL, 24);
  return staticPart('specimen-pot', 'specimen-pot', 'pot', pot.build());
}

/** What the specimen falls onto when let go: the pot's inside floor and its rim, the pad, the table. */
export function specimenFloor(a: SkinPadAnatomy): SpecimenFloor {
  const pad = padBounds(a);
  return {
    padMin: pad.min,
    padMax: pad.max,
    padTop: a.centre[1],
    tableTop: TABLE_TOP_Y,
    potCentre: [SPECIMEN_POT_BASE[0], SPECIMEN_POT_BASE[2]],
    potInner: SPECIMEN_POT_RADIUS - POT_WALL,
    potOuter: SPECIMEN_POT_RADIUS,
    potFloor: SPECIMEN_POT_BASE[1] + POT_WALL,
    potRim: SPECIMEN_POT_BASE[1] + SPECIMEN_POT_HEIGHT,
    thickness: a.skinThickness,
  };
}
