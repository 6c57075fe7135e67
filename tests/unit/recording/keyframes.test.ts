import { describe, expect, it } from 'vitest';
import { KeyframePlayer, type KeyframeScript, parseKeyframeScript, slerp } from '../../../src/core/recording/keyframes.ts';
import { Button, type Quat, TICK_HZ, restPose } from '../../../src/core/kernel/index.ts';

const QUARTER_TURN_Y: Quat = [0, Math.SQRT1_2, 0, Math.SQRT1_2];

function script(hands: KeyframeScript['hands'], extra: Partial<KeyframeScript> = {}): KeyframeScript {
  return parseKeyframeScript({ format: 'scrub-keyframes', version: 1, procedure: 'p', seed: 1, hands, ...extra });
}

describe('keyframe scripts: parsing', () => {
  it('accepts a minimal script', () => {
    expect(script({ left: [], right: [{ t: 0, position: [0, 1, 0], jaw: 0 }] }).hands.right).toHaveLength(1);
  });

  it.each([
    [
      'time going backwards',
      {
        left: [
          { t: 1, position: [0, 0, 0], jaw: 0 },
          { t: 0.5, position: [0, 0, 0], jaw: 0 },
        ],
        right: [],
      },
      'hands.left.1.t',
    ],
    ['a jaw beyond 1', { left: [{ t: 0, position: [0, 0, 0], jaw: 2 }], right: [] }, 'hands.left.0.jaw'],
    ['a zero quaternion', { left: [{ t: 0, position: [0, 0, 0], orientation: [0, 0, 0, 0], jaw: 0 }], right: [] }, 'hands.left.0.orientation'],
    ['an unknown field', { left: [{ t: 0, position: [0, 0, 0], jaw: 0, grip: 1 }], right: [] }, 'hands.left.0'],
    ['a two-element position', { left: [{ t: 0, position: [0, 0], jaw: 0 }], right: [] }, 'hands.left.0.position'],
  ])('rejects %s, naming where', (_name, hands, path) => {
    expect(() => parseKeyframeScript({ format: 'scrub-keyframes', version: 1, procedure: 'p', seed: 1, hands })).toThrow(path);
  });

  it('rejects another format', () => {
    expect(() => parseKeyframeScript({ format: 'x', version: 1, procedure: 'p', seed: 1, hands: { left: [], right: [] } })).toThrow('format');
  });
});

describe('keyframe scripts: playing', () => {
  const player = new KeyframePlayer(
    script({
      left: [
        { t: 0, position: [0, 1, 0], jaw: 0, instrument: 'grasper-left' },
        { t: 1, position: [0.1, 1, -0.2], orientation: QUARTER_TURN_Y, jaw: 1, buttons: Button.secondary },
        { t: 2, position: [0.1, 1, -0.2], jaw: 0.5, instrument: null },
      ],
      right: [],
    }),
  );

  it('plays every tick up to and including the last keyframe', () => {
    expect(player.ticks).toBe(2 * TICK_HZ + 1);
  });

  it('interpolates position and jaw linearly between keyframes', () => {
    const input = player.inputAt(TICK_HZ / 2);
    expect(input.hands.left.pose.position[0]).toBeCloseTo(0.05, 12);
    expect(input.hands.left.pose.position[2]).toBeCloseTo(-0.1, 12);
    expect(input.hands.left.jaw).toBeCloseTo(0.5, 12);
  });

  it('slerps the orientation from identity (the default) to the next one', () => {
    const q = player.inputAt(TICK_HZ / 2).hands.left.pose.orientation;
    const eighth = Math.PI / 8;
    expect(q[1]).toBeCloseTo(Math.sin(eighth), 12);
    expect(q[3]).toBeCloseTo(Math.cos(eighth), 12);
  });

  it('holds a left-out orientation, and holds buttons and instrument from their keyframe on', () => {
    const mid = player.inputAt(TICK_HZ / 2).hands.left;
    expect(mid.buttons).toBe(0);
    expect(mid.instrument).toBe('grasper-left');
    const later = player.inputAt(1.5 * TICK_HZ).hands.left;
    expect(later.pose.orientation.map((x) => Number(x.toFixed(12)))).toEqual(QUARTER_TURN_Y.map((x) => Number(x.toFixed(12))));
    expect(later.buttons).toBe(Button.secondary);
    expect(later.instrument).toBe('grasper-left');
    expect(player.inputAt(2 * TICK_HZ).hands.left.instrument).toBeNull();
  });

  it('holds the last keyframe after the end; a hand with no keyframes rests, empty', () => {
    const after = player.inputAt(10 * TICK_HZ);
    expect(after.hands.left.pose.position).toEqual([0.1, 1, -0.2]);
    expect(after.hands.left.jaw).toBe(0.5);
    expect(after.hands.right).toEqual({ pose: restPose('right'), jaw: 0, buttons: 0, instrument: null });
  });

  it('a duration overrides the last keyframe time', () => {
    const s = script({ left: [{ t: 0, position: [0, 0, 0], jaw: 0 }], right: [] }, { duration: 0.5 });
    expect(new KeyframePlayer(s).ticks).toBe(61);
  });

  it('is pure: the same tick gives the same input, in any order, into a reused object', () => {
    const reused = player.inputAt(0);
    const a = JSON.stringify(player.inputAt(137, reused));
    player.inputAt(3, reused);
    expect(JSON.stringify(player.inputAt(137))).toBe(a);
  });
});

describe('slerp', () => {
  it('takes the shorter arc and stays unit length', () => {
    const a: Quat = [0, 0, 0, 1];
    const b: Quat = [0, 0, 0, -1];
    expect(slerp(a, b, 0.5)).toEqual([0, 0, 0, 1]);
    const q = slerp([0, 0, 0, 1], [1, 0, 0, 0], 0.3);
    expect(Math.hypot(...q)).toBeCloseTo(1, 12);
    expect(q[0]).toBeCloseTo(Math.sin((0.3 * Math.PI) / 2), 12);
  });
});

describe('keyframe scripts: the laparoscope steering track', () => {
  const scope = [
    { t: 0.5, pan: 1, tilt: 0, zoom: 0, roll: 0 },
    { t: 1, pan: 0, tilt: -0.5, zoom: 0.25, roll: 0 },
  ];

  it('holds each rate from its keyframe to the next (not blended), none before the first; plays to its last keyframe', () => {
    const player = new KeyframePlayer(script({ left: [], right: [] }, { scope }));
    expect(player.ticks).toBe(TICK_HZ + 1);
    expect(player.inputAt(0).scope).toBeUndefined();
    expect(player.inputAt(0.75 * TICK_HZ).scope).toEqual({ pan: 1, tilt: 0, zoom: 0, roll: 0 });
    expect(player.inputAt(TICK_HZ - 1).scope).toEqual({ pan: 1, tilt: 0, zoom: 0, roll: 0 });
    expect(player.inputAt(TICK_HZ).scope).toEqual({ pan: 0, tilt: -0.5, zoom: 0.25, roll: 0 });
    // A reused input goes back to not steering before the first keyframe.
    const out = player.inputAt(TICK_HZ);
    expect(player.inputAt(0, out).scope).toBeUndefined();
  });

  it.each([
    ['time going backwards', [scope[1], scope[0]], 'scope.1.t'],
    ['a rate beyond full speed', [{ t: 0, pan: 1.5, tilt: 0, zoom: 0, roll: 0 }], 'scope.0.pan'],
  ])('rejects %s', (_, frames, path) => {
    expect(() => script({ left: [], right: [] }, { scope: frames as KeyframeScript['scope'] })).toThrow(path);
  });
});
