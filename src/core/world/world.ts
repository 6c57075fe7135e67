import type { Body } from 'cannon-es';
import { TICK_HZ, tickToSeconds } from '../kernel/clock.ts';
import { StateHasher } from '../kernel/hash.ts';
import { HANDS, type Hand, type ToolInput, idleInput } from '../kernel/input.ts';
import { Rng, type RngState } from '../kernel/rng.ts';
import { TABLE_CENTRE, TABLE_SIZE, WORKSITE } from '../kernel/or-layout.ts';
import { RigidWorld } from './physics/rigid-world.ts';
import { type InstrumentState, applyHandInput, copyInstrumentState, createInstrumentState } from './instruments/instrument-state.ts';
import { type Scene, type SceneInstruments, type SceneName, type SceneSpec, createScene, sceneSpec } from './scenes/index.ts';
import type { SceneState } from './tissue/state-book.ts';
import { Laparoscope, type LaparoscopeSpec, type LaparoscopeState } from './laparoscope.ts';

export interface WorldOptions {
  /** Seed of the virtual patient and of every random choice in the run. */
  seed: number;
  /** The scene to build (anatomy, tissue, rigid bodies); none gives the skeleton's placeholder boxes. */
  scene?: SceneName | SceneSpec | undefined;
  /** A held laparoscope (a camera assistant's or the learner's); none: the theatre's fixed one (or-layout LAPAROSCOPE), which is no state. */
  laparoscope?: LaparoscopeSpec | undefined;
}

export const TIP_RADIUS = 0.004;
const OBJECT_HALF = 0.012;

/** Everything needed to resume a run exactly at a tick. Plain data: JSON-serialisable. */
export interface WorldSnapshot {
  version: 1;
  seed: number;
  tick: number;
  rng: RngState;
  hands: Record<Hand, InstrumentState>;
  /** Per body of the world (static ones too: cannon can put them to sleep) in insertion order: position (3), quaternion (4), velocity (3), angular velocity (3). */
  bodies: number[][];
  /** Per body: sleep state and time it last became sleepy. */
  sleep: number[][];
  worldTime: number;
  /** The scene's own state (particles, topology, grasps…), when there is a scene. */
  scene?: SceneState;
  /** The held laparoscope's state, when there is one. */
  laparoscope?: LaparoscopeState;
}

/**
 * The physical world of one attempt: the instruments in the trainee's hands, the scene (tissue, thread,
 * objects) and the rigid bodies. `tick(input)` is the only way its state changes; the same seed and the
 * same inputs give bit-identical states, in the browser, in Node tests and in the headless grader.
 * What the world means for the procedure (actions, steps, errors) is the attempt's job (core/attempt).
 */
export class World {
  readonly seed: number;
  readonly rng: Rng;
  readonly rigid = new RigidWorld();
  /** State after the latest tick. */
  readonly hands: Record<Hand, InstrumentState>;
  /** State after the tick before: the recognisers compare it with `hands` (a jaw that just closed, a tip's sweep). */
  readonly previousHands: Record<Hand, InstrumentState>;
  /** Loose objects on the worksite: the scene's movable bodies, or the skeleton's placeholder boxes. */
  readonly objects: Body[] = [];
  /** The scene, read-only for views (render parts, particles, contacts, events), or null. */
  readonly scene: Scene | null;
  /** The held laparoscope, or null where the camera is fixed. */
  readonly laparoscope: Laparoscope | null;
  /** Kinematic bodies that carry each instrument tip into the rigid world. */
  readonly tipBodies: Record<Hand, Body>;
  /** What the scene reads each tick, built once so that a tick allocates nothing. */
  private readonly sceneInstruments: SceneInstruments;
  private tickCount = 0;

  constructor(options: WorldOptions) {
    this.seed = options.seed >>> 0;
    this.rng = new Rng(this.seed);
    const idle = idleInput();
    this.hands = {
      left: createInstrumentState('left', idle.hands.left),
      right: createInstrumentState('right', idle.hands.right),
    };
    this.previousHands = {
      left: createInstrumentState('left', idle.hands.left),
      right: createInstrumentState('right', idle.hands.right),
    };

    const halfTable: [number, number, number] = [TABLE_SIZE[0] / 2, TABLE_SIZE[1] / 2, TABLE_SIZE[2] / 2];
    this.rigid.addStaticBox({ halfExtents: halfTable, position: TABLE_CENTRE });
    this.scene = options.scene === undefined ? null : createScene(sceneSpec(options.scene), this.seed, this.rigid);
    if (this.scene) this.objects.push(...this.scene.bodies);
    else this.addPlaceholderObjects();
    this.sceneInstruments = { current: this.hands, previous: this.previousHands };
    this.laparoscope = options.laparoscope ? new Laparoscope(options.laparoscope) : null;
    this.tipBodies = {
      left: this.rigid.addInstrumentTip(TIP_RADIUS, this.hands.left.tip),
      right: this.rigid.addInstrumentTip(TIP_RADIUS, this.hands.right.tip),
    };
  }

  /** The skeleton's loose boxes, when no scene is given; the seed decides where they lie. */
  private addPlaceholderObjects(): void {
    for (let i = 0; i < 6; i++) {
      const x = WORKSITE[0] - 0.1 + (i % 3) * 0.1 + this.rng.range(-0.01, 0.01);
      const z = WORKSITE[2] - 0.05 + Math.floor(i / 3) * 0.1 + this.rng.range(-0.01, 0.01);
      this.objects.push(
        this.rigid.addDynamicBox({
          halfExtents: [OBJECT_HALF, OBJECT_HALF, OBJECT_HALF],
          position: [x, WORKSITE[1] + OBJECT_HALF + 0.002, z],
          mass: 0.02,
        }),
      );
    }
  }

  /** Ticks run so far. */
  get ticks(): number {
    return this.tickCount;
  }

  /** Simulated seconds so far. */
  get time(): number {
    return tickToSeconds(this.tickCount);
  }

  /** Advances the world by one fixed step under this tick's input. The only way the state changes. */
  tick(input: ToolInput): void {
    for (const hand of HANDS) {
      copyInstrumentState(this.hands[hand], this.previousHands[hand]);
      applyHandInput(this.hands[hand], input.hands[hand]);
      this.driveTip(this.tipBodies[hand], this.hands[hand]);
    }
    this.scene?.step(this.sceneInstruments);
    this.rigid.step();
    this.laparoscope?.step(this.hands, input.scope);
    this.tickCount++;
  }

  /** Kinematic tip: velocity that reaches the target in one step, so contacts push objects properly. */
  private driveTip(body: Body, state: InstrumentState): void {
    const inv = TICK_HZ;
    body.velocity.set((state.tip[0] - body.position.x) * inv, (state.tip[1] - body.position.y) * inv, (state.tip[2] - body.position.z) * inv);
  }

  snapshot(): WorldSnapshot {
    const copyHand = (s: InstrumentState): InstrumentState => ({
      ...s,
      tip: [...s.tip],
      orientation: [...s.orientation],
    });
    return {
      version: 1,
      seed: this.seed,
      tick: this.tickCount,
      rng: this.rng.getState(),
      hands: { left: copyHand(this.hands.left), right: copyHand(this.hands.right) },
      bodies: this.rigid.world.bodies.map((b) => [
        b.position.x,
        b.position.y,
        b.position.z,
        b.quaternion.x,
        b.quaternion.y,
        b.quaternion.z,
        b.quaternion.w,
        b.velocity.x,
        b.velocity.y,
        b.velocity.z,
        b.angularVelocity.x,
        b.angularVelocity.y,
        b.angularVelocity.z,
      ]),
      sleep: this.rigid.world.bodies.map((b) => [b.sleepState, b.timeLastSleepy]),
      worldTime: this.rigid.world.time,
      ...(this.scene ? { scene: this.scene.snapshot() } : {}),
      ...(this.laparoscope ? { laparoscope: this.laparoscope.save() } : {}),
    };
  }

  restore(snapshot: WorldSnapshot): void {
    if (snapshot.seed !== this.seed) {
      throw new Error(`snapshot is of seed ${snapshot.seed}, this simulation has seed ${this.seed}`);
    }
    const bodies = this.rigid.world.bodies;
    if (snapshot.bodies.length !== bodies.length) {
      throw new Error(`snapshot has ${snapshot.bodies.length} bodies, the scene has ${bodies.length}`);
    }
    if (this.scene) {
      if (!snapshot.scene) throw new Error(`snapshot has no scene state, this simulation has scene ${this.scene.name}`);
      // First: a scene may switch bodies between dynamic and kinematic, which the body restore below reads.
      this.scene.restore(snapshot.scene);
    }
    if (this.laparoscope) {
      if (!snapshot.laparoscope) throw new Error('snapshot has no laparoscope state, this simulation has a held laparoscope');
      this.laparoscope.load(snapshot.laparoscope);
    }
    this.tickCount = snapshot.tick;
    this.rng.setState(snapshot.rng);
    for (const hand of HANDS) {
      copyInstrumentState(snapshot.hands[hand], this.hands[hand]);
      copyInstrumentState(snapshot.hands[hand], this.previousHands[hand]);
    }
    bodies.forEach((b, i) => {
      const v = snapshot.bodies[i] as number[];
      const s = snapshot.sleep[i] as number[];
      b.position.set(v[0]!, v[1]!, v[2]!);
      b.previousPosition.copy(b.position);
      b.quaternion.set(v[3]!, v[4]!, v[5]!, v[6]!);
      b.previousQuaternion.copy(b.quaternion);
      b.velocity.set(v[7]!, v[8]!, v[9]!);
      b.angularVelocity.set(v[10]!, v[11]!, v[12]!);
      b.sleepState = s[0]! as typeof b.sleepState;
      b.timeLastSleepy = s[1]!;
      b.aabbNeedsUpdate = true;
      // Derived state cannon keeps between steps: recompute it, or the next step differs in the last bits.
      b.updateInertiaWorld(true);
      b.updateSolveMassProperties();
    });
    this.rigid.world.time = snapshot.worldTime;
  }

  /** Hash of the whole state, bit for bit: equal hashes mean identical runs. */
  stateHash(): string {
    const h = new StateHasher().number(this.tickCount).numbers(this.rng.getState());
    for (const hand of HANDS) {
      const s = this.hands[hand];
      h.string(s.instrument ?? '')
        .numbers(s.tip)
        .numbers(s.orientation)
        .number(s.jaw)
        .number(s.buttons);
    }
    for (const b of this.rigid.bodies) {
      h.number(b.position.x).number(b.position.y).number(b.position.z);
      h.number(b.quaternion.x).number(b.quaternion.y).number(b.quaternion.z).number(b.quaternion.w);
      h.number(b.velocity.x).number(b.velocity.y).number(b.velocity.z);
      h.number(b.angularVelocity.x).number(b.angularVelocity.y).number(b.angularVelocity.z);
      h.number(b.sleepState);
    }
    this.scene?.hash(h);
    this.laparoscope?.hash(h);
    return h.digest();
  }
}
