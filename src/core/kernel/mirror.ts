/**
 * The left-handed mirror (docs/accessibility.md, "Left-handed"): a learner who performs a procedure mirrored
 * sees the scene reflected about the sagittal plane x = 0 of the OR layout (the trainee's origin, the table's
 * and the worksite's centre line), and their hands reach the simulation through the same reflection with left
 * and right swapped. The simulation itself stays canonical, so whatever a mirrored learner does is judged as
 * the same movements made the standard way.
 *
 * The reflection only negates (x of a position; y and z of a quaternion), as 0 − v, so it is exact in
 * floating point and its own inverse, bit for bit, for every value but −0, which it makes +0 (a zero stays the
 * zero it was through a mirror and back: −v would turn a +0 into −0, which the state hash tells apart). The
 * input that reaches the simulation is what a right-handed learner making the mirror image of the movements
 * would have given.
 */
import type { Hand, HandInput, Pose, Quat, ScopeInput, ToolInput, Vec3 } from './input.ts';

/** The other hand. */
export function otherHand(hand: Hand): Hand {
  return hand === 'left' ? 'right' : 'left';
}

/**
 * The hand the learner used for the simulation's `hand`: the other one where the attempt was performed
 * mirrored. What names a hand to a person goes through it; stored data (report, xAPI) stays canonical.
 */
export function learnersHand(hand: Hand, mirrored: boolean): Hand {
  return mirrored ? otherHand(hand) : hand;
}

/** A hand's words in the languages the app ships (docs/languages.md), each with the other hand's. */
const HAND_WORDS: Readonly<Record<string, string>> = {
  left: 'right',
  right: 'left',
  Left: 'Right',
  Right: 'Left',
  izquierda: 'derecha',
  derecha: 'izquierda',
  izquierdo: 'derecho',
  derecho: 'izquierdo',
};
const WORDS = Object.keys(HAND_WORDS).join('|');
/** A hand word that says which hand: in parentheses, or last ("grasper left"); not "right hepatic artery". */
const HAND_WORD = new RegExp(`(?<=\\()(${WORDS})(?=\\))|(?<=^|\\s)(${WORDS})$`, 'gu');

/**
 * A name that says which hand it is for (an instrument's, "Laparoscopic grasper (left)"; an id's words, "grasper
 * left") as the learner used that hand: its hand word swapped where the attempt was performed mirrored.
 */
export function learnersHandWords(text: string, mirrored: boolean): string {
  return mirrored ? text.replace(HAND_WORD, (w) => HAND_WORDS[w]!) : text;
}

/** The mirror image of a position about the plane x = 0, in place. */
export function mirrorPosition(p: Vec3): Vec3 {
  p[0] = 0 - p[0];
  return p;
}

/**
 * The mirror image of an orientation, in place: with M = diag(−1, 1, 1), the rotation M·R·M, which is the
 * rotation about the mirrored axis by the opposite angle, (x, −y, −z, w).
 */
export function mirrorOrientation(q: Quat): Quat {
  q[1] = 0 - q[1];
  q[2] = 0 - q[2];
  return q;
}

/** The mirror image of a pose, in place. */
export function mirrorPose(pose: Pose): Pose {
  mirrorPosition(pose.position);
  mirrorOrientation(pose.orientation);
  return pose;
}

/**
 * The mirror image of a laparoscope's steering, in place: seen reflected, the shaft pans and the angled optic
 * turns the other way; tilt and insertion lie in the plane and stay.
 */
export function mirrorScopeInput(scope: ScopeInput): ScopeInput {
  scope.pan = 0 - scope.pan;
  scope.roll = 0 - scope.roll;
  return scope;
}

/**
 * The mirror image of a whole input, written into `out` (a different object from `input`): each hand's pose
 * reflected and given to the other hand, with its jaws, buttons and instrument; the laparoscope's steering
 * reflected. Its own inverse.
 */
export function mirrorToolInput(input: ToolInput, out: ToolInput): ToolInput {
  if (input === out) throw new Error('mirrorToolInput: out must not be the input (the hands swap)');
  copyMirrored(input.hands.left, out.hands.right);
  copyMirrored(input.hands.right, out.hands.left);
  if (input.scope) out.scope = mirrorScopeInput({ ...input.scope });
  else delete out.scope;
  return out;
}

function copyMirrored(from: HandInput, to: HandInput): void {
  const p = from.pose.position;
  const q = from.pose.orientation;
  to.pose.position = mirrorPosition([p[0], p[1], p[2]]);
  to.pose.orientation = mirrorOrientation([q[0], q[1], q[2], q[3]]);
  to.jaw = from.jaw;
  to.buttons = from.buttons;
  to.instrument = from.instrument;
}
