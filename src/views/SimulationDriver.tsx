import { type RefObject, useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { Group, Object3D } from 'three';
import type { LiveSession } from '../app/live-session.ts';
import type { DesktopInput } from '../input/desktop-input.ts';
import { ButtonEdges, XrButton, handOf, readInputSource } from '../xr/controller-input.ts';
import { OriginFit } from '../xr/working-height.ts';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, finishSession, setPaused } from '../app/app-store.ts';
import type { Hand, Vec3 } from '../core/kernel/index.ts';
import { nurseHands, pickAtTray } from '../core/world/instruments/tray.ts';
import { isLaparoscopic } from '../core/world/instruments/catalog.ts';
import { FRAME_ORDER } from './frame-order.ts';

/**
 * Reads this frame's input (VR controllers while presenting, the mouse otherwise), then steps the
 * simulation. Runs before every other frame callback (FRAME_ORDER.input), so views draw the state of the
 * input read in the same frame.
 */
export function SimulationDriver({
  session,
  desktop,
  surfaces,
  origin,
}: {
  session: LiveSession;
  desktop: DesktopInput;
  surfaces: () => Object3D[];
  /** The XR origin (the trainee's floor); moved to fit the table to a seated or standing trainee. */
  origin: RefObject<Group | null>;
}) {
  const gl = useThree((s) => s.gl);
  const edges = useMemo(() => new ButtonEdges(), []);
  const feedback = useMemo(() => new HapticFeedback(), []);
  const fit = useMemo(() => new OriginFit(), []);
  const at = useMemo<Record<Hand, Vec3>>(() => ({ left: [0, 0, 0], right: [0, 0, 0] }), []);
  const laparoscopic = useMemo(() => session.attempt.protocol.instruments.some((i) => isLaparoscopic(i.id)), [session]);

  useEffect(() => {
    desktop.attach(gl.domElement);
    return () => desktop.dispose();
  }, [desktop, gl]);

  useFrame((state, delta, frame?: XRFrame) => {
    const xr = state.gl.xr;
    const referenceSpace = xr.getReferenceSpace();
    const presenting = xr.isPresenting && frame && referenceSpace;
    if (presenting && origin.current) {
      const floor = origin.current;
      let stickY = 0;
      for (const source of frame.session.inputSources) if (handOf(source) === 'left') stickY = source.gamepad?.axes[3] ?? 0;
      // The trainee's floor: fitted to their height when the session starts; left thumbstick up raises the table.
      floor.position.y = fit.height(frame, referenceSpace, laparoscopic, stickY, delta);
      floor.updateMatrixWorld();
      for (const source of frame.session.inputSources) {
        const hand = handOf(source);
        if (!hand) continue;
        const input = session.input.hands[hand];
        readInputSource(frame, referenceSpace, floor.matrixWorld, source, hand, input, at[hand]);
        // Squeeze (a tracked hand: a pinch at the tray) picks at the tray. B pauses, A finishes, Y leaves VR
        // (the desktop view carries on with the same attempt).
        if (source.hand ? edges.pinched(hand, input.jaw) : edges.pressed(source, XrButton.squeeze)) squeeze(session, hand, at[hand], !source.hand);
        if (hand === 'right' && edges.pressed(source, XrButton.bY)) setPaused(!appStore.getState().paused);
        if (hand === 'right' && edges.pressed(source, XrButton.aX)) finishSession();
        if (hand === 'left' && edges.pressed(source, XrButton.bY)) void xrStore.getState().session?.end();
      }
    } else {
      desktop.update(state.camera, surfaces(), session.input.hands[desktop.hand]);
    }
    const logged = session.attempt.findingLog.length;
    const warned = session.attempt.warningLog.length;
    session.frame(delta);
    if (presenting) feedback.pulse(frame.session, session, logged, warned);
  }, FRAME_ORDER.input);

  return null;
}

/**
 * A pick with the hand at `at`: at the tray, take the instrument there or put the held one back; away from
 * it (with `nurse`), the scrub nurse hands over the protocol's next instrument for this hand. Into the
 * input, not the simulation: the pick is part of the recorded attempt.
 */
function squeeze(session: LiveSession, hand: Hand, at: Vec3, nurse: boolean): void {
  const { instruments } = session.attempt.protocol;
  const input = session.input.hands[hand];
  const picked = pickAtTray(at, input.instrument, session.input.hands[hand === 'left' ? 'right' : 'left'].instrument, instruments);
  if (picked !== undefined) input.instrument = picked;
  else if (nurse) input.instrument = nurseHands(instruments, hand, input.instrument);
}

type Pulsable = { pulse?: (value: number, durationMs: number) => Promise<boolean> };

/**
 * Vibration, the only haptics WebXR gives: a short tick when an instrument starts touching tissue, a
 * buzz when it comes near a danger zone (learn mode), a longer one on an error (strongest for a critical
 * one) in both hands.
 */
class HapticFeedback {
  private readonly touching: Record<Hand, boolean> = { left: false, right: false };

  pulse(xrSession: XRSession, session: LiveSession, findingsBefore: number, warningsBefore: number): void {
    const contacts = session.world.scene?.contacts;
    const log = session.attempt.findingLog;
    let error = 0;
    for (let i = findingsBefore; i < log.length; i++) {
      const f = log[i]!;
      if (f.type === 'error') error = Math.max(error, f.severity === 'critical' ? 1 : f.severity === 'major' ? 0.7 : 0.4);
    }
    // Danger-zone warnings buzz only in learn mode; elsewhere they are only logged.
    const danger = session.mode === 'learn' && session.attempt.warningLog.length > warningsBefore;
    for (const source of xrSession.inputSources) {
      const hand = handOf(source);
      if (!hand) continue;
      const actuator = (source.gamepad as (Gamepad & { hapticActuators?: readonly Pulsable[] }) | undefined)?.hapticActuators?.[0];
      const touching = contacts?.[hand === 'left' ? 0 : 1]?.active ?? false;
      if (error > 0) void actuator?.pulse?.(error, error === 1 ? 250 : 120);
      else if (danger) void actuator?.pulse?.(0.8, 150);
      else if (touching && !this.touching[hand]) void actuator?.pulse?.(0.25, 25);
      this.touching[hand] = touching;
    }
  }
}
