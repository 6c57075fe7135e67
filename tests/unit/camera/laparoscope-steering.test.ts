import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { SCOPE_PORT, type ScopeInput, type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';
import type { Protocol } from '../../../src/core/procedure/index.ts';
import { Replayer, recordInputs } from '../../../src/core/recording/replayer.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { STEER_SPEED } from '../../../src/core/world/laparoscope.ts';
import { protocol } from '../../support/experts.ts';
import { TEST_INFO } from '../../support/recordings.ts';

const LAP_CHOLE = protocol('lap-chole-cvs');
const LEARNER_HELD: Protocol = { ...LAP_CHOLE, laparoscope: { ...LAP_CHOLE.laparoscope!, holder: 'learner' } };

const sub = (a: readonly number[], b: readonly number[]): number[] => a.map((v, i) => v - b[i]!);
const unit = (a: number[]): number[] => a.map((v) => v / Math.hypot(...a));
const angleDeg = (a: number[], b: number[]): number =>
  (Math.acos(
    Math.min(
      1,
      unit(a).reduce((s, v, i) => s + v * unit(b)[i]!, 0),
    ),
  ) *
    180) /
  Math.PI;

/** Both hands holding, the right tip at the worksite: the assistant has something to follow. */
function working(): ToolInput {
  const input = idleInput();
  input.hands.left.instrument = 'atraumatic-grasper';
  input.hands.right.instrument = 'maryland-dissector';
  input.hands.left.pose.position = [-0.03, 0.95, -0.45];
  input.hands.right.pose.position = [0.02, 0.94, -0.46];
  return input;
}

/** 0.5 s each: pan right, tilt up, zoom in, roll the optic, then a second of nothing (as a learner's keys give it). */
function steering(tick: number): ScopeInput | undefined {
  const phase = Math.floor(tick / 60);
  if (phase === 1) return { pan: 1, tilt: 0, zoom: 0, roll: 0 };
  if (phase === 2) return { pan: 0, tilt: 0.5, zoom: 0, roll: 0 };
  if (phase === 3) return { pan: 0, tilt: 0, zoom: 1, roll: 0 };
  if (phase === 4) return { pan: 0, tilt: 0, zoom: 0, roll: -1 };
  return undefined;
}
const TICKS = 6 * 60 + 120;

function source(): { ticks: number; inputAt: (t: number, out?: ToolInput) => ToolInput } {
  return {
    ticks: TICKS,
    inputAt: (t, out = idleInput()) => {
      const w = working();
      Object.assign(out.hands.left, w.hands.left);
      Object.assign(out.hands.right, w.hands.right);
      const s = steering(t);
      if (s) out.scope = s;
      else delete out.scope;
      return out;
    },
  };
}

function play(p: Protocol, ticks: number, scope: (t: number) => ScopeInput | undefined): Attempt {
  const attempt = new Attempt({ protocol: p, mode: 'assess', seed: 1 });
  const src = source();
  const input = idleInput();
  for (let t = 0; t < ticks; t++) {
    src.inputAt(t, input);
    const s = scope(t);
    if (s) input.scope = s;
    else delete input.scope;
    attempt.tick(input);
  }
  return attempt;
}

describe('the learner steers the laparoscope', () => {
  it('an assistant-held scope is taken over by the first steering input, without moving the picture', () => {
    const before = play(LAP_CHOLE, 60, () => undefined);
    const scope = before.world.laparoscope!;
    expect(scope.learnerHolds).toBe(false);
    const eye = [...scope.view.eye];
    const sight = sub(scope.view.target, scope.view.eye);
    // The smallest steer there is: one grid step of pan for one tick.
    const input = working();
    input.scope = { pan: 1 / 256, tilt: 0, zoom: 0, roll: 0 };
    before.tick(input);
    expect(scope.learnerHolds).toBe(true);
    expect(Math.hypot(...sub(scope.view.eye, eye))).toBeLessThan(1e-5);
    expect(angleDeg(sub(scope.view.target, scope.view.eye), sight)).toBeLessThan(0.01);
    // From now on the assistant does not follow: the tips move, the scope stays.
    const held = [...scope.view.eye];
    const moved = working();
    moved.hands.right.pose.position = [0.06, 0.95, -0.42];
    for (let t = 0; t < 60; t++) before.tick(moved);
    expect(scope.view.eye).toEqual(held);
  });

  it('integrates the rates at the fixed step: half a second at full pan turns the shaft 0.25 rad; the optic stays 30° off the shaft', () => {
    const attempt = play(LAP_CHOLE, 60, () => undefined);
    const scope = attempt.world.laparoscope!;
    const input = working();
    input.scope = { pan: 1 / 256, tilt: 0, zoom: 0, roll: 0 };
    attempt.tick(input);
    const start = scope.save().learner!;
    input.scope = { pan: 1, tilt: 0, zoom: 0, roll: 0 };
    for (let t = 0; t < 60; t++) attempt.tick(input);
    expect(scope.save().learner!.yaw - start.yaw).toBeCloseTo(0.5 * STEER_SPEED.pan, 12);
    input.scope = { pan: 0, tilt: 0, zoom: -1, roll: 1 };
    for (let t = 0; t < 60; t++) attempt.tick(input);
    const after = scope.save().learner!;
    expect(after.roll - start.roll).toBeCloseTo(0.5 * STEER_SPEED.roll, 12);
    expect(start.depth - after.depth).toBeCloseTo(0.5 * STEER_SPEED.zoom, 12);
    expect(angleDeg(sub(scope.view.eye, SCOPE_PORT), sub(scope.view.target, scope.view.eye))).toBeCloseTo(30, 9);
    // Rolled 45°, the optic looks to the shaft's side: the sight leaves the shaft's vertical plane by sin 30° · sin 45°.
    const shaft = sub(scope.view.eye, SCOPE_PORT);
    const side = unit([-shaft[2]!, 0, shaft[0]!]);
    const sight = unit(sub(scope.view.target, scope.view.eye));
    expect(sight.reduce((s, v, i) => s + v * side[i]!, 0)).toBeCloseTo(0.5 * Math.SQRT1_2, 9);
  });

  it('stays within its limits: the tip never goes back out through the port', () => {
    const attempt = play(LAP_CHOLE, 1, () => undefined);
    const input = working();
    input.scope = { pan: -1, tilt: 1, zoom: -1, roll: 0 };
    for (let t = 0; t < 120 * 10; t++) attempt.tick(input);
    const l = attempt.world.laparoscope!.save().learner!;
    expect(l.depth).toBeGreaterThan(0.019);
    expect(l.yaw).toBeCloseTo(-1.2, 12);
    expect(l.pitch).toBeCloseTo(0.15, 12);
  });

  it('holder: learner (protocol data) holds it from the start, where the assistant would have begun', () => {
    const learner = play(LEARNER_HELD, 1, () => undefined);
    const assistant = new Attempt({ protocol: LAP_CHOLE, mode: 'assess', seed: 1 });
    expect(learner.world.laparoscope!.learnerHolds).toBe(true);
    const a = assistant.world.laparoscope!.view;
    const l = learner.world.laparoscope!.view;
    expect(Math.hypot(...sub(l.eye, a.eye))).toBeLessThan(1e-12);
    expect(angleDeg(sub(l.target, l.eye), sub(a.target, a.eye))).toBeLessThan(1e-4);
    // Not steered, it stays where it is while the tips come in.
    const later = play(LEARNER_HELD, 240, () => undefined);
    expect(later.world.laparoscope!.view.eye).toEqual(l.eye);
  });

  it('is recorded in the .scrub tape and replays exactly (state hash, inputs on the grid); snapshots keep it', () => {
    const attempt = new Attempt({ protocol: LAP_CHOLE, mode: 'assess', seed: 1 });
    const bytes = recordInputs(attempt, 1, source(), { ...TEST_INFO, endedAt: null });
    const rec = readScrub(bytes);
    expect(rec.header.scope).toBe(true);
    expect(rec.inputAt(30).scope).toBeUndefined();
    expect(rec.inputAt(150).scope).toEqual({ pan: 0, tilt: 0.5, zoom: 0, roll: 0 });
    expect(rec.inputAt(250).scope).toEqual({ pan: 0, tilt: 0, zoom: 0, roll: -1 });
    const result = Replayer.load(bytes, LAP_CHOLE).verify({ snapshotEvery: 120 });
    expect(result.ok).toBe(true);
    expect(result.stateHash).toBe(attempt.stateHash());
    // Without the steering the run differs: the tape's steering channels are what made it.
    const unsteered = play(LAP_CHOLE, TICKS, () => undefined);
    unsteered.finish();
    expect(unsteered.stateHash()).not.toBe(attempt.stateHash());
    // Seeking restores a snapshot taken mid-steering and plays on to the same state.
    const replayer = Replayer.load(bytes, LAP_CHOLE);
    replayer.verify({ snapshotEvery: 100 });
    const seeked = replayer.seek(230).world.laparoscope!.save();
    const straight = play(LAP_CHOLE, 230, steering).world.laparoscope!.save();
    expect(seeked).toEqual(straight);
  });
});
