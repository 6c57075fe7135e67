import type { Point, SceneGeometry } from '../actions/geometry.ts';
import type { Scene } from '../scenes/index.ts';

/** The FLS trainer's camera, as a cone: above the board, towards the trainee, looking at its centre. */
const FLS_CAMERA = { height: 0.25, back: 0.12, halfAngleDeg: 30 } as const;

/**
 * What the recognisers need to know about a scene's layout that its per-tick contacts and events do not
 * carry: tubes and their centrelines, the skin's surface and layers, the wound, the lesion and its tension
 * lines, the pegs, the camera's view. Built once per attempt.
 */
export function sceneGeometry(scene: Scene | null): SceneGeometry {
  switch (scene?.name) {
    case 'hepatobiliary':
      return {
        tubes: scene.anatomy.tubes.map((t) => ({ structure: t.structureId, centreline: t.centreline, radius: t.radius })),
      };
    case 'skin-pad': {
      const a = scene.anatomy;
      const angle = a.variant.tensionAngle;
      return {
        surfaceY: scene.surfaceY,
        layers: a.layers.map((l) => ({ id: l.id, top: l.top, bottom: l.bottom })),
        ...(a.laceration ? { wound: { start: a.laceration.a, end: a.laceration.b } } : {}),
        ...(a.lesion ? { lesion: { centre: a.lesion.centre, radius: a.lesion.radius, tensionLines: [Math.cos(angle), 0, Math.sin(angle)] as Point } } : {}),
      };
    }
    case 'pegboard': {
      const l = scene.layout;
      const c = l.boardCentre;
      const eye: Point = [c[0], l.boardTop + FLS_CAMERA.height, c[2] + FLS_CAMERA.back];
      const forward = normalise([c[0] - eye[0], l.boardTop - eye[1], c[2] - eye[2]]);
      return {
        surfaceY: l.boardTop,
        pegHeight: l.pegHeight,
        // Pegs 0–5 are on the left, 6–11 on the right: L1…L6, R1…R6 as the protocol names them.
        pegs: l.pegs.map((p, i) => ({ id: i < 6 ? `L${i + 1}` : `R${i - 5}`, position: p })),
        view: { eye, forward, halfAngleDeg: FLS_CAMERA.halfAngleDeg },
      };
    }
    default:
      return {};
  }
}

/** Cleared fractions of the regions the protocols read, this tick. */
export function clearedRegions(scene: Scene | null, out: Record<string, number>): Record<string, number> | undefined {
  if (scene?.name !== 'hepatobiliary') return undefined;
  out['hepatocystic-triangle'] = scene.clearedFraction();
  out['cystic-plate'] = scene.lowerThirdDetached();
  return out;
}

function normalise(v: [number, number, number]): Point {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}
