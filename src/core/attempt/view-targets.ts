import { WORKSITE } from '../kernel/or-layout.ts';
import type { Protocol } from '../procedure/index.ts';

export interface ViewTarget {
  id: string;
  /** World position, m. */
  position: readonly [number, number, number];
}

/** A protocol's `viewTargets` in the world: given in mm from the worksite centre, placed in metres. */
export function viewTargetsOf(protocol: Pick<Protocol, 'viewTargets'>): ViewTarget[] {
  return protocol.viewTargets.map((t) => ({
    id: t.id,
    position: [WORKSITE[0] + t.at[0] / 1000, WORKSITE[1] + t.at[1] / 1000, WORKSITE[2] + t.at[2] / 1000],
  }));
}
