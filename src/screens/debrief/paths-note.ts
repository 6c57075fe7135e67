import type { TFunction } from 'i18next';
import { learnersHand } from '../../core/kernel/mirror.ts';
/**
 * What the tip paths' colours are: the learner's hands by colour (sky blue the canonical left, orange the right, so
 * a mirrored attempt's left hand is orange), the expert's by the expert's own hands.
 */
export function pathsNote(t: TFunction, hasExpert: boolean, mirrored: boolean): string {
  const hands = { skyBlue: t(`hand.${learnersHand('left', mirrored)}`), orange: t(`hand.${learnersHand('right', mirrored)}`) };
  return t(hasExpert ? 'debrief.pathsNoteExpert' : 'debrief.pathsNote', hands);
}
