import type { Object3D } from 'three';
import type { Pose } from '../core/kernel/index.ts';
import { ButtonEdges, XrButton, handOf } from './controller-input.ts';
import { OriginFit } from './working-height.ts';

/** What the viewer asked of the replay in one XR frame; the caller carries it out, in order. */
export type ReplayXrCommand = 'playPause' | 'frameBack' | 'frameForward' | 'faster' | 'slower' | 'previousError' | 'nextError' | 'toggleView' | 'leaveVr';

/**
 * The replay's controller layout as the headset's legend lists it, one line each (`replayVr.controls.<line>`).
 * Right hand: playback; left hand: where to look and where to stand.
 */
export const REPLAY_XR_LEGEND = ['playPause', 'frameStep', 'speed', 'errors', 'view', 'tableHeight', 'leaveVr'] as const;

/** xr-standard thumbstick axes. */
const STICK_X = 2;
const STICK_Y = 3;
/** A thumbstick counts as pushed beyond this, and as back in the middle below `STICK_RELEASE` (no chatter at the edge). */
const STICK_PUSH = 0.6;
const STICK_RELEASE = 0.3;

/** Whether a thumbstick was pushed to one side since the last frame, per source, axis and side. */
export class StickEdges {
  private readonly out = new Map<string, boolean>();

  pushed(source: XRInputSource, axis: number, side: 1 | -1): boolean {
    const key = `${source.handedness}:${axis}:${side}`;
    const value = (source.gamepad?.axes[axis] ?? 0) * side;
    const before = this.out.get(key) ?? false;
    const now = before ? value > STICK_RELEASE : value > STICK_PUSH;
    this.out.set(key, now);
    return now && !before;
  }
}

/**
 * Reads each XRFrame while a replay is presented: puts the viewer (the XR origin) either standing at the table,
 * fitted to their own height as a trainee would be (the left thumbstick's up and down adjusts it), or with their
 * eyes where the trainee's were at the playhead (the recorded head position; the viewer's own head turns the
 * view, never the recording: turning someone's view for them makes them sick); and turns the controllers'
 * buttons and thumbsticks into replay commands. Only reads: the replay's state changes through the commands.
 */
export class ReplayXrReader {
  private readonly buttons = new ButtonEdges();
  private readonly sticks = new StickEdges();
  private readonly fit = new OriginFit();
  private readonly commands: ReplayXrCommand[] = [];

  constructor(private readonly laparoscopic: boolean) {}

  /**
   * Places `origin` for this frame (`head`: the trainee's recorded head pose to stand in, or null to stand at
   * the table) and returns the viewer's commands (valid until the next call).
   */
  read(frame: XRFrame, referenceSpace: XRReferenceSpace, origin: Object3D, head: Pose | null, delta: number): readonly ReplayXrCommand[] {
    const commands = this.commands;
    commands.length = 0;
    let tableStick = 0;
    for (const source of frame.session.inputSources) {
      const hand = handOf(source);
      if (!hand || source.hand) continue;
      const pressed = (button: number): boolean => this.buttons.pressed(source, button);
      if (hand === 'right') {
        if (pressed(XrButton.aX)) commands.push('playPause');
        if (this.sticks.pushed(source, STICK_X, 1)) commands.push('frameForward');
        if (this.sticks.pushed(source, STICK_X, -1)) commands.push('frameBack');
        // Thumbstick up is negative y.
        if (this.sticks.pushed(source, STICK_Y, -1)) commands.push('faster');
        if (this.sticks.pushed(source, STICK_Y, 1)) commands.push('slower');
      } else {
        if (this.sticks.pushed(source, STICK_X, 1)) commands.push('nextError');
        if (this.sticks.pushed(source, STICK_X, -1)) commands.push('previousError');
        if (pressed(XrButton.aX)) commands.push('toggleView');
        if (pressed(XrButton.bY)) commands.push('leaveVr');
        tableStick = source.gamepad?.axes[STICK_Y] ?? 0;
      }
    }
    const standing = this.fit.height(frame, referenceSpace, this.laparoscopic, tableStick, delta);
    const viewer = head ? frame.getViewerPose(referenceSpace) : null;
    if (head && viewer) {
      const p = viewer.transform.position;
      origin.position.set(head.position[0] - p.x, head.position[1] - p.y, head.position[2] - p.z);
    } else origin.position.set(0, standing, 0);
    origin.updateMatrixWorld();
    return commands;
  }
}
