import type { Point } from '../../kernel/input.ts';
import { Rng } from '../../kernel/rng.ts';
import { WORKSITE } from '../../kernel/or-layout.ts';
import { MeshBuilder, addLatLong, type Mesh } from './mesh.ts';
import type { StructureId } from './structures.ts';

export interface HepatobiliaryVariant {
  /** Cystic artery in front of (toward the camera) or behind the cystic duct. */
  arteryPosition: 'anterior' | 'posterior';
  doubleCysticArtery: boolean;
  shortCysticDuct: boolean;
  moreFat: boolean;
  /**
   * Acute cholecystitis: dense adhesions hold part of the tissue over the triangle, which neither the hook
   * nor the grasper clears, so the critical view cannot be reached (the protocol's bail-out case).
   */
  denseAdhesions?: boolean;
}

export type { Point };

export interface TubeSpec {
  structureId: StructureId;
  /** From s = 0 (gallbladder end; for the common ducts the hepatic end) to s = 1 (patient side). */
  centreline: readonly Point[];
  radius: number;
  particles: number;
  fixStart: boolean;
  fixEnd: boolean;
}

export interface FatPiece {
  centre: Point;
  radii: Point;
  /** Lies in front of the triangle's structures (anterior peritoneum) or behind them. */
  layer: 'anterior' | 'posterior';
  /** Held by dense adhesions: does not clear. */
  adherent?: boolean;
}

/**
 * The hepatobiliary set for a laparoscopic cholecystectomy, laid out as the laparoscope sees it: the
 * inferior surface of the right liver lobe faces the camera (world +y), the fundus is held cephalad
 * (−z, away from the trainee), the infundibulum points toward the trainee (+z) and medially (−x),
 * where the cystic duct joins the common hepatic duct to form the common bile duct.
 */
export interface HepatobiliaryAnatomy {
  variant: HepatobiliaryVariant;
  origin: Point;
  liver: { centre: Point; radii: Point; mesh: Mesh };
  cysticPlate: Mesh;
  gallbladder: {
    fundus: Point;
    neck: Point;
    /** Closed surface: rest positions (xyz) and outward-wound triangles. Vertex 0 is the fundus pole, the last the neck pole. */
    positions: Float64Array;
    triangles: Uint32Array;
    along: number;
    around: number;
  };
  tubes: readonly TubeSpec[];
  fat: readonly FatPiece[];
}

export function hepatobiliaryVariant(seed: number, overrides: Partial<HepatobiliaryVariant> = {}): HepatobiliaryVariant {
  const rng = new Rng(seed ^ 0x6a11b1);
  return {
    arteryPosition: overrides.arteryPosition ?? (rng.next() < 0.8 ? 'anterior' : 'posterior'),
    doubleCysticArtery: overrides.doubleCysticArtery ?? rng.next() < 0.15,
    shortCysticDuct: overrides.shortCysticDuct ?? rng.next() < 0.2,
    moreFat: overrides.moreFat ?? rng.next() < 0.3,
    // Never drawn at random: only a protocol's variant asks for it.
    ...(overrides.denseAdhesions === true ? { denseAdhesions: true } : {}),
  };
}

export function generateHepatobiliary(variant: HepatobiliaryVariant, seed = 0): HepatobiliaryAnatomy {
  const rng = new Rng(seed ^ 0x11e7);
  const O: Point = [WORKSITE[0], WORKSITE[1] + 0.06, WORKSITE[2]];
  const at = (x: number, y: number, z: number): Point => [O[0] + x, O[1] + y, O[2] + z];
  const jitter = (p: Point, s: number): Point => [p[0] + rng.range(-s, s), p[1] + rng.range(-s, s) * 0.3, p[2] + rng.range(-s, s)];

  const liverCentre = at(0.01, -0.02, -0.03);
  const liverRadii: Point = [0.1, 0.03, 0.075];
  const liverMesh = liverSurface(liverCentre, liverRadii);

  const fundus = jitter(at(0.04, 0.024, -0.06), 0.004);
  const neck = jitter(at(0.005, 0.02, 0.015), 0.003);
  const rMax = rng.range(0.012, 0.015);
  const along = 14;
  const around = 14;
  const axis = sub(neck, fundus);
  const len = norm(axis);
  const ax = scale(axis, 1 / len);
  const e1 = normalise(cross(ax, [0, 1, 0]));
  const e2 = cross(e1, ax);
  const gbMesh = new MeshBuilder();
  addLatLong(gbMesh, along, around, (u, v) => {
    // Round fundus, full body, tapering infundibulum into the neck.
    const taper = u < 0.55 ? 1 : 1 - 0.6 * ((u - 0.55) / 0.45);
    const r = rMax * Math.sqrt(Math.sin(Math.PI * u)) * taper;
    // Angle runs clockwise about the axis so the triangles face outward.
    const a = -2 * Math.PI * v;
    const c = add(fundus, scale(ax, len * u));
    return add(c, add(scale(e1, r * Math.cos(a)), scale(e2, r * Math.sin(a))));
  });
  const gb = gbMesh.build();

  const neckOut = add(neck, scale(ax, 0.002));
  const ductLength = variant.shortCysticDuct ? 0.012 : 0.03;
  const junction = add(neckOut, [-0.75 * ductLength, -0.004, 0.6 * ductLength]);
  const hilum = at(-0.03, 0.012, -0.01);
  const duodenum = at(-0.028, 0.01, 0.1);
  const cysticDuct: Point[] = [neckOut, add(lerp(neckOut, junction, 0.5), [0.002, 0, 0.003]), junction];
  const rhaPoints: Point[] = [at(-0.05, 0.006, 0.03), at(-0.012, 0.008, 0.012), at(0.03, 0.011, -0.012)];
  // The artery runs above the duct, cephalad of it, in front of or behind it.
  const depth = variant.arteryPosition === 'anterior' ? 0.006 : -0.006;
  const ductMid = lerp(neckOut, junction, 0.5);
  const artery = (fromGb: Point, toRha: Point): Point[] => [fromGb, add(lerp(fromGb, toRha, 0.5), [0, depth, 0]), toRha];
  const arteryStart = add(fundus, add(scale(ax, len * 0.72), scale(e2, rMax * 0.7)));
  const arteryEnd = rhaPoints[1]!;
  const tubes: TubeSpec[] = [
    { structureId: 'cystic-duct', centreline: cysticDuct, radius: 0.0018, particles: variant.shortCysticDuct ? 8 : 14, fixStart: false, fixEnd: false },
    {
      structureId: 'common-hepatic-duct',
      centreline: [hilum, lerp(hilum, junction, 0.5), junction],
      radius: 0.003,
      particles: 12,
      fixStart: true,
      fixEnd: false,
    },
    {
      structureId: 'common-bile-duct',
      centreline: [junction, lerp(junction, duodenum, 0.5), duodenum],
      radius: 0.0035,
      particles: 16,
      fixStart: false,
      fixEnd: true,
    },
    { structureId: 'right-hepatic-artery', centreline: rhaPoints, radius: 0.0015, particles: 18, fixStart: true, fixEnd: true },
    { structureId: 'cystic-artery', centreline: artery(arteryStart, arteryEnd), radius: 0.001, particles: 12, fixStart: false, fixEnd: true },
  ];
  if (variant.doubleCysticArtery) {
    const start2 = add(fundus, add(scale(ax, len * 0.55), scale(e2, rMax * 0.8)));
    tubes.push({
      structureId: 'cystic-artery',
      centreline: artery(start2, lerp(rhaPoints[1]!, rhaPoints[2]!, 0.4)),
      radius: 0.0009,
      particles: 10,
      fixStart: false,
      fixEnd: true,
    });
  }

  // Fat and peritoneum over the hepatocystic triangle (cystic duct, common hepatic duct, liver edge).
  const fat: FatPiece[] = [];
  const pieces = variant.moreFat ? 12 : 6;
  for (let k = 0; k < pieces; k++) {
    const a = rng.next();
    const b = rng.next() * (1 - a);
    const c = add(add(scale(ductMid, a), scale(hilum, b)), scale(lerp(neckOut, hilum, 0.5), 1 - a - b));
    const layer = k % 2 === 0 ? 'anterior' : 'posterior';
    const r = rng.range(0.004, variant.moreFat ? 0.008 : 0.006);
    const piece: FatPiece = { centre: add(c, [0, layer === 'anterior' ? 0.005 : -0.002, 0]), radii: [r, r * 0.6, r * 0.9], layer };
    // Every third piece stuck: at most two thirds of the triangle clears, short of any critical-view threshold.
    if (variant.denseAdhesions === true && k % 3 === 0) piece.adherent = true;
    fat.push(piece);
  }

  // The cystic plate: the liver bed under the gallbladder, a thin patch on the liver's surface.
  const plate = new MeshBuilder();
  const bed = add(lerp(fundus, neck, 0.5), [0, -rMax * 0.9, 0]);
  addLatLong(plate, 6, 16, (u, v) => {
    const th = Math.PI * u;
    const ph = -2 * Math.PI * v;
    return add(
      bed,
      add(add(scale(ax, -0.9 * len * 0.5 * Math.cos(th)), scale(e1, rMax * 0.9 * Math.sin(th) * Math.cos(ph))), [0, 0.0015 * Math.sin(th) * Math.sin(ph), 0]),
    );
  });

  return {
    variant,
    origin: O,
    liver: { centre: liverCentre, radii: liverRadii, mesh: liverMesh.build() },
    cysticPlate: plate.build(),
    gallbladder: { fundus, neck, positions: Float64Array.from(gb.positions), triangles: gb.indices, along, around },
    tubes,
    fat,
  };
}

/**
 * The liver's drawn surface (render only: the simulation collides with the ellipsoid `centre`, `radii`).
 * A wedge, as the laparoscope sees the right lobe from below: the upper surface close to the ellipsoid,
 * thinning toward a sharp inferior margin at the trainee's side (+z), the margin notched between the
 * lobes, and shallow swells so it does not look like a pill. No random numbers: the seeded layout is untouched.
 */
function liverSurface(centre: Point, radii: Point): MeshBuilder {
  const m = new MeshBuilder();
  addLatLong(m, 40, 64, (u, v) => {
    const th = Math.PI * u;
    const ph = 2 * Math.PI * v;
    const along = -Math.cos(th); // −1..1 along x
    const across = Math.sin(th) * Math.sin(ph); // −1 (back) .. 1 (inferior margin)
    const up = Math.sin(th) * Math.cos(ph); // the side facing the camera (+y) is positive
    const margin = Math.max(0, across) ** 3;
    const notch = 1 - 0.14 * Math.exp(-(((along + 0.25) / 0.09) ** 2)) * margin;
    const swell = 1 + 0.035 * Math.sin(3 * ph + 1.3) * Math.sin(th) + 0.02 * Math.sin(5 * th + 2 * ph);
    const thickness = up > 0 ? 1 - 0.25 * margin : 1 - 0.6 * margin;
    const outline = notch * swell * (1 - 0.08 * Math.max(0, along) ** 2);
    return [
      centre[0] + radii[0] * along * (1 + 0.04 * Math.sin(2 * ph)),
      centre[1] + radii[1] * up * thickness * swell,
      centre[2] + radii[2] * across * outline,
    ];
  });
  return m;
}

function add(a: Point, b: Point): Point {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}
function sub(a: Point, b: Point): Point {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function scale(a: Point, k: number): Point {
  return [a[0] * k, a[1] * k, a[2] * k];
}
function lerp(a: Point, b: Point, t: number): Point {
  return add(a, scale(sub(b, a), t));
}
function norm(a: Point): number {
  return Math.hypot(a[0], a[1], a[2]);
}
function normalise(a: Point): Point {
  return scale(a, 1 / norm(a));
}
function cross(a: Point, b: Point): Point {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
