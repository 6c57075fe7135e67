import { WORKSITE } from '../core/kernel/index.ts';
import { handleForTip } from '../core/world/instruments/trocar.ts';
import { instrumentSpec } from '../core/world/instruments/catalog.ts';
import { PORTS } from '../core/kernel/or-layout.ts';

/**
 * Elbow height above the floor per eye height above the floor, from Pheasant & Haslegrave, Bodyspace
 * (3rd ed., 2006), British adults, 50th percentile (the ratios vary little across the population).
 * Standing: elbow 1090 / eye 1630 mm ≈ 0.67 (Drillis & Contini's segment proportions give
 * 0.630 / 0.936 H ≈ 0.67 too). Seated on a chair at popliteal height (440 mm): elbow 440 + 245 over
 * eye 440 + 790 mm ≈ 0.56.
 */
export const STANDING_ELBOW_PER_EYE = 0.67;
export const SEATED_ELBOW_PER_EYE = 0.56;
/**
 * Eye heights below this are taken as seated. Bodyspace: a standing 5th percentile woman's eyes are at
 * ≈ 1.39 m; a seated 95th percentile man's at ≈ 1.35 m (sitting eye height 0.86 on a 0.49 m seat).
 */
export const SEATED_EYE_HEIGHT = 1.4;
/** Open surgery: the worksite this far below the elbow (light precision work, 5–10 cm below it). */
export const OPEN_WORKSITE_BELOW_ELBOW = 0.075;
/**
 * Laparoscopy: the instruments' handles at elbow height (Berquer, Smith & Davis, "An ergonomic study of
 * the optimum operating table height for laparoscopic surgery", Surg Endosc 2002;16:416–421).
 */
export const LAP_HANDLES_BELOW_ELBOW = 0;
/** Height of a laparoscopic handle above the worksite when its tip is at the worksite (m). */
export const LAP_HANDLE_ABOVE_WORKSITE = handleForTip(PORTS.right, WORKSITE, instrumentSpec('atraumatic-grasper')?.shaftLength ?? 0.33)[1] - WORKSITE[1];

/** How fast the left thumbstick moves the trainee's floor (m/s), and how far from the fit. */
const ADJUST_RATE = 0.25;
const ADJUST_RANGE = 0.5;

/**
 * How the trainee works in VR (the settings dialog): `auto` tells seated from standing by the eye height
 * (below SEATED_EYE_HEIGHT: seated); `seated` and `standing` say it, for a tall trainee on a high chair or a
 * short one standing, whom the eye height would misjudge (a 16 cm difference in the table's height at 1.45 m).
 */
export const POSTURES = ['auto', 'seated', 'standing'] as const;
export type Posture = (typeof POSTURES)[number];

export function elbowHeight(eyeHeight: number, posture: Posture = 'auto'): number {
  const seated = posture === 'auto' ? eyeHeight < SEATED_EYE_HEIGHT : posture === 'seated';
  return eyeHeight * (seated ? SEATED_ELBOW_PER_EYE : STANDING_ELBOW_PER_EYE);
}

/**
 * The XR origin's height in the scene that puts the worksite at working height for a trainee whose eyes
 * are `eyeHeight` above their floor: open surgery a little below the elbow; laparoscopy with the
 * handles at the elbow. The scene's worksite is at WORKSITE[1]; the trainee's floor at the origin.
 */
export function originHeightFor(eyeHeight: number, laparoscopic: boolean, posture: Posture = 'auto'): number {
  const elbow = elbowHeight(eyeHeight, posture);
  const worksite = laparoscopic ? elbow - LAP_HANDLES_BELOW_ELBOW - LAP_HANDLE_ABOVE_WORKSITE : elbow - OPEN_WORKSITE_BELOW_ELBOW;
  return WORKSITE[1] - worksite;
}

/**
 * The XR origin's height, frame by frame: fitted to the trainee when a session starts (the viewer's
 * height in the local-floor space, seated or standing), plus the trainee's own adjustment with the left
 * thumbstick (up raises the table: their floor sinks), which starts afresh with each session.
 */
export class OriginFit {
  constructor(private readonly posture: Posture = 'auto') {}

  private session: XRSession | null = null;
  private fitted = 0;
  private adjust = 0;

  height(frame: XRFrame, floorSpace: XRReferenceSpace, laparoscopic: boolean, stickY: number, delta: number): number {
    if (this.session !== frame.session) {
      const viewer = frame.getViewerPose(floorSpace);
      if (viewer) {
        this.session = frame.session;
        this.fitted = originHeightFor(viewer.transform.position.y, laparoscopic, this.posture);
        this.adjust = 0;
      }
    }
    if (Math.abs(stickY) > 0.2) {
      this.adjust = Math.min(ADJUST_RANGE, Math.max(-ADJUST_RANGE, this.adjust + stickY * ADJUST_RATE * delta));
    }
    return this.fitted + this.adjust;
  }
}
