/** The replay in the headset: the session's error jumps and view choice, and the controllers' commands (docs/replay.md). */
import { describe, expect, it } from 'vitest';
import { Group } from 'three';
import { Replayer } from '../../../src/core/recording/replayer.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { ReplaySession } from '../../../src/app/replay-session.ts';
import { ReplayXrReader } from '../../../src/xr/replay-controls.ts';
import { XrButton } from '../../../src/xr/controller-input.ts';
import { originHeightFor } from '../../../src/xr/working-height.ts';
import { protocol } from '../../support/experts.ts';
import { recordScript } from '../../support/recordings.ts';

describe('ReplaySession in the headset', () => {
  it('jumps to the next and previous error marker from the playhead, and pauses', async () => {
    const { bytes } = recordScript('fls-peg-transfer.drop-out-of-view');
    const session = new ReplaySession(Replayer.of(readScrub(bytes), protocol('fls-peg-transfer')), { kind: 'script', name: 'drop' });
    await session.start();
    const marks = session.errorTicks;
    expect(marks.length).toBeGreaterThan(0);
    expect(marks).toEqual(session.report!.errors.map((e) => Math.round(e.t * 120) + 1).sort((a, b) => a - b));
    session.setPlaying(true);
    expect(session.jumpToError(1)).toBe(true);
    expect([session.tick, session.playing]).toEqual([marks[0], false]);
    expect(session.jumpToError(-1)).toBe(false);
    expect(session.tick).toBe(marks[0]);
    session.seek(session.ticks);
    expect(session.jumpToError(1)).toBe(false);
    expect(session.jumpToError(-1)).toBe(true);
    expect(session.tick).toBe(marks[marks.length - 1]);
    // A script has no head poses: the headset's view stays at the table.
    session.toggleHeadView();
    expect(session.view).toBe('orbit');
    // Recording and verifying 3.5 s of the FLS scene: ≈ 4.5 s alone, more on a loaded machine.
  }, 20_000);
});

type Pad = { buttons: { pressed: boolean }[]; axes: number[] };
function source(handedness: 'left' | 'right', pad: Pad): XRInputSource {
  return { handedness, gamepad: pad } as unknown as XRInputSource;
}
function pad(): Pad {
  return { buttons: Array.from({ length: 6 }, () => ({ pressed: false })), axes: [0, 0, 0, 0] };
}
function frame(sources: XRInputSource[], eye: { x: number; y: number; z: number }): XRFrame {
  const session = { inputSources: sources };
  return { session, getViewerPose: () => ({ transform: { position: eye } }) } as unknown as XRFrame;
}

describe('ReplayXrReader', () => {
  const space = {} as XRReferenceSpace;
  const eye = { x: 0.1, y: 1.7, z: 0.2 };

  it('turns presses and stick pushes into commands once per press', () => {
    const right = pad();
    const left = pad();
    const f = frame([source('right', right), source('left', left)], eye);
    const reader = new ReplayXrReader(true);
    const origin = new Group();
    const read = () => [...reader.read(f, space, origin, null, 1 / 60)];
    expect(read()).toEqual([]);
    right.buttons[XrButton.aX]!.pressed = true;
    right.axes[2] = 0.9;
    expect(read()).toEqual(['playPause', 'frameForward']);
    // Held: nothing more; a stick between the release and the push thresholds still counts as pushed.
    right.axes[2] = 0.45;
    expect(read()).toEqual([]);
    right.buttons[XrButton.aX]!.pressed = false;
    right.axes[2] = 0;
    right.axes[3] = -1;
    expect(read()).toEqual(['faster']);
    right.axes[3] = 0;
    left.axes[2] = -1;
    left.buttons[XrButton.aX]!.pressed = true;
    expect(read()).toEqual(['previousError', 'toggleView']);
    left.axes[2] = 0;
    left.buttons[XrButton.aX]!.pressed = false;
    left.buttons[XrButton.bY]!.pressed = true;
    expect(read()).toEqual(['leaveVr']);
    // Standing at the table: the floor fitted to the viewer's eyes, as a trainee's.
    expect(origin.position.toArray()).toEqual([0, originHeightFor(eye.y, true), 0]);
  });

  it("in the trainee's head, puts the viewer's eyes at the recorded head position", () => {
    const reader = new ReplayXrReader(false);
    const origin = new Group();
    const head = { position: [0.3, 1.9, -0.1] as [number, number, number], orientation: [0, 0, 0, 1] as [number, number, number, number] };
    reader.read(frame([], eye), space, origin, head, 1 / 60);
    const [x, y, z] = origin.position.toArray();
    expect([x + eye.x, y + eye.y, z + eye.z].map((v) => Number(v.toFixed(9)))).toEqual(head.position);
  });
});
