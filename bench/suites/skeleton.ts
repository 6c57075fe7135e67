import { World, Body, Box, Sphere, Vec3, NaiveBroadphase, GSSolver } from 'cannon-es';
import type { Suite } from '../harness.ts';
import { Simulation, TICK_HZ, idleInput, FIXED_DT, TABLE_CENTRE, TABLE_SIZE } from '../../src/core/sim/index.ts';
import { TIP_RADIUS } from '../../src/core/sim/simulation.ts';

/** The skeleton scene's tick, with the right instrument sweeping across the objects. */
function skeletonTick(): () => void {
  const sim = new Simulation({ seed: 1 });
  const input = idleInput();
  input.hands.right.jaw = 1;
  return () => {
    const t = sim.ticks / TICK_HZ;
    input.hands.right.pose.position = [0.12 * Math.sin(t * 1.3), 0.915, -0.45 + 0.08 * Math.cos(t * 0.9)];
    sim.tick(input);
  };
}

/** A bare cannon-es world with the same bodies, stepped the same way: the floor under the skeleton's cost. */
function bareCannonStep(): () => void {
  const world = new World({ gravity: new Vec3(0, -9.81, 0), allowSleep: true });
  world.broadphase = new NaiveBroadphase();
  (world.solver as GSSolver).iterations = 10;
  world.addBody(new Body({ mass: 0, shape: new Box(new Vec3(TABLE_SIZE[0] / 2, TABLE_SIZE[1] / 2, TABLE_SIZE[2] / 2)), position: new Vec3(...TABLE_CENTRE) }));
  for (let i = 0; i < 6; i++) {
    world.addBody(new Body({ mass: 0.02, shape: new Box(new Vec3(0.012, 0.012, 0.012)), position: new Vec3(-0.1 + (i % 3) * 0.1, 0.914, -0.5 + Math.floor(i / 3) * 0.1), sleepSpeedLimit: 0.02, sleepTimeLimit: 0.5 }));
  }
  const tip = new Body({ mass: 0, type: Body.KINEMATIC, shape: new Sphere(TIP_RADIUS), position: new Vec3(0.12, 1.05, -0.35) });
  world.addBody(tip);
  world.addBody(new Body({ mass: 0, type: Body.KINEMATIC, shape: new Sphere(TIP_RADIUS), position: new Vec3(-0.12, 1.05, -0.35) }));
  let tick = 0;
  return () => {
    const t = tick++ / TICK_HZ;
    tip.velocity.set((0.12 * Math.sin(t * 1.3) - tip.position.x) * TICK_HZ, (0.915 - tip.position.y) * TICK_HZ, (-0.45 + 0.08 * Math.cos(t * 0.9) - tip.position.z) * TICK_HZ);
    world.step(FIXED_DT);
  };
}

export const suite: Suite = {
  benchmarks: [
    { name: 'tick.skeleton', setup: skeletonTick, samples: 1200, warmup: 240 },
    { name: 'cannon.skeleton-bodies', setup: bareCannonStep, samples: 1200, warmup: 240 },
  ],
  ratios: [{ name: 'tick.skeleton/cannon', numerator: 'tick.skeleton', denominator: 'cannon.skeleton-bodies' }],
};
