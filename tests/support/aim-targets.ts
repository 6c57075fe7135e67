/**
 * What a person can aim at by sight in a scene (aim-at-objects.ts): its loose objects, each as a few
 * material points ("landmarks") that the model tracks in the expert's run and in this one. A small adapter
 * per scene, so the harness stays generic:
 *
 * - the pegboard's rings (the world's movable bodies): one landmark each, the centre;
 * - the skin pad's needle: 33 landmarks along the arc (f = 0 point … 1 swage, as `Needle.point`), so a driver
 *   going for it aims at the same place along the needle as the expert's jaws closed on, and one holding it
 *   brings the point (landmark 0) where the expert's point was.
 */
import type { Attempt } from '../../src/core/attempt/attempt.ts';
import { HANDS } from '../../src/core/kernel/input.ts';
import { SkinPadScene } from '../../src/core/world/scenes/skin-pad.ts';
import { toolKind } from '../../src/core/world/scenes/tools.ts';

export interface AimTargets {
  /** Landmarks per object; an object's first is its working point, brought where the expert's was while held. */
  readonly landmarks: readonly number[];
  /** Writes every object's landmarks (xyz each, objects in order) into out from o. */
  read(out: Float64Array, o: number): void;
  /** Whether a hand with this instrument works on object k (can take it). */
  takes(k: number, instrument: string | null): boolean;
  /** The hand (index into HANDS) holding object k in this run, or -1. */
  holder(k: number): number;
}

/** Needle landmarks: every 1/32 of its length, as `Needle.nearest` samples it. */
const NEEDLE_STEPS = 32;

export function aimTargets(attempt: Attempt): AimTargets {
  const scene = attempt.world.scene;
  if (scene instanceof SkinPadScene) {
    const needle = scene.needle;
    return {
      landmarks: [NEEDLE_STEPS + 1],
      read: (out, o) => {
        for (let i = 0; i <= NEEDLE_STEPS; i++) needle.point(i / NEEDLE_STEPS, out, o + 3 * i);
      },
      takes: (_k, instrument) => toolKind(instrument) === 'needle-driver',
      holder: () => needle.held,
    };
  }
  const bodies = attempt.world.objects;
  return {
    landmarks: bodies.map(() => 1),
    read: (out, o) => bodies.forEach((b, k) => out.set([b.position.x, b.position.y, b.position.z], o + 3 * k)),
    takes: () => true,
    holder: (k) =>
      HANDS.findIndex((_, h) => {
        const contact = scene?.contacts[h];
        return contact?.grasping && contact.part === k;
      }),
  };
}
