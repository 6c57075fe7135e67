import type { Point, SceneGeometry } from './geometry.ts';
import type { CameraView } from '../kernel/camera-view.ts';
import type { Vec3 } from '../kernel/input.ts';
import type { HepatobiliaryAnatomy } from '../world/anatomy/hepatobiliary.ts';
import type { Scene } from '../world/scenes/index.ts';
import { LAPAROSCOPE, NEEDLE_COUNTER_CENTRE, NEEDLE_COUNTER_RADIUS, SPECIMEN_POT_BASE, SPECIMEN_POT_HEIGHT, SPECIMEN_POT_REACH } from '../kernel/or-layout.ts';

/**
 * What the recognisers need to know about a scene's layout that its per-tick contacts and events do not
 * carry: tubes and their centrelines, the skin's surface and layers, the wound, the lesion and its tension
 * lines, the pegs, the camera's view. Built once per attempt. `laparoscope` is a held laparoscope's picture,
 * which the world rewrites in place every tick; without it, the theatre's fixed one.
 */
export function sceneGeometry(scene: Scene | null, laparoscope: CameraView = LAPAROSCOPE): SceneGeometry {
  switch (scene?.name) {
    case 'hepatobiliary': {
      const lines = scene.tubeRods.map((rod) => Array.from({ length: scene.rods.length[rod]! }, (): Vec3 => [0, 0, 0]));
      const geometry: SceneGeometry = {
        tubes: scene.anatomy.tubes.map((t, k) => ({ structure: tubeName(scene.anatomy, k), centreline: lines[k]!, radius: t.radius })),
        view: laparoscope,
      };
      liveLines.set(geometry, lines);
      followScene(scene, geometry);
      return geometry;
    }
    case 'skin-pad': {
      const a = scene.anatomy;
      return {
        surfaceY: scene.surfaceY,
        layers: a.layers.map((l) => ({ id: l.id, top: l.top, bottom: l.bottom })),
        ...(a.laceration ? { wound: { start: a.laceration.a, end: a.laceration.b } } : {}),
        ...(a.lesion ? { lesion: { centre: a.lesion.centre, radius: a.lesion.radius, tensionLines: a.tensionLines } } : {}),
        places: [
          { what: 'needle-counter', position: NEEDLE_COUNTER_CENTRE, radius: NEEDLE_COUNTER_RADIUS },
          ...(a.lesion ? [{ what: 'specimen-pot', position: SPECIMEN_POT_MOUTH, radius: SPECIMEN_POT_REACH }] : []),
        ],
      };
    }
    case 'pegboard': {
      const l = scene.layout;
      return {
        surfaceY: l.boardTop,
        pegHeight: l.pegHeight,
        // Pegs 0–5 are on the left, 6–11 on the right: L1…L6, R1…R6 as the protocol names them.
        pegs: l.pegs.map((p, i) => ({ id: i < 6 ? `L${i + 1}` : `R${i - 5}`, position: p })),
        view: laparoscope,
      };
    }
    default:
      return {};
  }
}

/**
 * The tubes' centrelines of a geometry built by `sceneGeometry`, which `followScene` moves with the
 * tissue: the vessels where they lie now (retracted, pushed), not where they were generated.
 */
const liveLines = new WeakMap<SceneGeometry, Vec3[][]>();

/** Brings the geometry's moving parts (the hepatobiliary vessels) to where the scene has them this tick. */
export function followScene(scene: Scene | null, geometry: SceneGeometry): void {
  const lines = liveLines.get(geometry);
  if (!lines || scene?.name !== 'hepatobiliary') return;
  const pos = scene.particles.pos;
  lines.forEach((line, k) => {
    const first = scene.rods.first[scene.tubeRods[k]!]!;
    line.forEach((point, i) => {
      for (let c = 0; c < 3; c++) point[c] = pos[3 * (first + i) + c]!;
    });
  });
}

const SPECIMEN_POT_MOUTH: Point = [SPECIMEN_POT_BASE[0], SPECIMEN_POT_BASE[1] + SPECIMEN_POT_HEIGHT, SPECIMEN_POT_BASE[2]];

/** Cleared fractions of the regions the protocols read, this tick. */
export function clearedRegions(scene: Scene | null, out: Record<string, number>): Record<string, number> | undefined {
  if (scene?.name === 'skin-pad') {
    out.specimen = scene.specimenFreed();
    return out;
  }
  if (scene?.name !== 'hepatobiliary') return undefined;
  out['hepatocystic-triangle'] = scene.clearedFraction();
  out['cystic-plate'] = scene.lowerThirdDetached();
  const covers = fatCover(scene.anatomy);
  for (const [structure, pieces] of covers) out[structure] = exposed(pieces, scene.fatAlive);
  return out;
}

/**
 * The protocol's id for anatomy tube k: the scene names both arteries of the double-cystic-artery
 * variant `cystic-artery`; the protocols call the second one `cystic-artery-2`.
 */
function tubeName(anatomy: HepatobiliaryAnatomy, k: number): string {
  const id = anatomy.tubes[k]!.structureId;
  const earlier = anatomy.tubes.slice(0, k).filter((t) => t.structureId === id).length;
  return earlier > 0 ? `${id}-${earlier + 1}` : id;
}

/** A fat piece covers a structure entering the gallbladder when it comes this close to its centreline (m). */
const COVER_MARGIN = 0.002;
const ENTERING_GALLBLADDER = new Set(['cystic-duct', 'cystic-artery', 'cystic-artery-2']);
const covering = new WeakMap<HepatobiliaryAnatomy, [string, number[]][]>();

/** Per structure entering the gallbladder, the fat pieces over it (built once per anatomy). */
function fatCover(anatomy: HepatobiliaryAnatomy): [string, number[]][] {
  let found = covering.get(anatomy);
  if (found) return found;
  found = [];
  anatomy.tubes.forEach((tube, k) => {
    const structure = tubeName(anatomy, k);
    if (!ENTERING_GALLBLADDER.has(structure)) return;
    const pieces: number[] = [];
    anatomy.fat.forEach((piece, f) => {
      if (polylineDistance(tube.centreline, piece.centre) < piece.radii[0] + tube.radius + COVER_MARGIN) pieces.push(f);
    });
    found!.push([structure, pieces]);
  });
  covering.set(anatomy, found);
  return found;
}

/** How far a structure is skeletonised: the fraction of the fat over it that is gone (1 when none covered it). */
function exposed(pieces: readonly number[], fatAlive: ArrayLike<number>): number {
  if (pieces.length === 0) return 1;
  let gone = 0;
  for (const f of pieces) gone += 1 - fatAlive[f]!;
  return gone / pieces.length;
}

function polylineDistance(line: readonly Point[], p: Point): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!,
      b = line[i]!;
    const e: Point = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const ee = e[0] * e[0] + e[1] * e[1] + e[2] * e[2];
    const u = ee > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * e[0] + (p[1] - a[1]) * e[1] + (p[2] - a[2]) * e[2]) / ee)) : 0;
    best = Math.min(best, Math.hypot(p[0] - a[0] - u * e[0], p[1] - a[1] - u * e[1], p[2] - a[2] - u * e[2]));
  }
  return best;
}
