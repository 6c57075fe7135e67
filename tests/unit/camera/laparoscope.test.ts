import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../src/core/attempt/attempt.ts';
import { inFrustum } from '../../../src/core/kernel/camera-view.ts';
import { SCOPE_PORT, idleInput } from '../../../src/core/kernel/index.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { attemptFor, expertScript } from '../../support/experts.ts';

const script = expertScript('lap-chole-cvs');

/** Plays the lap-chole expert script, calling `each` after every tick. */
function playEach(each: (attempt: Attempt, tick: number) => void): Attempt {
  const attempt = attemptFor(script);
  const player = new KeyframePlayer(script);
  const input = idleInput();
  for (let tick = 0; tick < player.ticks; tick++) {
    attempt.tick(player.inputAt(tick, input));
    each(attempt, tick);
  }
  attempt.finish();
  return attempt;
}

const sub = (a: readonly number[], b: readonly number[]): number[] => a.map((v, i) => v - b[i]!);
const angleDeg = (a: number[], b: number[]): number =>
  (Math.acos((a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!) / (Math.hypot(...a) * Math.hypot(...b))) * 180) / Math.PI;

describe('the assistant-held 30° laparoscope (lap-chole)', () => {
  let outOfView = 0;
  let held = 0;
  let eyeTravel = 0;
  let angleError = 0;
  const poses: number[][] = [];
  let previousEye: number[] | null = null;
  const attempt = playEach((a, tick) => {
    const scope = a.world.laparoscope!;
    const right = a.world.hands.right;
    if (right.instrument !== null) {
      held++;
      if (!inFrustum(scope.view, right.tip)) outOfView++;
    }
    const eye = [...scope.view.eye];
    if (previousEye) eyeTravel += Math.hypot(...sub(eye, previousEye));
    previousEye = eye;
    angleError = Math.max(angleError, Math.abs(angleDeg(sub(scope.view.eye, SCOPE_PORT), sub(scope.view.target, scope.view.eye)) - 30));
    if (tick % 60 === 0) poses.push([...scope.view.eye, ...scope.view.target]);
  });

  it('is the protocol’s camera: the world holds it and moves it', () => {
    expect(attempt.world.laparoscope).not.toBeNull();
    expect(eyeTravel).toBeGreaterThan(0.05);
  });

  it('keeps the working (right-hand) tip in its picture at every tick of the expert script', () => {
    expect(held).toBeGreaterThan(2000);
    expect(outOfView).toBe(0);
    expect(attempt.report().metrics.motion?.hands.right?.out_of_view_time_s).toBe(0);
  });

  it('looks 30° off its shaft, which pivots in the camera port', () => {
    expect(angleError).toBeLessThan(1e-9);
  });

  it('moves the same way when the same inputs are replayed, and resumes the same from a snapshot', () => {
    let middle: ReturnType<Attempt['snapshot']> | null = null;
    const again: number[][] = [];
    const replayed = playEach((a, tick) => {
      if (tick === 1500) middle = a.snapshot();
      if (tick % 60 === 0) again.push([...a.world.laparoscope!.view.eye, ...a.world.laparoscope!.view.target]);
    });
    expect(again).toEqual(poses);
    expect(replayed.stateHash()).toBe(attempt.stateHash());

    const resumed = attemptFor(script);
    resumed.restore(middle!);
    const player = new KeyframePlayer(script);
    const input = idleInput();
    for (let tick = 1501; tick < player.ticks; tick++) resumed.tick(player.inputAt(tick, input));
    resumed.finish();
    expect(resumed.world.laparoscope!.view).toEqual(attempt.world.laparoscope!.view);
    expect(resumed.stateHash()).toBe(attempt.stateHash());
  }, 120_000);
});

describe('the fixed laparoscope stays the default', () => {
  it('a protocol without `laparoscope` (FLS peg transfer) has no held scope', () => {
    expect(attemptFor(expertScript('fls-peg-transfer')).world.laparoscope).toBeNull();
  });
});
