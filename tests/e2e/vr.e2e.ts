import { Quaternion, Vector3 } from 'three';
import { describe, expect, inject, it } from 'vitest';
import { type TestBrowser, browserForSuite } from './support/browser.ts';
import { appState, screenshotColours, waitForTicks } from './support/app.ts';
import { calibrateGrips, controllerAtGrip, dispatchAll, gripPoses, xrOrigin } from './support/vr-drive.ts';
import { trayPlace } from '../../src/core/world/instruments/tray.ts';
import { WORKSITE } from '../../src/core/kernel/index.ts';
import { PINCH_TO_TIP } from '../../src/xr/controller-input.ts';
import { OPEN_WORKSITE_BELOW_ELBOW, elbowHeight, originHeightFor } from '../../src/xr/working-height.ts';
import type { ReplayView } from '../../src/dev/test-hook.ts';

type Device = { remote: { dispatch(method: string, params?: Record<string, unknown>): Promise<unknown> }; position: { y: number } };
type HandInputView = { position: number[]; orientation: number[]; jaw: number; instrument: string | null };
type Hook = { xrDevice: Device; input(): Record<'left' | 'right', HandInputView> | null };

/** Sends a command to the emulated Quest 3 (IWER) through the test hook. */
function dispatch(b: TestBrowser, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return b.page.evaluate(([m, p]) => (window as unknown as { __scrub: Hook }).__scrub.xrDevice.remote.dispatch(m as string, p as Record<string, unknown>), [
    method,
    params,
  ] as const);
}

function rightInput(b: TestBrowser): Promise<HandInputView> {
  return b.page.evaluate(() => (window as unknown as { __scrub: Hook }).__scrub.input()!.right);
}

/** Waits until the app's right-hand input has `instrument`. */
function waitForInstrument(b: TestBrowser, instrument: string | null): Promise<unknown> {
  return b.page.waitForFunction((id) => (window as unknown as { __scrub: Hook }).__scrub.input()?.right.instrument === id, instrument);
}

/** Waits until the app's right-hand input has its tip within 1 mm of `tip`. */
function waitForTip(b: TestBrowser, tip: number[]): Promise<unknown> {
  return b.page.waitForFunction((t) => {
    const p = (window as unknown as { __scrub: Hook }).__scrub.input()?.right.position;
    return !!p && Math.hypot(p[0]! - t[0]!, p[1]! - t[1]!, p[2]! - t[2]!) < 0.001;
  }, tip);
}

/** Waits for `n` XR frames (IWER applies queued commands at a frame's start). */
async function frames(b: TestBrowser, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await gripPoses(b.page);
}

/** Presses and releases the right squeeze (IWER's button 1), waiting for the app to see the press. */
async function squeezeRight(b: TestBrowser, expected: string | null): Promise<void> {
  await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 1, value: 1, touched: true }] });
  await waitForInstrument(b, expected);
  await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 1, value: 0 }] });
  await frames(b, 2);
}

/** Enters VR with the emulated headset's eyes `eyeHeight` above the floor; returns the fitted XR origin's height. */
async function enterVrAt(b: TestBrowser, eyeHeight: number): Promise<number> {
  await b.page.evaluate((y) => void ((window as unknown as { __scrub: Hook }).__scrub.xrDevice.position.y = y), eyeHeight);
  await b.page.getByRole('button', { name: 'Enter VR' }).click();
  await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
  // From home, the attempt waits behind its case card; entered again from the session, it is already running.
  const start = b.page.getByRole('button', { name: 'Start the attempt' });
  // The immersive view covers the page: the click is dispatched to the button (in the headset, A begins it).
  if ((await start.count()) > 0) await start.dispatchEvent('click');
  const expected = originHeightFor(eyeHeight, false);
  await b.page.waitForFunction((y) => Math.abs(((window as any).__scrub.xrOrigin()?.[1] ?? Infinity) - y) < 1e-6, expected);
  return (await xrOrigin(b.page))[1]!;
}

describe('VR: a procedure in an emulated Meta Quest 3', () => {
  // A small window: software GL draws every XR frame, and the steps below wait on frames.
  const b = browserForSuite({ width: 800, height: 600 });
  const level = { x: 0, y: 0, z: 0, w: 1 };
  /** The XR origin's height in the scene: controller positions are given to IWER in the trainee's own (floor) space. */
  let originY = 0;
  let standingFit = 0;
  const local = (p: { x: number; y: number; z: number }) => ({ x: p.x, y: p.y - originY, z: p.z });

  it('offers Enter VR, starts an immersive-vr session, and fits the table to a standing trainee (eyes at 1.70 m)', async () => {
    await b.page.goto(`${inject('baseUrl')}?iwer`);
    await b.page.getByRole('option', { name: /suture/i }).click();
    originY = standingFit = await enterVrAt(b, 1.7);
    expect(await b.page.evaluate(() => (window as any).__scrub.xrMode())).toBe('immersive-vr');
    // Open surgery: the worksite, seen from the trainee's floor, a little below their elbow.
    const worksite = WORKSITE[1] - originY;
    expect(Math.abs(worksite - elbowHeight(1.7))).toBeLessThan(0.1);
    expect(elbowHeight(1.7) - worksite).toBeCloseTo(OPEN_WORKSITE_BELOW_ELBOW, 6);
    await waitForTicks(b.page, 20);
    // The attempt's recording takes the trainee's head pose (world coordinates: the eyes above the fitted floor).
    const { head } = await appState(b.page);
    expect(head.recorded).toBe(true);
    expect(head.position![1]).toBeCloseTo(originY + 1.7, 2);
  });

  it('moves the instrument tip with the right controller, to within 2 cm', async () => {
    const a = { x: 0.1, y: 1.0, z: -0.3 };
    await dispatch(b, 'set_transform', { device: 'controller-right', position: local(a), orientation: level });
    await waitForTicks(b.page, 5);
    const tipA = (await appState(b.page)).hands.right.tip;
    // The tip is held in front of the grip: a hand's length from the controller, not at it.
    const gripToTip = await b.page.evaluate(() => (window as any).__scrub.gripToTip as number);
    expect(Math.hypot(tipA[0] - a.x, tipA[1] - a.y, tipA[2] - a.z)).toBeLessThan(gripToTip + 0.1);

    // Moving the controller moves the tip by the same displacement.
    const move = [-0.15, -0.05, -0.1] as const;
    const bPos = { x: a.x + move[0], y: a.y + move[1], z: a.z + move[2] };
    await dispatch(b, 'set_transform', { device: 'controller-right', position: local(bPos), orientation: level });
    const expected = [tipA[0] + move[0], tipA[1] + move[1], tipA[2] + move[2]];
    await b.page.waitForFunction((e) => {
      const tip = (window as any).__scrub.state().hands.right.tip as number[];
      return Math.hypot(tip[0]! - e[0]!, tip[1]! - e[1]!, tip[2]! - e[2]!) < 0.02;
    }, expected);
    const tipB = (await appState(b.page)).hands.right.tip;
    expect(Math.hypot(tipB[0] - expected[0]!, tipB[1] - expected[1]!, tipB[2] - expected[2]!)).toBeLessThan(0.02);
  });

  it('closes the jaws with the trigger', async () => {
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 0, value: 1, touched: true }] });
    await b.page.waitForFunction(() => (window as any).__scrub.state().hands.right.jaw === 1);
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 0, value: 0 }] });
    await b.page.waitForFunction(() => (window as any).__scrub.state().hands.right.jaw === 0);
  });

  it('squeezing at the tray takes an instrument, over its own place hands it back; away from the tray the nurse hands the next', async () => {
    expect((await rightInput(b)).instrument).toBe('needle-driver');
    const place = trayPlace('suture-scissors')!;
    // The tray draws the instrument at the place the picking code uses.
    const drawn = await b.page.evaluate(() => {
      const item = (window as any).__scrub.scene3d.getObjectByName('tray-suture-scissors');
      return { position: item.getWorldPosition(item.position.clone()).toArray() as number[], visible: item.visible as boolean };
    });
    expect(Math.hypot(drawn.position[0]! - place[0], drawn.position[1]! - place[1], drawn.position[2]! - place[2])).toBeLessThan(1e-6);
    expect(drawn.visible).toBe(true);

    // The grip 3 cm above the scissors' place (within reach, nearer it than its neighbours).
    const calibration = await calibrateGrips(b.page);
    const grip = { position: [place[0], place[1] + 0.03, place[2]], orientation: [0, 0, 0, 1] };
    await dispatchAll(b.page, [['set_transform', controllerAtGrip('right', grip, calibration.right)]]);
    const gripToTip = await b.page.evaluate(() => (window as any).__scrub.gripToTip as number);
    await waitForTip(b, [grip.position[0]!, grip.position[1]!, grip.position[2]! - gripToTip]);
    await squeezeRight(b, 'suture-scissors');
    await b.page.waitForFunction(() => (window as any).__scrub.scene3d.getObjectByName('tray-suture-scissors').visible === false);
    await squeezeRight(b, null);
    await b.page.waitForFunction(() => (window as any).__scrub.scene3d.getObjectByName('tray-suture-scissors').visible === true);

    // Back over the worksite: the scrub nurse hands the protocol's first instrument for the right hand.
    await dispatch(b, 'set_transform', { device: 'controller-right', position: local({ x: 0.05, y: 1.0, z: -0.3 }), orientation: level });
    await frames(b, 2);
    await squeezeRight(b, 'needle-driver');
  });

  it('the left thumbstick raises the table to the trainee (seated or standing)', async () => {
    await dispatch(b, 'set_transform', { device: 'controller-right', position: local({ x: 0.05, y: 1.0, z: -0.3 }), orientation: level });
    await waitForTicks(b.page, 5);
    const before = (await appState(b.page)).hands.right.tip[1];
    // Stick pushed up (y = −1): the trainee's floor sinks, so the same hand reaches lower in the scene.
    await dispatch(b, 'set_gamepad_state', { device: 'controller-left', axes: [{ index: 1, value: -1 }] });
    await b.page.waitForFunction((y0) => (window as any).__scrub.state().hands.right.tip[1] < y0 - 0.03, before);
    await dispatch(b, 'set_gamepad_state', { device: 'controller-left', axes: [{ index: 1, value: 0 }] });
  });

  it('hand tracking: the tip follows the right hand, a pinch closes the jaws, relaxing opens them, a pinch at the tray picks', async () => {
    await dispatch(b, 'set_input_mode', { mode: 'hand' });
    originY = (await xrOrigin(b.page))[1]!;
    const a = { x: 0.05, y: 1.05, z: -0.25 };
    await dispatch(b, 'set_transform', { device: 'hand-right', position: local(a), orientation: level });
    await frames(b, 2);
    const tipA = (await rightInput(b)).position;
    expect((await rightInput(b)).jaw).toBe(0);
    const move = [-0.1, -0.04, -0.08] as const;
    await dispatch(b, 'set_transform', { device: 'hand-right', position: local({ x: a.x + move[0], y: a.y + move[1], z: a.z + move[2] }), orientation: level });
    await waitForTip(b, [tipA[0]! + move[0], tipA[1]! + move[1], tipA[2]! + move[2]]);

    // Pinch (thumb tip to index tip) closes the jaws; the instrument in the simulation follows.
    await dispatch(b, 'set_select_value', { device: 'hand-right', value: 1 });
    await b.page.waitForFunction(() => (window as any).__scrub.state().hands.right.jaw === 1);
    const pinched = await rightInput(b);
    expect(pinched.instrument).toBe('needle-driver');
    await dispatch(b, 'set_select_value', { device: 'hand-right', value: 0 });
    await b.page.waitForFunction(() => (window as any).__scrub.state().hands.right.jaw === 0);

    // Pinching with the pinch point over the scissors' place takes them: the hand moves by the pinch point's offset.
    const q = new Quaternion(...(pinched.orientation as [number, number, number, number]));
    const pinchPoint = new Vector3(...(pinched.position as [number, number, number])).add(new Vector3(0, 0, PINCH_TO_TIP).applyQuaternion(q));
    const place = trayPlace('suture-scissors')!;
    const hand = { x: a.x + move[0] + place[0] - pinchPoint.x, y: a.y + move[1] + place[1] + 0.02 - pinchPoint.y, z: a.z + move[2] + place[2] - pinchPoint.z };
    await dispatch(b, 'set_transform', { device: 'hand-right', position: local(hand), orientation: level });
    await frames(b, 2);
    await dispatch(b, 'set_select_value', { device: 'hand-right', value: 1 });
    await waitForInstrument(b, 'suture-scissors');
    await dispatch(b, 'set_select_value', { device: 'hand-right', value: 0 });
    await dispatch(b, 'set_input_mode', { mode: 'controller' });
    await frames(b, 2);
  });

  it('pauses with B, and ending the session returns to the desktop view', async () => {
    // IWER numbers buttons by its own list (trigger, squeeze, thumbstick, A/X, B/Y): 4 is B.
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 1 }] });
    await b.page.waitForFunction(() => (window as any).__scrub.state().paused === true);
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 0 }] });
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 1 }] });
    await b.page.waitForFunction(() => (window as any).__scrub.state().paused === false);
    await dispatch(b, 'set_gamepad_state', { device: 'controller-right', buttons: [{ index: 4, value: 0 }] });
    await screenshotColours(b.page, 'vr-session.png');

    await dispatch(b, 'end_session');
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === false);
    const state = await appState(b.page);
    expect(state.screen).toBe('session');
    await waitForTicks(b.page, 10);
    expect(await screenshotColours(b.page, 'vr-after-exit-desktop.png')).toBeGreaterThan(20);
  });

  it('the next session fits the table to a seated trainee (eyes at 1.20 m)', async () => {
    const seated = await enterVrAt(b, 1.2);
    const worksite = WORKSITE[1] - seated;
    expect(Math.abs(worksite - elbowHeight(1.2))).toBeLessThan(0.1);
    // A seated trainee's floor sits higher in the scene: the table comes down to them.
    expect(seated - standingFit).toBeGreaterThan(0.3);
    await dispatch(b, 'end_session');
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === false);
  });

  it('replays a recording in the headset: at the table, A plays and pauses, the sticks step, change speed and jump to the errors', async () => {
    const replay = (): Promise<ReplayView> => b.page.evaluate(() => (window as unknown as { __scrub: { replay(): ReplayView } }).__scrub.replay());
    /**
     * Pushes a thumbstick (IWER's axis 0: x, 1: y) and lets go, waiting for the replay to show what it did (each
     * side of each stick is its own control: the next push below is on another, so the release need not be seen).
     */
    const stick = async (device: string, axis: number, value: number, done: (r: ReplayView) => boolean): Promise<ReplayView> => {
      await dispatch(b, 'set_gamepad_state', { device, axes: [{ index: axis, value }] });
      await expect.poll(replay).toSatisfy(done);
      await dispatch(b, 'set_gamepad_state', { device, axes: [{ index: axis, value: 0 }] });
      return replay();
    };
    const press = async (device: string, index: number): Promise<void> => {
      await dispatch(b, 'set_gamepad_state', { device, buttons: [{ index, value: 1 }] });
      await frames(b, 2);
      await dispatch(b, 'set_gamepad_state', { device, buttons: [{ index, value: 0 }] });
      await frames(b, 2);
    };
    const began = Date.now();
    const laps: string[] = [];
    const lap = (what: string): void => void laps.push(`${what} ${((Date.now() - began) / 1000).toFixed(1)} s`);
    // The attempt above is left (run alone, a fresh page), the viewer's eyes at 1.60 m.
    if ((await b.page.evaluate(() => (window as any).__scrub?.state().screen)) === 'session') {
      await b.page.keyboard.press('Escape');
      await b.page.getByRole('dialog', { name: 'Leave the attempt?' }).getByRole('button', { name: 'Leave without saving' }).click();
    } else await b.page.goto(`${inject('baseUrl')}?iwer`);
    await b.page.waitForFunction(() => (window as any).__scrub?.xrDevice);
    await b.page.evaluate(() => void ((window as unknown as { __scrub: Hook }).__scrub.xrDevice.position.y = 1.6));
    await b.page.evaluate(() => (window as any).__scrub.openScriptReplay('fls-peg-transfer.drop-out-of-view'));
    await b.page.getByRole('status', { name: 'Verification' }).filter({ hasText: 'Verified' }).waitFor({ timeout: 60_000 });
    const { errors, ticks } = await replay();
    expect(errors.length).toBeGreaterThan(0);
    lap('verified');

    await b.page.getByRole('button', { name: 'Enter VR' }).click();
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
    // Standing at the table, fitted to the viewer as a trainee is (a laparoscopic procedure: the handles at the elbow).
    await b.page.waitForFunction((y) => Math.abs(((window as any).__scrub.xrOrigin()?.[1] ?? Infinity) - y) < 1e-6, originHeightFor(1.6, true));

    lap('in the headset');
    // A (IWER's button 3) plays; A again pauses.
    await press('controller-right', 3);
    await b.page.waitForFunction(() => (window as any).__scrub.replay().tick > 10);
    await press('controller-right', 3);
    await expect.poll(async () => (await replay()).playing).toBe(false);
    const paused = (await replay()).tick;
    // Right stick: one frame (at 1×, two ticks) forward, then back.
    expect((await stick('controller-right', 0, 1, (r) => r.tick !== paused)).tick).toBe(paused + 2);
    expect((await stick('controller-right', 0, -1, (r) => r.tick === paused)).tick).toBe(paused);
    // Right stick up: faster.
    expect((await stick('controller-right', 1, -1, (r) => r.speed !== 1)).speed).toBe(2);
    // Left stick right: the next error marker.
    const first = Math.min(...errors.map((e) => e.tick).filter((t) => t > paused));
    if (Number.isFinite(first)) expect((await stick('controller-left', 0, 1, (r) => r.tick !== paused)).tick).toBe(first);
    expect((await replay()).tick).toBeLessThanOrEqual(ticks);
    lap('controls done');
    // The panel beside the table: the clock, the timeline and the controls' legend.
    expect(await b.page.evaluate(() => (window as any).__scrub.scene3d.getObjectByName('replay-vr-panel')?.visible)).toBe(true);
    expect(await screenshotColours(b.page, 'replay-vr.png')).toBeGreaterThan(20);
    // X: this script has no head poses, so the view stays at the table.
    await press('controller-left', 3);
    expect((await replay()).view).not.toBe('head');
    // Y leaves the headset (the session ends while Y is down); the replay stays on the page.
    await dispatch(b, 'set_gamepad_state', { device: 'controller-left', buttons: [{ index: 4, value: 1 }] });
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === false);
    expect((await replay()).status).toBe('ready');
    lap('out of the headset');
    console.log(`replay in the headset: ${laps.join(', ')}`);
  });
});
