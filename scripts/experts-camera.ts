/**
 * Camera navigation by script: the scope steered to centre each view target in turn. Per target, the pose that
 * puts it in the middle of the picture at `VIEW_DISTANCE` is solved for (a pattern search over the shaft's yaw,
 * pitch, depth and the optic's roll), then reached in three moves, each at constant rates: pull back to a safe
 * depth, turn (pan, tilt and roll together), push in; a last small correction from where the scope really is
 * (closed loop, on the input grid), then a still hold past the protocol's centring time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TICK_HZ } from '../src/core/kernel/clock.ts';
import { offCentre } from '../src/core/kernel/camera-view.ts';
import type { ScopeInput, Vec3 } from '../src/core/kernel/input.ts';
import { viewTargetsOf } from '../src/core/attempt/view-targets.ts';
import { loadProtocol } from '../src/core/procedure/index.ts';
import type { KeyframeScript, ScopeKeyframe } from '../src/core/recording/keyframes.ts';
import { Laparoscope, MIN_DEPTH, STEER_LIMITS, STEER_SPEED, type SteeredPose, steeredView } from '../src/core/world/laparoscope.ts';

const PROCEDURE = 'lap-camera-navigation';
/** Where the target is held: mid-way in the protocol's zoom band (m). */
const VIEW_DISTANCE = 0.08;
/** Depth the scope is pulled back to before turning, so the lens never sweeps near the floor (m). */
const SAFE_DEPTH = 0.08;
/** Still, once centred: the protocol's hold (1 s) and a margin. */
const HOLD_SECONDS = 1.25;
/** A pause between moves (s): an expert's hands are not instantaneous. */
const SETTLE_SECONDS = 0.2;
/** A target further off the picture's centre than this (rad) after a move is corrected. */
const CORRECT_ABOVE = (0.5 * Math.PI) / 180;
/** Steering rates are on the recording's grid (kernel/quantise.ts). */
const GRID = 256;

type Axis = keyof SteeredPose;
const AXES: readonly Axis[] = ['yaw', 'pitch', 'depth', 'roll'];
/** Full-deflection speed per tick of each axis, and the input it is driven by. */
const PER_TICK: Record<Axis, number> = {
  yaw: STEER_SPEED.pan / TICK_HZ,
  pitch: STEER_SPEED.tilt / TICK_HZ,
  depth: STEER_SPEED.zoom / TICK_HZ,
  roll: STEER_SPEED.roll / TICK_HZ,
};

/** A hand on the scope's controls: what it actually steers when it means `rates` (e.g. with a tremor); the plan corrects from where the scope went. */
export type SteeringHand = (rates: ScopeInput) => ScopeInput;

export function cameraNavigationExpert(hand?: SteeringHand): KeyframeScript {
  const file = join(import.meta.dirname, '../procedures', `${PROCEDURE}.yaml`);
  const loaded = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const protocol = loaded.protocol;
  const angle = ((protocol.laparoscope?.angleDeg ?? 30) * Math.PI) / 180;
  const scope = new Laparoscope({ holder: 'learner', angleDeg: protocol.laparoscope?.angleDeg ?? 30 });
  const frames: ScopeKeyframe[] = [];
  let tick = 0;
  const run = (rates: Record<Axis, number>, ticks: number): void => {
    const meant: ScopeInput = { pan: rates.yaw, tilt: -rates.pitch, zoom: rates.depth, roll: rates.roll };
    for (let i = 0; i < ticks; i++) {
      const input = hand ? hand(meant) : meant;
      const last = frames.at(-1);
      if (!last || last.pan !== input.pan || last.tilt !== input.tilt || last.zoom !== input.zoom || last.roll !== input.roll) {
        frames.push({ t: tick / TICK_HZ, ...input });
      }
      // The learner holds the scope, so the instruments are never read.
      scope.step(null!, input);
      tick++;
    }
  };
  const still = (seconds: number): void => run({ yaw: 0, pitch: 0, depth: 0, roll: 0 }, Math.round(seconds * TICK_HZ));
  /** One constant-rate move of the given axes to the goal: as long as the slowest axis needs at full speed. */
  const move = (goal: Partial<SteeredPose>): void => {
    const now = scope.save().learner!;
    const delta = Object.fromEntries(AXES.map((a) => [a, goal[a] === undefined ? 0 : goal[a]! - now[a]])) as Record<Axis, number>;
    const ticks = Math.ceil(Math.max(...AXES.map((a) => Math.abs(delta[a]) / PER_TICK[a])) - 1e-9);
    if (ticks <= 0) return;
    const rates = Object.fromEntries(AXES.map((a) => [a, Math.round((delta[a] / (ticks * PER_TICK[a])) * GRID) / GRID])) as Record<Axis, number>;
    run(rates, ticks);
    still(SETTLE_SECONDS);
  };

  for (const target of viewTargetsOf(protocol)) {
    const from = scope.save().learner!;
    const goal = solvePose(target.position, angle, from);
    if (from.depth > SAFE_DEPTH) move({ depth: SAFE_DEPTH });
    move({ yaw: goal.yaw, pitch: goal.pitch, roll: goal.roll });
    move({ depth: goal.depth });
    // Closed loop, by sight: what the grid (or the hand) left over, from where the scope is.
    for (let k = 0; k < 3 && offCentre(scope.view, target.position).angle > CORRECT_ABOVE; k++) move(solvePose(target.position, angle, scope.save().learner!));
    const { angle: off } = offCentre(scope.view, target.position);
    if (off > (1 * Math.PI) / 180) throw new Error(`${target.id}: ${((off * 180) / Math.PI).toFixed(2)}° off centre after the moves`);
    still(HOLD_SECONDS);
  }
  return {
    format: 'scrub-keyframes',
    version: 1,
    procedure: PROCEDURE,
    seed: 1,
    variant: 'standard',
    description: 'Camera navigation, expert: for each target, pull back, turn the shaft and the optic towards it, push in to centre it, hold still.',
    duration: tick / TICK_HZ,
    hands: { left: [], right: [] },
    scope: frames,
  };
}

/**
 * The pose that has the target on the line of sight `VIEW_DISTANCE` from the eye, within the steering limits:
 * a pattern search from the pose the scope has (each axis stepped both ways, steps halved when none helps), the
 * optic's roll changed as little as it can be.
 */
function solvePose(target: readonly number[], angle: number, from: SteeredPose): SteeredPose {
  const eye: Vec3 = [0, 0, 0];
  const sight: Vec3 = [0, 0, 0];
  const cost = (p: SteeredPose): number => {
    steeredView(p, angle, VIEW_DISTANCE, eye, sight);
    const miss = Math.hypot(sight[0] - target[0]!, sight[1] - target[1]!, sight[2] - target[2]!);
    return miss * miss + 1e-6 * (p.roll - from.roll) ** 2;
  };
  const clamp = (p: SteeredPose): SteeredPose => ({
    yaw: Math.max(-STEER_LIMITS.yaw, Math.min(STEER_LIMITS.yaw, p.yaw)),
    pitch: Math.max(STEER_LIMITS.pitchMin, Math.min(STEER_LIMITS.pitchMax, p.pitch)),
    depth: Math.max(MIN_DEPTH, Math.min(STEER_LIMITS.depthMax, p.depth)),
    roll: p.roll,
  });
  let best = { ...from };
  let bestCost = cost(best);
  // Start also from the optic turned each quarter, so a wall behind the current view is found.
  for (const turn of [Math.PI / 2, -Math.PI / 2, Math.PI]) {
    const start = { ...from, roll: from.roll + turn };
    if (cost(start) < bestCost) {
      best = start;
      bestCost = cost(start);
    }
  }
  const step: Record<Axis, number> = { yaw: 0.2, pitch: 0.2, depth: 0.05, roll: 0.4 };
  while (Math.max(...AXES.map((a) => step[a])) > 1e-7) {
    let improved = false;
    for (const a of AXES) {
      for (const sign of [1, -1]) {
        const trial = clamp({ ...best, [a]: best[a] + sign * step[a] });
        const c = cost(trial);
        if (c < bestCost) {
          best = trial;
          bestCost = c;
          improved = true;
        }
      }
    }
    if (!improved) for (const a of AXES) step[a] /= 2;
  }
  if (Math.sqrt(bestCost) > 0.002)
    throw new Error(`no pose centres the target [${target.join(', ')}] (misses by ${(Math.sqrt(bestCost) * 1000).toFixed(1)} mm)`);
  return best;
}
