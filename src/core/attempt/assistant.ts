/**
 * The one-handed mode's assistant (docs/accessibility.md, "One-handed"): a deterministic input source at the input
 * boundary that takes the protocol's non-dominant hand. It reads the attempt's anatomy once, at its start (where the
 * protocol's `oneHanded.assistant.grasp` lies in this patient), and from then on its hand's input is a function of
 * the tick alone: it picks up its instrument, closes on that point, draws it by `retractMm` and holds it there, as a
 * first assistant holds a retraction. `merge` writes it over the learner's input for that hand before the simulation
 * ticks, so the recording holds it like any input and replay, verification and grading need nothing else.
 */
import { Button, type Hand, type HandInput, type ToolInput, type Vec3, restPose } from '../kernel/input.ts';
import { PORTS } from '../kernel/or-layout.ts';
import { TICK_HZ } from '../kernel/clock.ts';
import { assistantHand } from '../procedure/one-handed.ts';
import type { Protocol } from '../procedure/schema.ts';
import { throughPortToTip } from '../world/instruments/ports.ts';
import type { Scene } from '../world/scenes/index.ts';

type Assisting = NonNullable<Protocol['oneHanded']['assistant']>;

/**
 * The assistant's moves, from the attempt's start (seconds) and where to (metres from the point it takes): in over
 * it, onto its wall, the jaws closed, then the retraction. Like the expert's retraction, a hand still while its jaws
 * close, so the grasp takes before the pull.
 */
const APPROACH: Vec3 = [0.02, 0.03, 0];
const MOVES: readonly { t: number; at: 'approach' | 'near' | 'wall' | 'retracted'; jaw: number }[] = [
  { t: 0, at: 'approach', jaw: 0 },
  { t: 0.8, at: 'near', jaw: 0 },
  { t: 1.1, at: 'wall', jaw: 0 },
  { t: 1.3, at: 'wall', jaw: 1 },
  { t: 1.4, at: 'wall', jaw: 1 },
  { t: 2.2, at: 'retracted', jaw: 1 },
];
/** The buttons by which the learner declares or decides (recognisers/declare.ts): theirs from either hand. */
const DECLARATIONS = Button.secondary | Button.decide;
/** Just outside the wall, then on it: the jaws close on the wall from its side (metres, as APPROACH). */
const NEAR: Vec3 = [0.004, 0.002, 0];
const ON_WALL: Vec3 = [0.001, 0, 0];

export class Assistant {
  /** The hand the assistant takes (the protocol's non-dominant hand). */
  readonly hand: Hand;
  private readonly instrument: string;
  private readonly points: Record<(typeof MOVES)[number]['at'], Vec3>;

  /** Built before the attempt's first tick: it reads where the grasped structure lies at the start. */
  constructor(protocol: Protocol, scene: Scene | null) {
    const assistant = protocol.oneHanded.assistant;
    const hand = assistantHand(protocol);
    if (!protocol.oneHanded.allowed || !assistant || !hand) throw new Error(`${protocol.id} is not performed one-handed`);
    this.hand = hand;
    this.instrument = assistant.instrument;
    const wall = graspPoint(scene, assistant.grasp);
    const mm = (v: readonly number[]): Vec3 => [v[0]! / 1000, v[1]! / 1000, v[2]! / 1000];
    this.points = {
      approach: add(wall, APPROACH),
      near: add(wall, NEAR),
      wall: add(wall, ON_WALL),
      retracted: add(add(wall, ON_WALL), mm(assistant.retractMm)),
    };
  }

  /** The assistant's hand at `tick`, written into `out`. */
  handAt(tick: number, out: HandInput): HandInput {
    const t = tick / TICK_HZ;
    let k = 0;
    while (k + 1 < MOVES.length && MOVES[k + 1]!.t <= t) k++;
    const a = MOVES[k]!;
    const b = MOVES[k + 1] ?? a;
    const u = b.t > a.t ? (t - a.t) / (b.t - a.t) : 0;
    const from = this.points[a.at];
    const to = this.points[b.at];
    for (let i = 0; i < 3; i++) out.pose.position[i] = from[i]! + (to[i]! - from[i]!) * u;
    out.jaw = a.jaw + (b.jaw - a.jaw) * u;
    out.buttons = 0;
    out.instrument = this.instrument;
    // The shaft through the hand's port, rolled as the shortest turn from +z onto it (as the port's mappings give).
    shaftTowards(PORTS[this.hand].position, out.pose.position, out.pose.orientation);
    throughPortToTip(this.hand, out);
    return out;
  }

  /**
   * The input that reaches the simulation: the learner's, with the assistant's hand in place of theirs (their other
   * hand, a controller or the mouse, is ignored but for the declarations it holds: declaring the critical view and
   * deciding to bail out are the learner's, whichever hand's button gives them, and VR's decide button is on the left
   * controller). `out` is a different object from `learner`.
   */
  merge(learner: ToolInput, tick: number, out: ToolInput): ToolInput {
    const other: Hand = this.hand === 'left' ? 'right' : 'left';
    copyHand(learner.hands[other], out.hands[other]);
    out.hands[other].buttons |= learner.hands[this.hand].buttons & DECLARATIONS;
    this.handAt(tick, out.hands[this.hand]);
    if (learner.scope) out.scope = learner.scope;
    else delete out.scope;
    return out;
  }
}

/** A fresh input for `merge` to write into. */
export function assistedInput(): ToolInput {
  return {
    hands: {
      left: { pose: restPose('left'), jaw: 0, buttons: 0, instrument: null },
      right: { pose: restPose('right'), jaw: 0, buttons: 0, instrument: null },
    },
  };
}

/** The wall the assistant takes: the surface particle of the structure nearest the protocol's aim. */
function graspPoint(scene: Scene | null, grasp: Assisting['grasp']): Vec3 {
  if (scene?.name === 'hepatobiliary' && grasp.structure === 'gallbladder') {
    const { fundus, neck } = scene.anatomy.gallbladder;
    const aim: Vec3 = [0, 0, 0];
    for (let i = 0; i < 3; i++) aim[i] = fundus[i]! + (neck[i]! - fundus[i]!) * grasp.along + grasp.offsetMm[i]! / 1000;
    const q = scene.particles.pos;
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < scene.gallbladderCount; i++) {
      const d = Math.hypot(q[3 * i]! - aim[0], q[3 * i + 1]! - aim[1], q[3 * i + 2]! - aim[2]);
      if (d < bestD) [best, bestD] = [i, d];
    }
    return [q[3 * best]!, q[3 * best + 1]!, q[3 * best + 2]!];
  }
  throw new Error(`the assistant cannot take '${grasp.structure}' in the ${scene?.name ?? 'empty'} scene`);
}

function add(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];
}

/** The shortest rotation from +z onto the direction from `tip` to `port`, into `q`. */
function shaftTowards(port: readonly number[], tip: readonly number[], q: number[]): void {
  const d = [port[0]! - tip[0]!, port[1]! - tip[1]!, port[2]! - tip[2]!];
  const n = Math.hypot(d[0]!, d[1]!, d[2]!);
  const x = d[0]! / n;
  const y = d[1]! / n;
  const w = 1 + d[2]! / n;
  const m = Math.hypot(y, x, w);
  q[0] = -y / m;
  q[1] = x / m;
  q[2] = 0;
  q[3] = w / m;
}

function copyHand(from: HandInput, to: HandInput): void {
  for (let i = 0; i < 3; i++) to.pose.position[i] = from.pose.position[i]!;
  for (let i = 0; i < 4; i++) to.pose.orientation[i] = from.pose.orientation[i]!;
  to.jaw = from.jaw;
  to.buttons = from.buttons;
  to.instrument = from.instrument;
}
