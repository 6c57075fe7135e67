import type { Suite } from '../harness.ts';
import { FIXED_DT, TICK_HZ, type ToolInput, idleInput } from '../../src/core/kernel/index.ts';
import { World } from '../../src/core/world/world.ts';
import type { Vec3 } from '../../src/core/kernel/input.ts';
import type { HepatobiliaryScene, PegboardScene, SkinPadScene, SceneSpec } from '../../src/core/world/scenes/index.ts';

type Path = (tick: number, input: ToolInput) => void;

function set(v: Vec3, x: number, y: number, z: number): void {
  v[0] = x;
  v[1] = y;
  v[2] = z;
}

/** A scene's full tick (instruments, tissue, contacts, rigid step) along a scripted path. */
function sceneTick(spec: SceneSpec, prepare: (sim: World, input: ToolInput) => Path): () => () => void {
  return () => {
    const sim = new World({ seed: 1, scene: spec });
    const input = idleInput();
    const path = prepare(sim, input);
    return () => {
      path(sim.ticks, input);
      sim.tick(input);
    };
  };
}

/** The same scene's cannon-es world stepped bare, its tip bodies driven along the same path. */
function bareCannon(spec: SceneSpec, prepare: (sim: World, input: ToolInput) => Path): () => () => void {
  return () => {
    const sim = new World({ seed: 1, scene: spec });
    const input = idleInput();
    const path = prepare(sim, input);
    let tick = sim.ticks;
    return () => {
      path(tick++, input);
      for (const hand of ['left', 'right'] as const) {
        const body = sim.tipBodies[hand];
        const p = input.hands[hand].pose.position;
        body.velocity.set((p[0] - body.position.x) * TICK_HZ, (p[1] - body.position.y) * TICK_HZ, (p[2] - body.position.z) * TICK_HZ);
      }
      sim.rigid.world.step(FIXED_DT);
    };
  };
}

const SKIN: SceneSpec = { name: 'skin-pad', variant: { kind: 'intact' } };

/**
 * Skin pad with a cut in progress and a thread through two punctures: the right scalpel draws lines
 * 3 mm deep at 1 cm/s, a fresh line 1 cm further each 10 s; the left needle driver holds the needle
 * and pulls the thread up and down.
 */
function skinPath(sim: World, input: ToolInput): Path {
  const scene = sim.scene as SkinPadScene;
  const [cx, top, cz] = scene.anatomy.centre;
  const cols = scene.anatomy.cols;
  const mid = scene.sheetFirst + Math.floor(scene.anatomy.rows / 2) * cols + Math.floor(cols / 2);
  scene.threadThrough([mid - cols * 6 - 3, mid - cols * 6 + 3]);
  const grip: Vec3 = [scene.needle.pose[0]!, scene.needle.pose[1]!, scene.needle.pose[2]!];
  input.hands.left.instrument = 'needle-driver';
  input.hands.left.pose.position = grip;
  for (let i = 0; i < 20; i++) {
    input.hands.left.jaw = i < 2 ? 0 : 1;
    sim.tick(input);
  }
  input.hands.right.instrument = 'scalpel';
  const start = sim.ticks;
  return (tick, inp) => {
    const t = (tick - start) / TICK_HZ;
    const line = Math.floor(t / 10);
    set(inp.hands.right.pose.position, cx - 0.05 + 0.01 * (t % 10), top - 0.003, cz - 0.035 + 0.01 * (line % 8));
    set(inp.hands.left.pose.position, grip[0], grip[1] + 0.02 + 0.015 * Math.sin(t), grip[2] - 0.02);
  };
}

/** Cholecystectomy with retraction: the left grasper holds the infundibulum and swings it laterally, the right dissector probes the triangle. */
function lapCholePath(sim: World, input: ToolInput): Path {
  const scene = sim.scene as HepatobiliaryScene;
  const n = 3 * (scene.gallbladderCount - 1);
  const neck: Vec3 = [scene.particles.pos[n]!, scene.particles.pos[n + 1]!, scene.particles.pos[n + 2]!];
  input.hands.left.instrument = 'atraumatic-grasper';
  input.hands.left.pose.position = [...neck];
  for (let i = 0; i < 20; i++) {
    input.hands.left.jaw = i < 2 ? 0 : 1;
    sim.tick(input);
  }
  input.hands.right.instrument = 'maryland-dissector';
  const o = scene.anatomy.origin;
  const start = sim.ticks;
  return (tick, inp) => {
    const t = (tick - start) / TICK_HZ;
    const swing = 0.5 - 0.5 * Math.cos(t * 0.8);
    set(inp.hands.left.pose.position, neck[0] + 0.02 * swing, neck[1] + 0.01 * swing, neck[2] + 0.005 * swing);
    set(
      inp.hands.right.pose.position,
      o[0] - 0.015 + 0.012 * Math.sin(t * 1.1),
      o[1] + 0.016 + 0.004 * Math.sin(t * 2.3),
      o[2] + 0.02 + 0.012 * Math.cos(t * 0.7),
    );
  };
}

/** Peg transfer with both graspers: the left carries a ring around in the air, the right sweeps over the others. */
function pegPath(sim: World, input: ToolInput): Path {
  const scene = sim.scene as PegboardScene;
  const ring = scene.bodies[0]!;
  const mid = (scene.layout.ring.outer + scene.layout.ring.inner) / 4;
  const grab: Vec3 = [ring.position.x, ring.position.y, ring.position.z + mid];
  input.hands.left.instrument = 'grasper';
  input.hands.right.instrument = 'grasper';
  input.hands.left.pose.position = [...grab];
  input.hands.right.pose.position = [0.1, 1.0, -0.45];
  for (let i = 0; i < 20; i++) {
    input.hands.left.jaw = i < 2 ? 0 : 1;
    sim.tick(input);
  }
  const start = sim.ticks;
  const top = scene.layout.boardTop;
  return (tick, inp) => {
    const t = (tick - start) / TICK_HZ;
    set(inp.hands.left.pose.position, grab[0] + 0.03 * Math.sin(t), top + 0.05 + 0.01 * Math.sin(2 * t), grab[2] + 0.02 * Math.cos(t));
    set(inp.hands.right.pose.position, -0.08 + 0.05 * Math.sin(t * 0.7), top + 0.004 + 0.004 * Math.sin(t * 1.9), -0.45 + 0.03 * Math.cos(t * 0.5));
  };
}

const LAP_CHOLE: SceneSpec = {
  name: 'hepatobiliary',
  variant: { arteryPosition: 'anterior', doubleCysticArtery: false, shortCysticDuct: false, moreFat: true },
};
const PEG: SceneSpec = { name: 'pegboard' };
const timing = { runsPerSample: 10, samples: 300, warmup: 100 } as const;

export const suite: Suite = {
  benchmarks: [
    { name: 'tick.skin', setup: sceneTick(SKIN, skinPath), ...timing },
    { name: 'cannon.skin-bodies', setup: bareCannon(SKIN, skinPath), ...timing },
    { name: 'tick.lap-chole', setup: sceneTick(LAP_CHOLE, lapCholePath), ...timing },
    { name: 'cannon.lap-chole-bodies', setup: bareCannon(LAP_CHOLE, lapCholePath), ...timing },
    { name: 'tick.fls-peg', setup: sceneTick(PEG, pegPath), ...timing },
    { name: 'cannon.fls-peg-bodies', setup: bareCannon(PEG, pegPath), ...timing },
  ],
  ratios: [
    { name: 'tick.skin/cannon', numerator: 'tick.skin', denominator: 'cannon.skin-bodies' },
    { name: 'tick.lap-chole/cannon', numerator: 'tick.lap-chole', denominator: 'cannon.lap-chole-bodies' },
    { name: 'tick.fls-peg/cannon', numerator: 'tick.fls-peg', denominator: 'cannon.fls-peg-bodies' },
  ],
};
