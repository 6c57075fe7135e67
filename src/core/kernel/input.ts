/**
 * ToolInput: the one input type of the simulation. VR controllers, mouse and keyboard, and recordings
 * all produce it, one per tick; nothing else reaches the simulation.
 */
export type Hand = 'left' | 'right';
export const HANDS: readonly Hand[] = ['left', 'right'];

export type Vec3 = [number, number, number];
/** A position that is only read. */
export type Point = readonly [number, number, number];
/** Unit quaternion, x y z w (three.js order). */
export type Quat = [number, number, number, number];

export interface Pose {
  position: Vec3;
  orientation: Quat;
}

/** Button bits, shared by every input path. */
export const Button = {
  /** Primary action besides the jaws (e.g. energy activation, like a foot pedal). */
  activate: 1 << 0,
  /** Pick an instrument from the tray or hand it back. */
  pick: 1 << 1,
  /** Secondary (e.g. declare, menu). */
  secondary: 1 << 2,
  /** Held: the trainee makes a decision (the bail-out: stop, subtotal cholecystectomy or call for help). */
  decide: 1 << 3,
} as const;

export interface HandInput {
  /** Pose of the instrument's tip frame, in metres, world space. */
  pose: Pose;
  /** Jaw / trigger closure, 0 open … 1 closed. */
  jaw: number;
  /** Bitmask of {@link Button}. */
  buttons: number;
  /** Instrument held in this hand, or null for an empty hand. */
  instrument: string | null;
}

/**
 * Steering of a held laparoscope, as rates, each −1 … 1 of its full speed (world/laparoscope.ts): the shaft
 * pivots in its port (pan: to the right; tilt: up), slides along its axis (zoom: in) and the angled optic
 * turns about it (roll: its view swings to the right). All zero, or absent: not steering.
 */
export interface ScopeInput {
  pan: number;
  tilt: number;
  zoom: number;
  roll: number;
}

export interface ToolInput {
  hands: Record<Hand, HandInput>;
  /** The learner steering the laparoscope this tick (protocols with a held one); absent: not steering. */
  scope?: ScopeInput;
}

/** Whether a tick's input steers the laparoscope at all. */
export function steers(scope: ScopeInput | undefined): scope is ScopeInput {
  return scope !== undefined && (scope.pan !== 0 || scope.tilt !== 0 || scope.zoom !== 0 || scope.roll !== 0);
}

export function restPose(hand: Hand): Pose {
  return { position: [hand === 'left' ? -0.12 : 0.12, 1.05, -0.35], orientation: [0, 0, 0, 1] };
}

export function idleInput(): ToolInput {
  return {
    hands: {
      left: { pose: restPose('left'), jaw: 0, buttons: 0, instrument: null },
      right: { pose: restPose('right'), jaw: 0, buttons: 0, instrument: null },
    },
  };
}
