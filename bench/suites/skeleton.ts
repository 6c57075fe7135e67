import type { Suite } from '../harness.ts';
import { FIXED_DT, TICK_HZ, idleInput } from '../../src/core/kernel/index.ts';
import { World } from '../../src/core/world/world.ts';

/** The skeleton scene's tick, with the right instrument sweeping across the objects. */
function skeletonTick(): () => void {
  const sim = new World({ seed: 1 });
  const input = idleInput();
  input.hands.right.jaw = 1;
  return () => {
    const t = sim.ticks / TICK_HZ;
    input.hands.right.pose.position = [0.12 * Math.sin(t * 1.3), 0.915, -0.45 + 0.08 * Math.cos(t * 0.9)];
    sim.tick(input);
  };
}

/**
 * The same world stepped bare: the skeleton's own cannon-es world, with the tip body driven along the
 * same path, but none of the simulation's per-tick work around the step.
 */
function bareCannonStep(): () => void {
  const sim = new World({ seed: 1 });
  const tip = sim.tipBodies.right;
  let tick = 0;
  return () => {
    const t = tick++ / TICK_HZ;
    tip.velocity.set(
      (0.12 * Math.sin(t * 1.3) - tip.position.x) * TICK_HZ,
      (0.915 - tip.position.y) * TICK_HZ,
      (-0.45 + 0.08 * Math.cos(t * 0.9) - tip.position.z) * TICK_HZ,
    );
    sim.rigid.world.step(FIXED_DT);
  };
}

export const suite: Suite = {
  benchmarks: [
    { name: 'tick.skeleton', setup: skeletonTick, runsPerSample: 20, samples: 300, warmup: 200 },
    { name: 'cannon.skeleton-bodies', setup: bareCannonStep, runsPerSample: 20, samples: 300, warmup: 200 },
  ],
  ratios: [{ name: 'tick.skeleton/cannon', numerator: 'tick.skeleton', denominator: 'cannon.skeleton-bodies' }],
};
