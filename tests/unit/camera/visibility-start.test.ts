import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { inFrustum } from '../../../src/core/kernel/camera-view.ts';
import { type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';
import { protocol } from '../../support/experts.ts';

/** Lap-chole as the app starts it: each hand holding the protocol's first instrument for it, resting beside its port. */
function start(): { attempt: Attempt; input: ToolInput } {
  const attempt = new Attempt({ protocol: protocol('lap-chole-cvs'), mode: 'assess', seed: 1 });
  const input = idleInput();
  input.hands.left.instrument = 'atraumatic-grasper';
  input.hands.right.instrument = 'maryland-dissector';
  return { attempt, input };
}

const outOfView = (a: Attempt): number => a.findingLog.filter((f) => f.type === 'error' && f.code === 'instrument-out-of-view').length;

describe('instrument-out-of-view: a tip leaves only a view it has been in', () => {
  it('the resting hands, out of the picture, raise no note at the start', () => {
    const { attempt, input } = start();
    for (let t = 0; t < 240; t++) attempt.tick(input);
    expect(inFrustum(attempt.world.laparoscope!.view, attempt.world.hands.left.tip)).toBe(false);
    expect(outOfView(attempt)).toBe(0);
  });

  it('a tip that came into view and then left it is still noted; taken up again, it starts afresh', () => {
    const { attempt, input } = start();
    // Only the right hand holds: the assistant's scope finds its tip, then the tip is swept out of its picture.
    input.hands.left.instrument = null;
    input.hands.right.pose.position = [0.0, 0.95, -0.45];
    for (let t = 0; t < 60; t++) attempt.tick(input);
    expect(inFrustum(attempt.world.laparoscope!.view, attempt.world.hands.right.tip)).toBe(true);
    // Lifted out above the scope faster than the assistant follows (a sixtieth of the way a tick).
    input.hands.right.pose.position = [0.0, 1.4, -0.1];
    for (let t = 0; t < 20; t++) attempt.tick(input);
    expect(inFrustum(attempt.world.laparoscope!.view, attempt.world.hands.right.tip)).toBe(false);
    expect(outOfView(attempt)).toBe(1);
    // Put down and taken up again out of view: not a second lapse until it has been in view.
    input.hands.right.instrument = null;
    attempt.tick(input);
    input.hands.right.instrument = 'maryland-dissector';
    for (let t = 0; t < 60 * 15; t++) attempt.tick(input);
    expect(outOfView(attempt)).toBe(1);
  });
});
