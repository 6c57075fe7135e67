import type { Hand } from '../kernel/input.ts';
import type { Protocol } from './schema.ts';

/**
 * Whether a learner of this handedness performs the protocol mirrored: a left-handed learner, where the
 * protocol's `handedness.leftHanded` is `mirror` (docs/accessibility.md, "Left-handed"). Unknown handedness
 * (null) is the standard layout.
 */
export function performsMirrored(protocol: Pick<Protocol, 'handedness'>, handedness: Hand | null): boolean {
  return handedness === 'left' && protocol.handedness.leftHanded === 'mirror';
}
