import { type BufferGeometry, type Camera, type Material, type Object3D, type Scene, type Texture, type WebGLRenderer, Vector2, Vector3 } from 'three';
import { DEPTH_RANGE, type DesktopInput, type HandState } from '../input/desktop-input.ts';
import { appStore, exitSession, openReplay, showProgress, startSession } from '../app/app-store.ts';
import { recordScript } from '../app/expert-recording.ts';
import { recordInputs } from '../core/recording/replayer.ts';
import { KeyframePlayer } from '../core/recording/keyframes.ts';
import { attemptForScript } from '../core/recording/play.ts';
import { liveCanvas } from '../app/live-canvas.ts';
import { recordedScript } from './mistake-scripts.ts';
import { addProtocolFile, findProcedure } from '../app/protocol-catalog.ts';
import { GRIP_TO_TIP } from '../xr/controller-input.ts';
import { xrStore } from '../xr/xr-store.ts';
import type { Report } from '../core/scoring/index.ts';
import { attemptStore, learnerStore } from '../app/learner.ts';
import { recordReport } from '../app/record-attempt.ts';
import { newUuid } from '../app/ids.ts';

/**
 * `window.__scrub`, for the browser tests only (dev and test builds): the emulated XR device to drive,
 * and a read-only view of the simulation. Documented in docs/testing.md.
 */
export interface TestHook {
  xrDevice: unknown;
  gripToTip: number;
  readonly renderer: WebGLRenderer | null;
  readonly scene3d: Scene | null;
  /** Bytes of vertex, index and texture data in the scene: an estimate of its GPU memory. */
  gpuBytes(): number;
  /** Starts an attempt that plays a shipped script (scripted mistakes too) at the given speed. */
  play(name: string, speed: number): void;
  /**
   * Lock-step: while on, frames run no ticks of their own (input is still read every frame); ticks run
   * only through `stepTicks`. For driving a session faster or slower than real time.
   */
  lockstep(on: boolean): void;
  /** Runs exactly `n` ticks now with the input last read (VR controllers or mouse); returns the tick count after. */
  stepTicks(n: number): number;
  /** The instrument input the app last read, per hand (a copy): what the next ticks will use. */
  input(): Record<'left' | 'right', { position: number[]; orientation: number[]; jaw: number; buttons: number; instrument: string | null }> | null;
  /**
   * The controllers' grip poses in the app's reference space, read in the next XR frame (null for a hand
   * without a tracked controller, or all null when not presenting).
   */
  gripPoses(): Promise<Record<'left' | 'right', { position: number[]; orientation: number[] } | null>>;
  /**
   * Starts the attempt a shipped script was made for (its procedure, seed and variant) with the trainee in
   * control: for performing the script through an input path.
   */
  begin(name: string): void;
  /** The running session's desktop input (published by the session screen). */
  readonly desktop: { input: DesktopInput; camera: Camera; canvas: HTMLCanvasElement; surfaces(): Object3D[] } | null;
  /** The desktop input's state: the hand the mouse drives, and each hand's jaws, heights and turn (copies). */
  desktopState(): { hand: 'left' | 'right'; hands: Record<'left' | 'right', HandState> } | null;
  /**
   * What a person does with the mouse to put a hand's tip (the active hand's unless `hand` is given) at
   * `target` (world, m): wheel notches (coarse, and fine with Shift or sideways; positive raises) and where
   * to put the cursor (client px), with the tip that gives, by the input's own raycast over the scene as
   * last drawn. Null when no cursor position reaches it.
   */
  desktopAim(target: number[], hand?: 'left' | 'right'): DesktopAim | null;
  /**
   * Loads a protocol file's text as an imported file would be (untrusted), and redraws the home screen:
   * returns whether it loaded. For the hostile-content test.
   */
  addProtocol(file: string, text: string): Promise<boolean>;
  /** The mode of the running XR session ('immersive-vr'), or null. */
  xrMode(): string | null;
  /** The XR origin's position in the scene (the trainee's floor, fitted to their height): the group the XR camera hangs from. */
  xrOrigin(): [number, number, number] | null;
  state(): SessionView | { screen: string; presenting: boolean };
  /**
   * Stores an attempt of a learner (made if new, by name) known only by its report, and queues its learning
   * records: a class of learners for the instructor's tests. Returns the attempt's id and its verdict statement's id.
   */
  seedAttempt(learner: string, report: Report, startedAtMs: number, endedAtMs: number): Promise<{ id: string; verdictStatementId: string | null }>;
  /**
   * Records a shipped script (an expert or a scripted mistake) in the page, as `recordInputs` does but in
   * slices, and opens it in the replay viewer; resolves once it is open (verification then runs by itself).
   */
  openScriptReplay(name: string): Promise<void>;
  /**
   * Records a shipped script with the wrong seed in its header and another app version (a recording this app
   * cannot reproduce), and opens it in the replay viewer: for the divergence message.
   */
  openMislabelledReplay(name: string): void;
  /** The replay viewer's state, or null when it is not open (or shows why the recording cannot be replayed). */
  replay(): ReplayView | null;
  /** Moves the replay's playhead (as a timeline click does); returns the milliseconds the seek took. */
  replaySeek(tick: number): number;
}

export interface ReplayView {
  status: 'verifying' | 'ready';
  progress: number;
  ok: boolean | null;
  tick: number;
  ticks: number;
  playing: boolean;
  speed: number;
  ghost: boolean;
  expertLoaded: boolean;
  expertTick: number | null;
  verifyMs: number;
  lastSeekMs: number;
  errors: { code: string; severity: string; tick: number }[];
  /** The instructor's notes on the attempt, and how many pins the scene draws at the playhead. */
  notes: { t: number; text: string; pin: [number, number, number] | null }[];
  pinsShown: number;
  /** The expert's re-simulation beside the trainee's: shown, and its tick once verified (null before). */
  sideBySide: boolean;
  expertSideTick: number | null;
  /** The view choice (in the headset: 'head' stands in the trainee's head, anything else at the table). */
  view: string;
}

export interface DesktopAim {
  coarse: number;
  fine: number;
  x: number;
  y: number;
  tip: number[];
  /**
   * What takes the pointer at (x, y) instead of the canvas (an overlay's tag and class, or 'outside' past
   * the canvas's edge), null where the canvas gets it: a covered aim never reaches the input.
   */
  covered: string | null;
}

/** What `state()` shows of a running attempt (copies: writing them changes nothing). */
export interface SessionView {
  screen: string;
  presenting: boolean;
  paused: boolean;
  tick: number;
  webgl2: boolean;
  scene: string | null;
  sceneEvents: Record<string, number>;
  /** Largest opening of a cut in the skin (m), where the scene has skin. */
  woundGap: number | null;
  /** Smoke density (0 … 1) and char marks made, where the scene has energy (docs/tissue.md, "Energy"). */
  energy: { smoke: number; charMarks: number } | null;
  /** What the HUD shows: steps done, errors so far (codes), whether the procedure finished. */
  hud: { stepsDone: number; errors: string[]; finished: boolean };
  /**
   * Every step instance started so far (a repeated step once per iteration, key `id#n`) with its status,
   * and why the attempt finished (null while it runs): `hud.stepsDone` counts the completed instances.
   */
  steps: { key: string; status: string }[];
  finishReason: string | null;
  playbackDone: boolean;
  hands: Record<'left' | 'right', { tip: [number, number, number]; jaw: number; instrument: string | null }>;
  /** Whether the attempt's recording says one-handed (an assistant takes the non-dominant hand). */
  oneHanded: boolean;
  /** Whether the attempt's recording carries head poses, and the tracked head's position now (null: not tracked). */
  head: { recorded: boolean; position: [number, number, number] | null };
  /** A held laparoscope's picture after the latest tick (null: the theatre's fixed camera, or none). */
  laparoscope: { eye: number[]; target: number[] } | null;
}

export function installTestHook(xrDevice: unknown): TestHook | null {
  if (!(import.meta.env.DEV || import.meta.env.MODE === 'test')) return null;
  // Lock-step holds for sessions started later too, from their first frame.
  let lockstep = false;
  appStore.subscribe((state, previous) => {
    if (state.session && state.session !== previous.session) state.session.manual = lockstep;
  });
  const hook: TestHook = {
    xrDevice,
    gripToTip: GRIP_TO_TIP,
    get renderer() {
      return liveCanvas()?.renderer ?? null;
    },
    get scene3d() {
      return liveCanvas()?.scene ?? null;
    },
    get desktop() {
      return liveCanvas()?.desktop ?? null;
    },
    gpuBytes: () => (hook.scene3d ? estimateGpuBytes(hook.scene3d) : 0),
    play(name, speed) {
      const script = recordedScript(name);
      const protocol = script && findProcedure(script.procedure);
      if (!script || !protocol) throw new Error(`no shipped script '${name}'`);
      startSession(protocol, script).setSpeed(speed);
    },
    async addProtocol(file, text) {
      const loaded = addProtocolFile(file, text);
      // Through another screen and back: the home screen reads the catalog when it mounts.
      showProgress();
      for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
      exitSession();
      return loaded.ok;
    },
    begin(name) {
      const script = recordedScript(name);
      const protocol = script && findProcedure(script.procedure);
      if (!script || !protocol) throw new Error(`no shipped script '${name}'`);
      startSession(protocol, script).player = null;
    },
    async seedAttempt(learner, report, startedAtMs, endedAtMs) {
      const protocol = findProcedure(report.procedure);
      if (!protocol) throw new Error(`no protocol '${report.procedure}'`);
      const profile = (await attemptStore.profiles()).find((p) => p.name === learner) ?? (await attemptStore.createProfile(learner, newUuid(), startedAtMs));
      learnerStore.setState({ profiles: await attemptStore.profiles() });
      const stored = await recordReport(report, protocol, profile, startedAtMs, endedAtMs);
      return { id: stored.id, verdictStatementId: stored.xapi?.verdictStatementId ?? null };
    },
    lockstep(on) {
      lockstep = on;
      const { session } = appStore.getState();
      if (session) session.manual = on;
    },
    stepTicks(n) {
      const { session } = appStore.getState();
      if (!session) throw new Error('no session');
      session.stepTicks(n);
      return session.world.ticks;
    },
    input() {
      const session = appStore.getState().session;
      if (!session) return null;
      const hand = (h: 'left' | 'right') => {
        const i = session.input.hands[h];
        return { position: [...i.pose.position], orientation: [...i.pose.orientation], jaw: i.jaw, buttons: i.buttons, instrument: i.instrument };
      };
      return { left: hand('left'), right: hand('right') };
    },
    gripPoses() {
      const xrSession = xrStore.getState().session;
      const space = hook.renderer?.xr.getReferenceSpace();
      const none = { left: null, right: null };
      if (!xrSession || !space) return Promise.resolve(none);
      return new Promise((resolve) => {
        xrSession.requestAnimationFrame((_time, frame) => {
          const out: Record<'left' | 'right', { position: number[]; orientation: number[] } | null> = { ...none };
          for (const source of xrSession.inputSources) {
            if (source.handedness !== 'left' && source.handedness !== 'right') continue;
            const pose = source.gripSpace && frame.getPose(source.gripSpace, space);
            if (!pose) continue;
            const { position: p, orientation: q } = pose.transform;
            out[source.handedness] = { position: [p.x, p.y, p.z], orientation: [q.x, q.y, q.z, q.w] };
          }
          resolve(out);
        });
      });
    },
    desktopState() {
      const input = hook.desktop?.input;
      if (!input) return null;
      const copy = (h: HandState): HandState => ({ ...h });
      return { hand: input.hand, hands: { left: copy(input.hands.left), right: copy(input.hands.right) } };
    },
    desktopAim(target, hand) {
      return hook.desktop ? aimDesktop(hook.desktop, new Vector3(target[0], target[1], target[2]), hand ?? hook.desktop.input.hand) : null;
    },
    xrMode: () => (xrStore.getState().session ? (xrStore.getState().mode ?? null) : null),
    xrOrigin() {
      const origin = hook.renderer?.xr.getCamera().parent;
      return origin ? [origin.position.x, origin.position.y, origin.position.z] : null;
    },
    async openScriptReplay(name) {
      const script = recordedScript(name);
      const protocol = script && findProcedure(script.procedure);
      if (!script || !protocol) throw new Error(`no shipped script '${name}'`);
      const run = await recordScript(protocol, script, name);
      openReplay(run.bytes, { kind: 'script', name });
    },
    openMislabelledReplay(name) {
      const script = recordedScript(name);
      const protocol = script && findProcedure(script.procedure);
      if (!script || !protocol) throw new Error(`no shipped script '${name}'`);
      const info = { app: { name: 'scrub', version: '0.0.0-other' }, learner: null, handedness: null, inputKind: 'script', startedAt: null } as const;
      const bytes = recordInputs(attemptForScript(protocol, script), script.seed + 1, new KeyframePlayer(script), info);
      openReplay(bytes, { kind: 'script', name: `${name} (seed mislabelled)` });
    },
    replay() {
      const r = appStore.getState().replay?.session;
      if (!r) return null;
      return {
        status: r.status,
        progress: r.progress,
        ok: r.result?.ok ?? null,
        tick: r.tick,
        ticks: r.ticks,
        playing: r.playing,
        speed: r.speed,
        ghost: r.ghost,
        expertLoaded: r.expert !== null,
        expertTick: r.expertTick(),
        verifyMs: r.verifyMs,
        lastSeekMs: r.lastSeekMs,
        errors: (r.report?.errors ?? []).map((e) => ({ code: e.code, severity: e.severity, tick: Math.round(e.t * 120) + 1 })),
        notes: r.notes.map((n) => ({ t: n.t, text: n.text, pin: n.pin ?? null })),
        pinsShown: r.pinsNear().length,
        sideBySide: r.sideBySide,
        expertSideTick: r.expertSide?.status === 'ready' ? r.expertSide.tick : null,
        view: r.view,
      };
    },
    replaySeek(tick) {
      const r = appStore.getState().replay?.session;
      r?.step(tick - r.tick);
      return r?.lastSeekMs ?? 0;
    },
    state() {
      const { screen, presenting, paused, session, hud } = appStore.getState();
      if (!session) return { screen, presenting };
      const hand = (h: 'left' | 'right') => {
        const s = session.world.hands[h];
        return { tip: [s.tip[0], s.tip[1], s.tip[2]] as [number, number, number], jaw: s.jaw, instrument: s.instrument };
      };
      const scope = session.world.laparoscope;
      return {
        screen,
        presenting,
        paused,
        tick: session.world.ticks,
        webgl2: hook.renderer?.getContext() instanceof WebGL2RenderingContext,
        scene: session.world.scene?.name ?? null,
        sceneEvents: { ...session.sceneEventCounts },
        woundGap: session.world.scene?.name === 'skin-pad' ? session.world.scene.woundGap() : null,
        energy: session.world.scene?.energy ? { smoke: session.world.scene.energy.smoke.level, charMarks: session.world.scene.energy.char.count } : null,
        hud: { stepsDone: hud.stepsDone, errors: hud.errors.map((e) => e.code), finished: hud.finished },
        steps: session.attempt.engine.steps.map((s) => ({ key: s.key, status: s.status })),
        finishReason: session.attempt.engine.finished?.reason ?? null,
        playbackDone: session.playbackDone,
        hands: { left: hand('left'), right: hand('right') },
        head: {
          recorded: session.tape?.recorder.writer.header.head ?? false,
          position: session.headTracked ? [session.head.position[0], session.head.position[1], session.head.position[2]] : null,
        },
        laparoscope: scope ? { eye: [...scope.view.eye], target: [...scope.view.target] } : null,
        oneHanded: session.tape?.recorder.writer.header.oneHanded ?? false,
      };
    },
  };
  (window as unknown as { __scrub: TestHook }).__scrub = hook;
  return hook;
}

/** Notches of `step` then `fine` that move `from` nearest to `to`. */
function notches(from: number, to: number): { coarse: number; fine: number; value: number } {
  const coarse = Math.trunc((to - from) / DEPTH_RANGE.step);
  const fine = Math.round((to - from - coarse * DEPTH_RANGE.step) / DEPTH_RANGE.fine);
  return { coarse, fine, value: from + coarse * DEPTH_RANGE.step + fine * DEPTH_RANGE.fine };
}

/**
 * Inverts the desktop mapping. The tip lies on the line of sight through the cursor: the cursor goes where
 * the target projects (pointer events carry fractional CSS pixels, as a precise mouse or a trackpad gives
 * them), and the height (holding) or the depth over the surface there (back along the line of sight) is set
 * in notches.
 */
function aimDesktop(d: NonNullable<TestHook['desktop']>, target: Vector3, hand: 'left' | 'right'): DesktopAim | null {
  const held = d.input.hands[hand];
  const r = d.canvas.getBoundingClientRect();
  const surfaces = d.surfaces();
  const aimed = target.clone();
  if (held.heldHeight !== null) aimed.setY(notches(held.heldHeight, target.y).value);
  const v = aimed.project(d.camera);
  const ndc = new Vector2(v.x, v.y);
  let n: ReturnType<typeof notches>;
  if (held.heldHeight !== null) n = notches(held.heldHeight, target.y);
  else {
    const point = new Vector3();
    if (!d.input.surfaceUnder(d.camera, surfaces, ndc, point)) return null;
    const depth = point.sub(target).dot(d.input.ray.direction);
    n = notches(held.depth, Math.min(DEPTH_RANGE.max, Math.max(DEPTH_RANGE.min, depth)));
  }
  // The tip as the input will compute it, with the new height or depth in place.
  const saved = { depth: held.depth, heldHeight: held.heldHeight };
  if (held.heldHeight !== null) held.heldHeight = n.value;
  else held.depth = n.value;
  const tip = new Vector3();
  const ok = d.input.tipUnder(d.camera, surfaces, ndc, tip, hand);
  Object.assign(held, saved);
  if (!ok) return null;
  const x = r.left + ((v.x + 1) / 2) * r.width;
  const y = r.top + ((1 - v.y) / 2) * r.height;
  return { coarse: n.coarse, fine: n.fine, x, y, tip: [tip.x, tip.y, tip.z], covered: coveringElement(d.canvas, x, y) };
}

/** What the pointer meets at client (x, y) if not `canvas` (see DesktopAim.covered). */
function coveringElement(canvas: HTMLCanvasElement, x: number, y: number): string | null {
  const top = document.elementFromPoint(x, y);
  if (top === canvas) return null;
  return top ? `${top.tagName.toLowerCase()}${top.className ? `.${String(top.className).split(' ').join('.')}` : ''}` : 'outside';
}

function estimateGpuBytes(root: Object3D): number {
  const geometries = new Set<BufferGeometry>();
  const textures = new Set<Texture>();
  root.traverse((o) => {
    const mesh = o as Object3D & { geometry?: BufferGeometry; material?: Material | Material[] };
    if (mesh.geometry) geometries.add(mesh.geometry);
    for (const m of [mesh.material ?? []].flat()) {
      for (const value of Object.values(m)) if (value && (value as Texture).isTexture) textures.add(value as Texture);
    }
  });
  let bytes = 0;
  for (const g of geometries) {
    for (const a of Object.values(g.attributes)) bytes += (a.array as ArrayLike<number> & { byteLength: number }).byteLength;
    if (g.index) bytes += (g.index.array as ArrayLike<number> & { byteLength: number }).byteLength;
  }
  for (const t of textures) {
    const img = t.image as { width?: number; height?: number } | undefined;
    // RGBA8 with a full mip chain: 4/3 of the base level.
    bytes += ((img?.width ?? 0) * (img?.height ?? 0) * 4 * 4) / 3;
  }
  if (root instanceof Object && 'environment' in root && (root as Scene).environment) bytes += (256 * 256 * 6 * 8 * 4) / 3;
  return Math.round(bytes);
}
