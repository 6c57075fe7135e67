import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveSession } from '../../../src/app/live-session.ts';
import type { CameraView } from '../../../src/core/kernel/camera-view.ts';
import type { Protocol } from '../../../src/core/procedure/index.ts';
import { DesktopInput } from '../../../src/input/desktop-input.ts';
import { KeyboardInput } from '../../../src/input/keyboard.ts';
import { DEFAULT_KEYMAP } from '../../../src/input/keymap.ts';
import { drawnLaparoscopeView, scratchView } from '../../../src/views/laparoscope-view.ts';
import { protocol } from '../../support/experts.ts';

const LAP_CHOLE = protocol('lap-chole-cvs');
/** Lap-chole as an instructor may set it (docs/accessibility.md): a left-handed learner gets the mirrored patient. */
const MIRRORED_LAP_CHOLE: Protocol = { ...LAP_CHOLE, handedness: { ...LAP_CHOLE.handedness, leftHanded: 'mirror' } };
const STEERING_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', '=', '-', ',', '.'];

/** The picture the learner sees after holding `key` for a second, in a session of `protocol` for this learner. */
function steered(p: Protocol, handedness: 'left' | 'right', key: string, options: { mirrorKeys?: boolean } = {}): CameraView {
  const session = new LiveSession({ protocol: p, mode: 'practice', seed: 1, handedness });
  const keys = new KeyboardInput(DEFAULT_KEYMAP, new DesktopInput(session.mirrored), session.input, p.instruments, {
    steerable: session.steerable,
    mirrored: options.mirrorKeys ?? session.mirrored,
  });
  expect(keys.down(key)).toMatchObject({ kind: 'steer' });
  session.stepTicks(120);
  expect(session.world.laparoscope!.learnerHolds).toBe(true);
  const seen = drawnLaparoscopeView(session.world, session.mirrored, scratchView());
  return { ...seen, eye: [...seen.eye], target: [...seen.target] };
}

function expectSameView(a: CameraView, b: CameraView): void {
  for (let k = 0; k < 3; k++) {
    expect(a.eye[k]).toBeCloseTo(b.eye[k]!, 12);
    expect(a.target[k]).toBeCloseTo(b.target[k]!, 12);
  }
}

describe('steering the laparoscope from the keyboard, performed mirrored', () => {
  it.each(STEERING_KEYS)('%s moves the picture the left-handed learner sees as it moves the standard picture', (key) => {
    expectSameView(steered(MIRRORED_LAP_CHOLE, 'left', key), steered(MIRRORED_LAP_CHOLE, 'right', key));
  });

  it('left and right are told apart: unmirrored keys would pan (and turn the optic) the picture the wrong way', () => {
    const standardLeft = steered(MIRRORED_LAP_CHOLE, 'right', 'ArrowLeft');
    expect(Math.abs(standardLeft.target[0] - steered(MIRRORED_LAP_CHOLE, 'right', 'ArrowRight').target[0])).toBeGreaterThan(0.01);
    expect(Math.abs(standardLeft.target[0] - steered(MIRRORED_LAP_CHOLE, 'left', 'ArrowLeft', { mirrorKeys: false }).target[0])).toBeGreaterThan(0.01);
    const standardOptic = steered(MIRRORED_LAP_CHOLE, 'right', ',');
    expect(Math.abs(standardOptic.target[0] - steered(MIRRORED_LAP_CHOLE, 'left', ',', { mirrorKeys: false }).target[0])).toBeGreaterThan(0.001);
  });

  it('the shipped lap-chole keeps the standard layout for a left-handed learner: its keys steer as for anyone', () => {
    expect(new LiveSession({ protocol: LAP_CHOLE, mode: 'practice', seed: 1, handedness: 'left' }).mirrored).toBe(false);
    expectSameView(steered(LAP_CHOLE, 'left', 'ArrowLeft'), steered(LAP_CHOLE, 'right', 'ArrowLeft'));
  });

  it('guard: the shipped protocols with a scope the learner steers (lap-chole, the camera drill) do not mirror (docs/accessibility.md)', () => {
    const shipped = readdirSync(join(import.meta.dirname, '../../../procedures')).filter((f) => f.endsWith('.yaml'));
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    const steerable = shipped.map((f) => protocol(f.replace(/\.yaml$/, ''))).filter((p) => p.laparoscope !== undefined);
    expect(steerable.map((p) => [p.id, p.handedness.leftHanded])).toEqual([
      ['lap-camera-navigation', 'standard'],
      ['lap-chole-cvs', 'standard'],
    ]);
  });
});
