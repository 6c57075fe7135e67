import { Body, Box, Sphere, Vec3 as CVec3, World, GSSolver, NaiveBroadphase } from 'cannon-es';
import { FIXED_DT } from '../../kernel/clock.ts';

/** Collision groups: instruments touch the world but never each other. */
export const Group = {
  static: 1 << 0,
  object: 1 << 1,
  instrument: 1 << 2,
} as const;

export interface BoxSpec {
  halfExtents: [number, number, number];
  position: [number, number, number];
  mass: number;
}

/**
 * A cannon-es world set up for replay: fixed solver iterations, one-argument steps only, bodies kept
 * in insertion order (cannon iterates its arrays in that order, so the same order gives the same result).
 */
export class RigidWorld {
  readonly world: World;
  /** Dynamic and kinematic bodies whose state is part of a snapshot, in a fixed order. */
  readonly bodies: Body[] = [];

  constructor() {
    this.world = new World({ gravity: new CVec3(0, -9.81, 0), allowSleep: true });
    this.world.broadphase = new NaiveBroadphase();
    const solver = new GSSolver();
    solver.iterations = 10;
    solver.tolerance = 1e-7;
    this.world.solver = solver;
  }

  addStaticBox(spec: Omit<BoxSpec, 'mass'>): Body {
    return this.addStatic(
      new Body({
        mass: 0,
        type: Body.STATIC,
        shape: new Box(new CVec3(...spec.halfExtents)),
        position: new CVec3(...spec.position),
        collisionFilterGroup: Group.static,
        collisionFilterMask: Group.object | Group.instrument,
      }),
    );
  }

  /** Adds a fixed body built elsewhere (e.g. a peg); fixed bodies are not part of a snapshot. */
  addStatic(body: Body): Body {
    this.world.addBody(body);
    return body;
  }

  addDynamicBox(spec: BoxSpec): Body {
    const body = new Body({
      mass: spec.mass,
      shape: new Box(new CVec3(...spec.halfExtents)),
      position: new CVec3(...spec.position),
      collisionFilterGroup: Group.object,
      collisionFilterMask: Group.static | Group.object | Group.instrument,
      sleepSpeedLimit: 0.02,
      sleepTimeLimit: 0.5,
      linearDamping: 0.2,
      angularDamping: 0.2,
    });
    this.world.addBody(body);
    this.bodies.push(body);
    return body;
  }

  /** Adds a movable body built elsewhere (e.g. a compound), keeping it in the snapshot order. */
  addBody(body: Body): Body {
    this.world.addBody(body);
    this.bodies.push(body);
    return body;
  }

  /** A kinematic sphere that follows an instrument tip and pushes objects, never instruments. */
  addInstrumentTip(radius: number, position: [number, number, number]): Body {
    const body = new Body({
      mass: 0,
      type: Body.KINEMATIC,
      shape: new Sphere(radius),
      position: new CVec3(...position),
      collisionFilterGroup: Group.instrument,
      collisionFilterMask: Group.static | Group.object,
      allowSleep: false,
    });
    this.world.addBody(body);
    this.bodies.push(body);
    return body;
  }

  /** One fixed step. Never the 3-argument form: it bails out on wall-clock time. */
  step(): void {
    this.world.step(FIXED_DT);
  }
}
