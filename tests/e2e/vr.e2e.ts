import { describe, expect, inject, it } from 'vitest';
import { type TestBrowser, browserForSuite } from './support/browser.ts';
import { appState, screenshotColours, waitForTicks } from './support/app.ts';

type Device = { remote: { dispatch(method: string, params?: Record<string, unknown>): Promise<unknown> } };

/** Sends a command to the emulated Quest 3 (IWER) through the test hook. */
function dispatch(b: TestBrowser, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return b.page.evaluate(
    ([m, p]) => ((window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice.remote.dispatch(m as string, p as Record<string, unknown>)),
    [method, params] as const,
  );
}

describe('VR: a procedure in an emulated Meta Quest 3', () => {
  const b = browserForSuite();

  it('offers Enter VR and starts an immersive-vr session', async () => {
    await b.page.goto(`${inject('baseUrl')}?iwer`);
    await b.page.getByRole('option', { name: /suture/i }).click();
    await b.page.getByRole('button', { name: 'Enter VR' }).click();
    await b.page.waitForFunction(() => (window as any).__scrub.state().presenting === true);
    expect(await b.page.evaluate(() => (window as any).__scrub.xrMode())).toBe('immersive-vr');
    await waitForTicks(b.page, 20);
  });

  it('moves the instrument tip with the right controller, to within 2 cm', async () => {
    const level = { x: 0, y: 0, z: 0, w: 1 };
    const a = { x: 0.1, y: 1.0, z: -0.3 };
    await dispatch(b, 'set_transform', { device: 'controller-right', position: a, orientation: level });
    await waitForTicks(b.page, 5);
    const tipA = (await appState(b.page)).hands.right.tip;
    // The tip is held in front of the grip: a hand's length from the controller, not at it.
    const gripToTip = await b.page.evaluate(() => (window as any).__scrub.gripToTip as number);
    expect(Math.hypot(tipA[0] - a.x, tipA[1] - a.y, tipA[2] - a.z)).toBeLessThan(gripToTip + 0.1);

    // Moving the controller moves the tip by the same displacement.
    const move = [-0.15, -0.05, -0.1] as const;
    const bPos = { x: a.x + move[0], y: a.y + move[1], z: a.z + move[2] };
    await dispatch(b, 'set_transform', { device: 'controller-right', position: bPos, orientation: level });
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

  it('the left thumbstick raises the table to the trainee (seated or standing)', async () => {
    await dispatch(b, 'set_transform', { device: 'controller-right', position: { x: 0.05, y: 1.0, z: -0.3 }, orientation: { x: 0, y: 0, z: 0, w: 1 } });
    await waitForTicks(b.page, 5);
    const before = (await appState(b.page)).hands.right.tip[1];
    // Stick pushed up (y = −1): the trainee's floor sinks, so the same hand reaches lower in the scene.
    await dispatch(b, 'set_gamepad_state', { device: 'controller-left', axes: [{ index: 1, value: -1 }] });
    await b.page.waitForFunction((y0) => (window as any).__scrub.state().hands.right.tip[1] < y0 - 0.03, before);
    await dispatch(b, 'set_gamepad_state', { device: 'controller-left', axes: [{ index: 1, value: 0 }] });
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

});
