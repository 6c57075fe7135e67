import type { CameraView } from './camera-view.ts';
import type { Hand, Vec3 } from './input.ts';

/**
 * Where things stand in the operating room, in metres. The user stands at the origin facing −z
 * (the WebXR local-floor convention), so the worksite is in front of them at hand height.
 */
export const TABLE_TOP_Y = 0.9;
export const TABLE_SIZE: [number, number, number] = [0.7, 0.06, 1.9];
export const TABLE_CENTRE: [number, number, number] = [0, TABLE_TOP_Y - TABLE_SIZE[1] / 2, -0.55];
/** Centre of the worksite (anatomy) on the table top. */
export const WORKSITE: [number, number, number] = [0, TABLE_TOP_Y, -0.45];
export const TRAY_CENTRE: [number, number, number] = [0.55, 0.95, -0.3];
/**
 * The needle counter (sharps box) for open procedures: on the table to the right of the skin pad (whose
 * right edge is 8 cm from the worksite centre), where the right hand puts the needle down. Sharps let
 * go within `NEEDLE_COUNTER_RADIUS` of its centre are in it. Drawn by the renderer from here.
 */
export const NEEDLE_COUNTER_CENTRE: [number, number, number] = [WORKSITE[0] + 0.12, TABLE_TOP_Y + 0.01, WORKSITE[2]];
export const NEEDLE_COUNTER_RADIUS = 0.025;
/**
 * The histology pot for the excised specimen: an open cup on the table to the left of the skin pad (the
 * forceps' side), its mouth level with the skin. A specimen let go within `SPECIMEN_POT_REACH` of the
 * mouth's centre is placed in it. The skin-pad scene builds and draws it for the lesion variant.
 */
export const SPECIMEN_POT_BASE: [number, number, number] = [WORKSITE[0] - 0.12, TABLE_TOP_Y, WORKSITE[2]];
export const SPECIMEN_POT_RADIUS = 0.025;
export const SPECIMEN_POT_HEIGHT = 0.035;
export const SPECIMEN_POT_REACH = 0.035;

/** A trocar: where an instrument's shaft crosses the abdominal wall and pivots (world, m). */
export interface Port {
  position: Vec3;
}

/**
 * Where the trocars stand for the laparoscopic scenes: one port per hand, above and in front of the
 * worksite, and the laparoscope between them (world, m).
 */
export const PORTS: Record<Hand, Port> = {
  left: { position: [WORKSITE[0] - 0.1, WORKSITE[1] + 0.16, WORKSITE[2] + 0.12] },
  right: { position: [WORKSITE[0] + 0.1, WORKSITE[1] + 0.16, WORKSITE[2] + 0.12] },
};
/**
 * The laparoscope of the laparoscopic scenes: its picture is what the OR monitor shows, and what the "in
 * view" rules and the out-of-view time judge by (src/core/recognisers geometry.view).
 */
export const LAPAROSCOPE: CameraView = {
  eye: [WORKSITE[0], WORKSITE[1] + 0.2, WORKSITE[2] + 0.16],
  target: [WORKSITE[0], WORKSITE[1], WORKSITE[2] - 0.01],
  fovDeg: 70,
  aspect: 1.6,
  near: 0.005,
};
/**
 * The camera port of a held laparoscope (umbilical, on the learner's side of the instrument ports): the
 * scope's shaft pivots here while a camera assistant (or the learner) aims it (world/laparoscope.ts).
 */
export const SCOPE_PORT: [number, number, number] = [WORKSITE[0], WORKSITE[1] + 0.16, WORKSITE[2] + 0.16];
