import { describe, expect, it } from 'vitest';
import { Euler, Matrix4, Object3D, Quaternion, Vector3 } from 'three';
import { Button, type Vec3, idleInput } from '../../../src/core/kernel/index.ts';
import { GRIP_TO_TIP, XrButton } from '../../../src/xr/controller-input.ts';
import { XrFrameReader } from '../../../src/xr/frame-reader.ts';
import { originHeightFor } from '../../../src/xr/working-height.ts';

/** A controller held at `grip` (in the floor's space, pointing along −z) with these buttons down. */
function controller(handedness: 'left' | 'right', grip: Vec3, down: number[] = [], stickY = 0, stickX = 0) {
  const buttons = Array.from({ length: 6 }, (_, i) => ({ pressed: down.includes(i), value: down.includes(i) ? 1 : 0 }));
  return { handedness, grip, gripSpace: {}, gamepad: { buttons, axes: [0, 0, stickX, stickY] } };
}
type Controller = ReturnType<typeof controller>;

/** An XRFrame of `session` with these controllers, the viewer's eyes `eye` metres above the floor. */
function frame(session: object, sources: Controller[], eye = 1.7): XRFrame {
  const translation = ([x, y, z]: Vec3) => new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1]);
  return {
    session: Object.assign(session, { inputSources: sources }),
    getPose: (space: object) => ({ transform: { matrix: translation(sources.find((s) => s.gripSpace === space)!.grip) } }),
    getViewerPose: () => ({ transform: { position: { x: 0, y: eye, z: 0 } } }),
  } as unknown as XRFrame;
}

/** Poses arrive as Float32Arrays. */
const near = (v: Vec3): unknown[] => v.map((x) => expect.closeTo(x, 6));

const space = {} as XRReferenceSpace;
const open = [{ id: 'needle-driver' }, { id: 'adson-forceps' }];

function setup(instruments = open, options: ConstructorParameters<typeof XrFrameReader>[1] = {}) {
  const input = idleInput();
  return { reader: new XrFrameReader(instruments, options), origin: new Object3D(), input, hands: input, session: {} };
}

describe('XrFrameReader', () => {
  it('fits the floor to the trainee’s eye height (laparoscopy: handles at the elbow), and reads each controller’s tip', () => {
    const { reader, origin, hands, session } = setup();
    reader.read(frame(session, [controller('right', [0.1, 1, -0.2])], 1.6), space, origin, hands, 1 / 60);
    expect(origin.position.y).toBeCloseTo(originHeightFor(1.6, false));
    expect(hands.hands.right.pose.position).toEqual(near([0.1, 1 + origin.position.y, -0.2 - GRIP_TO_TIP]));

    const lap = setup([{ id: 'grasper-left' }]);
    lap.reader.read(frame(lap.session, [], 1.6), space, lap.origin, lap.hands, 1 / 60);
    expect(lap.origin.position.y).toBeCloseTo(originHeightFor(1.6, true));
  });

  it('fits a learner who said they work seated as seated, though their eyes are at a standing height', () => {
    const seated = setup(open, { posture: 'seated' });
    seated.reader.read(frame(seated.session, [], 1.5), space, seated.origin, seated.hands, 1 / 60);
    expect(seated.origin.position.y).toBeCloseTo(originHeightFor(1.5, false, 'seated'));
    expect(seated.origin.position.y).toBeGreaterThan(originHeightFor(1.5, false) + 0.1);
  });

  it('the left thumbstick raises the table (the floor sinks) from the fit', () => {
    const { reader, origin, hands, session } = setup();
    reader.read(frame(session, []), space, origin, hands, 0);
    const fitted = origin.position.y;
    reader.read(frame(session, [controller('left', [0, 1, 0], [], 1)]), space, origin, hands, 0.5);
    expect(origin.position.y).toBeGreaterThan(fitted);
  });

  it('squeeze picks once per press, where the hand is; a controller’s pick calls the nurse away from the tray', () => {
    const { reader, origin, hands, session } = setup();
    const squeezed = (): Controller => controller('right', [0.1, 1, -0.2], [XrButton.squeeze]);
    const first = reader.read(frame(session, [squeezed()]), space, origin, hands, 0);
    expect(first).toEqual([{ kind: 'pick', hand: 'right', at: near([0.1, 1 + origin.position.y, -0.2]), nurse: true }]);
    expect(reader.read(frame(session, [squeezed()]), space, origin, hands, 0)).toEqual([]);
    reader.read(frame(session, [controller('right', [0.1, 1, -0.2])]), space, origin, hands, 0);
    expect(reader.read(frame(session, [squeezed()]), space, origin, hands, 0)).toHaveLength(1);
  });

  it('B pauses and A finishes (right); Y leaves VR (left); X does nothing', () => {
    const { reader, origin, hands, session } = setup();
    const commands = reader.read(
      frame(session, [controller('right', [0, 1, 0], [XrButton.bY, XrButton.aX]), controller('left', [0, 1, 0], [XrButton.bY, XrButton.aX])]),
      space,
      origin,
      hands,
      0,
    );
    expect(commands.map((c) => c.kind)).toEqual(['pause', 'finish', 'leaveVr']);
  });

  it('a held laparoscope: the right thumbstick pans and tilts it, the left one sideways zooms; at rest (within the dead zone), no steering', () => {
    const { reader, origin, input, session } = setup([{ id: 'maryland-dissector' }], { steerable: true });
    reader.read(frame(session, [controller('right', [0, 1, 0], [], -1, 0.6), controller('left', [0, 1, 0], [], 0, -1)]), space, origin, input, 0);
    expect(input.scope).toEqual({ pan: expect.closeTo(0.5, 12), tilt: 1, zoom: -1, roll: 0 });
    reader.read(frame(session, [controller('right', [0, 1, 0], [], 0.1, -0.15)]), space, origin, input, 0);
    expect(input.scope).toBeUndefined();
    // Without a held laparoscope the sticks steer nothing.
    const fixed = setup([{ id: 'grasper-left' }]);
    fixed.reader.read(frame(fixed.session, [controller('right', [0, 1, 0], [], -1, 1)]), space, fixed.origin, fixed.input, 0);
    expect(fixed.input.scope).toBeUndefined();
  });
});

describe('XrFrameReader, mirrored (a left-handed learner)', () => {
  /** A frame whose controllers are held at full poses (position and a turn), in the floor's space. */
  function posedFrame(session: object, sources: { handedness: 'left' | 'right'; matrix: Matrix4; down?: number[] }[]): XRFrame {
    const inputSources = sources.map((s) => ({ ...controller(s.handedness, [0, 0, 0], s.down ?? []), matrix: s.matrix }));
    return {
      session: Object.assign(session, { inputSources }),
      getPose: (space: object) => ({ transform: { matrix: new Float32Array(inputSources.find((s) => s.gripSpace === space)!.matrix.elements) } }),
      getViewerPose: () => ({ transform: { position: { x: 0, y: 1.7, z: 0 } } }),
    } as unknown as XRFrame;
  }
  const turn = new Quaternion().setFromEuler(new Euler(-0.7, 0.4, 0.2));
  const grip = new Matrix4().compose(new Vector3(-0.09, 1.02, -0.3), turn, new Vector3(1, 1, 1));
  const reflect = new Matrix4().makeScale(-1, 1, 1);
  /** The mirror image of the grip: what a right-handed trainee would do with the other hand. */
  const reflectedGrip = reflect.clone().multiply(grip).multiply(reflect);

  it.each([
    ['open instruments', open],
    ['laparoscopic ones, through the other port', [{ id: 'grasper-left' }, { id: 'grasper-right' }]],
  ])('drives the other hand’s instrument (%s) exactly as the mirror-image movement of that hand would', (_, instruments) => {
    const mirrored = setup(instruments, { mirrored: true });
    const standard = setup(instruments);
    for (const s of [mirrored, standard]) {
      s.hands.hands.left.instrument = instruments[0]!.id;
      s.hands.hands.right.instrument = instruments[1]!.id;
    }
    mirrored.reader.read(posedFrame(mirrored.session, [{ handedness: 'left', matrix: grip }]), space, mirrored.origin, mirrored.hands, 0);
    standard.reader.read(posedFrame(standard.session, [{ handedness: 'right', matrix: reflectedGrip }]), space, standard.origin, standard.hands, 0);
    expect(mirrored.origin.position.y).toBe(standard.origin.position.y);
    // The left controller moved the simulation's right hand; the left hand is where it was.
    expect(mirrored.hands.hands.left.pose).toEqual(idleInput().hands.left.pose);
    expect(mirrored.hands.hands.right.pose.position).toEqual(near(standard.hands.hands.right.pose.position));
    const q = mirrored.hands.hands.right.pose.orientation;
    expect(Math.abs(new Quaternion(...q).dot(new Quaternion(...standard.hands.hands.right.pose.orientation)))).toBeCloseTo(1, 6);
    // And it is the reflection of the physical tip: x negated.
    expect(mirrored.hands.hands.right.pose.position[0]).toBeGreaterThan(0);
  });

  it('keeps the buttons where they are: B on the right controller pauses, X on the left decides, whichever hand each drives', () => {
    const mirrored = setup(open, { mirrored: true });
    const commands = mirrored.reader.read(
      posedFrame(mirrored.session, [
        { handedness: 'right', matrix: grip, down: [XrButton.bY, XrButton.squeeze] },
        { handedness: 'left', matrix: grip, down: [XrButton.aX] },
      ]),
      space,
      mirrored.origin,
      mirrored.hands,
      0,
    );
    expect(commands.map((c) => c.kind)).toEqual(['pick', 'pause']);
    expect(commands[0]).toMatchObject({ kind: 'pick', hand: 'left' });
    expect(mirrored.hands.hands.right.buttons & Button.decide).toBe(Button.decide);
    expect(mirrored.hands.hands.left.buttons & Button.decide).toBe(0);
  });
});
