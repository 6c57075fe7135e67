import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Page } from 'playwright-core';
import { Button, type Hand, type HandInput, type Pose } from '../../../src/core/kernel/index.ts';
import { fulcrumTip, handleForTip } from '../../../src/core/world/instruments/trocar.ts';
import { instrumentSpec } from '../../../src/core/world/instruments/catalog.ts';
import { trayPlace } from '../../../src/core/world/instruments/tray.ts';
import { PORTS } from '../../../src/core/kernel/or-layout.ts';
import { isLaparoscopic } from '../../../src/core/world/instruments/catalog.ts';
import { handButtons } from '../../../src/core/world/instruments/catalog.ts';
import { GRIP_TO_TIP } from '../../../src/xr/controller-input.ts';
import type { HeldChunk } from '../../support/held-chunks.ts';

/**
 * Driving the emulated Quest 3 (IWER) so that the app's own controller code produces given instrument
 * tip poses: the inverse of src/xr/controller-input.ts, plus IWER's grip offset, calibrated in the page,
 * and the XR origin (the trainee's floor, fitted to their height).
 */
type Device = { remote: { dispatch(method: string, params?: Record<string, unknown>): Promise<unknown> } };

export interface GripPose {
  position: number[];
  orientation: number[];
}

/** How a wanted grip pose in the scene becomes a controller transform: IWER's grip offset, inverted, and the XR origin. */
export interface GripCalibration {
  offsetInverse: Matrix4;
  origin: number[];
}

/** Sends commands to the emulated headset through the test hook, in order, and waits until it has applied them. */
export function dispatchAll(page: Page, commands: [string, Record<string, unknown>][]): Promise<unknown> {
  return page.evaluate(async (cs) => {
    const device = (window as unknown as { __scrub: { xrDevice: Device } }).__scrub.xrDevice;
    return Promise.all(cs.map(([m, p]) => device.remote.dispatch(m, p)));
  }, commands);
}

export function gripPoses(page: Page): Promise<Record<Hand, GripPose | null>> {
  return page.evaluate(() => (window as unknown as { __scrub: { gripPoses(): Promise<Record<Hand, GripPose | null>> } }).__scrub.gripPoses());
}

function matrixOf(p: GripPose): Matrix4 {
  const [x, y, z] = p.position as [number, number, number];
  const [qx, qy, qz, qw] = p.orientation as [number, number, number, number];
  return new Matrix4().compose(new Vector3(x, y, z), new Quaternion(qx, qy, qz, qw), new Vector3(1, 1, 1));
}

export async function xrOrigin(page: Page): Promise<number[]> {
  const origin = await page.evaluate(() => (window as unknown as { __scrub: { xrOrigin(): number[] | null } }).__scrub.xrOrigin());
  if (!origin) throw new Error('no XR origin');
  return origin;
}

/**
 * The grip's pose relative to the controller transform set with `set_transform` (IWER puts the grip
 * space at an offset from it): set a known transform, read back the grip pose the app sees, invert.
 * Returns, per hand, the inverse of that offset (controller = grip · offset⁻¹, in the reference space)
 * and the XR origin now (read after the session's first frames, so after the fit to the trainee).
 */
export async function calibrateGrips(page: Page): Promise<Record<Hand, GripCalibration>> {
  const set: Record<Hand, GripPose> = {
    left: { position: [-0.2, 1.1, -0.3], orientation: [0.1, 0.2, 0.05, Math.sqrt(1 - 0.0525)] },
    right: { position: [0.2, 1.1, -0.3], orientation: [-0.1, 0.2, -0.05, Math.sqrt(1 - 0.0525)] },
  };
  await dispatchAll(
    page,
    (['left', 'right'] as const).map((h) => ['set_transform', transformParams(h, matrixOf(set[h]))]),
  );
  // The transform is applied in the frame that processed the command; read two frames later to be sure.
  await gripPoses(page);
  const grips = await gripPoses(page);
  const origin = await xrOrigin(page);
  const out = {} as Record<Hand, GripCalibration>;
  for (const h of ['left', 'right'] as const) {
    const grip = grips[h];
    if (!grip) throw new Error(`no grip pose for the ${h} controller`);
    // grip = controller · offset  →  offset⁻¹ = grip⁻¹ · controller
    out[h] = { offsetInverse: matrixOf(grip).invert().multiply(matrixOf(set[h])), origin };
  }
  return out;
}

/** The `set_transform` params that put a controller's grip at `grip` (scene, through the XR origin). */
export function controllerAtGrip(hand: Hand, grip: GripPose, c: GripCalibration): Record<string, unknown> {
  const [x, y, z] = grip.position as [number, number, number];
  const local = { position: [x - c.origin[0]!, y - c.origin[1]!, z - c.origin[2]!], orientation: grip.orientation };
  return transformParams(hand, matrixOf(local).multiply(c.offsetInverse));
}

function transformParams(hand: Hand, controller: Matrix4): Record<string, unknown> {
  const p = new Vector3();
  const q = new Quaternion();
  controller.decompose(p, q, new Vector3());
  return { device: `controller-${hand}`, position: { x: p.x, y: p.y, z: p.z }, orientation: { x: q.x, y: q.y, z: q.z, w: q.w } };
}

/**
 * Where the controller's grip must be for a hand's instrument input `want` (scene), and the tip pose the
 * app will compute from it: GRIP_TO_TIP behind an open instrument's tip; a laparoscopic instrument's handle
 * on the line from the tip out through its port, the tip orientation then the wanted one turned to lie
 * along the shaft.
 */
export function gripFor(hand: Hand, want: HandInput): { grip: GripPose; tip: Pose } {
  const [x, y, z] = want.pose.position;
  const [qx, qy, qz, qw] = want.pose.orientation;
  if (isLaparoscopic(want.instrument)) {
    const port = PORTS[hand];
    const length = instrumentSpec(want.instrument)?.shaftLength ?? 0.33;
    const handle = handleForTip(port, [x, y, z], length);
    const insertion = Math.hypot(x - port.position[0], y - port.position[1], z - port.position[2]);
    // The hand's orientation with its +z along the shaft: the fulcrum then keeps it as it is.
    const tip = fulcrumTip(port, { position: handle, orientation: [qx, qy, qz, qw] }, Math.min(length, insertion));
    return { grip: { position: handle, orientation: [...tip.orientation] }, tip };
  }
  const back = new Vector3(0, 0, GRIP_TO_TIP).applyQuaternion(new Quaternion(qx, qy, qz, qw));
  return {
    grip: { position: [x + back.x, y + back.y, z + back.z], orientation: [qx, qy, qz, qw] },
    tip: { position: [x, y, z], orientation: [qx, qy, qz, qw] },
  };
}

/**
 * What the controller must do for a hand's instrument input `want` (tip pose, jaw): the `set_transform`
 * params, and the tip pose the app will compute from it (through the port for a laparoscopic
 * instrument, whose tip orientation is the wanted one turned to lie along the shaft).
 */
export function controllerFor(hand: Hand, want: HandInput, calibration: GripCalibration): { params: Record<string, unknown>; tip: Pose } {
  const { grip, tip } = gripFor(hand, want);
  return { params: controllerAtGrip(hand, grip, calibration), tip };
}

/** IWER's own numbering of a controller's buttons in `set_gamepad_state` (not the xr-standard indices the app reads). */
export const IwerButton = { trigger: 0, squeeze: 1, thumbstick: 2 } as const;

/**
 * The buttons a trainee holds for a hand's wanted input: the trigger closes the jaws and, on an energy
 * instrument, activates it (so activation holds it down whatever the script's jaw); the thumbstick pressed
 * and held declares. Throws for an input no controller gives (activation on an instrument without energy,
 * or jaws closed on an energy instrument without activation).
 */
export function controllerButtons(want: HandInput): { trigger: number; thumbstick: boolean } {
  const activate = (want.buttons & Button.activate) !== 0;
  const trigger = activate ? 1 : want.jaw;
  const thumbstick = (want.buttons & Button.secondary) !== 0;
  const buttons = handButtons(want.instrument, trigger > 0.5, thumbstick);
  if (buttons !== want.buttons) {
    throw new Error(`no controller gives buttons ${want.buttons} with jaw ${want.jaw} on ${want.instrument} (the trigger would give ${buttons})`);
  }
  return { trigger, thumbstick };
}

/**
 * The instrument input the app reads from the controller set for `want` (src/xr/controller-input.ts): the
 * tip from `gripFor`, the jaw the trigger's value, the buttons by the app's own rule. What the simulation
 * gets when a test performs `want` through the VR path (tests/unit/experts/ports.test.ts plays it).
 */
export function appReads(hand: Hand, want: HandInput): HandInput {
  const { trigger, thumbstick } = controllerButtons(want);
  const { tip } = gripFor(hand, want);
  return { pose: tip, jaw: trigger, buttons: handButtons(want.instrument, trigger > 0.5, thumbstick), instrument: want.instrument };
}

type Command = [string, Record<string, unknown>];

/** What the app's `input()` must show for a hand before a chunk's ticks run. */
export interface WantedRead {
  position: number[];
  jaw: number;
  buttons: number;
  instrument: string | null;
}

/** One held chunk as the controllers perform it. */
export interface VrChunk {
  start: number;
  ticks: number;
  /**
   * Instrument changes first, one hand after another: the controller's grip moved over the wanted
   * instrument's tray place (over the held one's own place to put it down and empty the hand) with the
   * squeeze pressed, until the app's input holds `instrument`.
   */
  visits: { hand: Hand; press: Command[]; instrument: string | null }[];
  /** Then: squeezes released, and the controllers whose pose or buttons change moved and set. */
  commands: Command[];
  want: Record<Hand, WantedRead>;
}

/** Height of the grip above a tray place when squeezing there (m): within TRAY_REACH of that place only. */
const OVER_TRAY = 0.03;

/**
 * Plans the controller commands for held chunks (tests/support/held-chunks.ts): per chunk, a hand's
 * `set_transform` only where its grip pose changes (or it comes back from the tray), its
 * `set_gamepad_state` only where its trigger or thumbstick changes; an instrument change is a tray visit.
 * `held` is what each hand holds when the first chunk starts (the app's own start).
 */
export function planVrChunks(chunks: readonly HeldChunk[], calibration: Record<Hand, GripCalibration>, held: Record<Hand, string | null>): VrChunk[] {
  const hands = ['left', 'right'] as const;
  const sent: Record<Hand, { transform: string | null; trigger: number; thumbstick: boolean }> = {
    left: { transform: null, trigger: 0, thumbstick: false },
    right: { transform: null, trigger: 0, thumbstick: false },
  };
  const holding = { ...held };
  const grips = {} as Record<Hand, GripPose>;
  const out: VrChunk[] = [];
  for (const chunk of chunks) {
    const visits: VrChunk['visits'] = [];
    const commands: Command[] = [];
    const want = {} as Record<Hand, WantedRead>;
    for (const hand of hands) {
      const w = chunk.input.hands[hand];
      const device = `controller-${hand}`;
      if (w.instrument !== holding[hand]) {
        const other = holding[hand === 'left' ? 'right' : 'left'];
        if (w.instrument !== null && w.instrument === other) throw new Error(`chunk at tick ${chunk.start}: ${w.instrument} is in the other hand`);
        const place = trayPlace(w.instrument ?? holding[hand] ?? '');
        if (!place) throw new Error(`chunk at tick ${chunk.start}: no tray place for ${w.instrument ?? holding[hand]}`);
        const over: GripPose = { position: [place[0], place[1] + OVER_TRAY, place[2]], orientation: grips[hand]?.orientation ?? [0, 0, 0, 1] };
        visits.push({
          hand,
          press: [
            ['set_transform', controllerAtGrip(hand, over, calibration[hand])],
            ['set_gamepad_state', { device, buttons: [{ index: IwerButton.squeeze, value: 1, touched: true }] }],
          ],
          instrument: w.instrument,
        });
        commands.push(['set_gamepad_state', { device, buttons: [{ index: IwerButton.squeeze, value: 0, touched: false }] }]);
        holding[hand] = w.instrument;
        sent[hand].transform = null;
      }
      const { grip } = gripFor(hand, w);
      grips[hand] = grip;
      const params = controllerAtGrip(hand, grip, calibration[hand]);
      const key = JSON.stringify(params);
      if (key !== sent[hand].transform) {
        commands.push(['set_transform', params]);
        sent[hand].transform = key;
      }
      const { trigger, thumbstick } = controllerButtons(w);
      if (trigger !== sent[hand].trigger || thumbstick !== sent[hand].thumbstick) {
        commands.push([
          'set_gamepad_state',
          {
            device,
            buttons: [
              { index: IwerButton.trigger, value: trigger, touched: trigger > 0 },
              { index: IwerButton.thumbstick, value: thumbstick ? 1 : 0, touched: thumbstick },
            ],
          },
        ]);
        sent[hand] = { ...sent[hand], trigger, thumbstick };
      }
      const reads = appReads(hand, w);
      want[hand] = { position: [...w.pose.position], jaw: reads.jaw, buttons: reads.buttons, instrument: w.instrument };
    }
    out.push({ start: chunk.start, ticks: chunk.ticks, visits, commands, want });
  }
  return out;
}

/** What the app read and did for one chunk: its input when the ticks ran, and the HUD after them. */
export interface VrChunkResult {
  tick: number;
  input: Record<Hand, { position: number[]; orientation: number[]; jaw: number; buttons: number; instrument: string | null }>;
  hud: { stepsDone: number; errors: string[]; finished: boolean };
  /** Frames waited before the app's input showed the controllers' new state, after the commands were applied. */
  frames: number;
  /** Milliseconds from sending the chunk's commands (tray visits included) to the app showing them, and running its ticks. */
  moveMs: number;
  tickMs: number;
}

/**
 * Performs planned chunks in the page (lock-step on): for each, the tray visits (press, wait until the
 * app's input holds the instrument), then all the chunk's commands in one go, a wait until the app's input
 * shows the wanted tip (1 mm), jaw, buttons and instrument in both hands, then `stepTicks`. Stops after a
 * chunk whose HUD shows an error or the procedure finished. One page call for the lot: no round trip per chunk.
 */
export function performVrChunks(page: Page, chunks: readonly VrChunk[], timeoutMs = 15_000): Promise<VrChunkResult[]> {
  return page.evaluate(
    async ({ chunks, timeoutMs }) => {
      type Read = { position: number[]; orientation: number[]; jaw: number; buttons: number; instrument: string | null };
      type Hook = {
        xrDevice: Device;
        input(): Record<'left' | 'right', Read> | null;
        stepTicks(n: number): number;
        state(): { hud: { stepsDone: number; errors: string[]; finished: boolean } };
      };
      const hook = (window as unknown as { __scrub: Hook }).__scrub;
      const dispatch = (cs: [string, Record<string, unknown>][]) => Promise.all(cs.map(([m, p]) => hook.xrDevice.remote.dispatch(m, p)));
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const until = async (what: string, ok: (now: Record<'left' | 'right', Read>) => string | null): Promise<number> => {
        const started = performance.now();
        for (let frames = 0; ; frames++) {
          const now = hook.input();
          const wrong = now ? ok(now) : 'no input';
          if (wrong === null) return frames;
          if (performance.now() - started > timeoutMs) throw new Error(`${what}: ${wrong} after ${frames} frames`);
          await frame();
        }
      };
      const results: VrChunkResult[] = [];
      for (const c of chunks) {
        const t0 = performance.now();
        for (const v of c.visits) {
          await dispatch(v.press);
          await until(`tick ${c.start}: ${v.hand} squeeze at the tray`, (now) =>
            now[v.hand].instrument === v.instrument ? null : `holds ${now[v.hand].instrument}, wants ${v.instrument}`,
          );
        }
        await dispatch(c.commands);
        const frames = await until(`tick ${c.start}`, (now) => {
          for (const h of ['left', 'right'] as const) {
            const n = now[h],
              w = c.want[h];
            const off = Math.hypot(n.position[0]! - w.position[0]!, n.position[1]! - w.position[1]!, n.position[2]! - w.position[2]!);
            if (n.instrument !== w.instrument || off > 0.001 || Math.abs(n.jaw - w.jaw) > 1e-3 || n.buttons !== w.buttons) {
              return `${h}: ${n.instrument} ${(off * 1000).toFixed(2)} mm off, jaw ${n.jaw}, buttons ${n.buttons}; wants ${w.instrument}, jaw ${w.jaw}, buttons ${w.buttons}`;
            }
          }
          return null;
        });
        const input = hook.input()!;
        const t1 = performance.now();
        const tick = hook.stepTicks(c.ticks);
        const hud = hook.state().hud;
        results.push({ tick, input, hud, frames, moveMs: t1 - t0, tickMs: performance.now() - t1 });
        if (hud.errors.length > 0 || hud.finished) break;
      }
      return results;
    },
    { chunks: chunks as VrChunk[], timeoutMs },
  );
}
