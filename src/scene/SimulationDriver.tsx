import { type RefObject, useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { Group, Object3D } from 'three';
import type { LiveSession } from '../session/live-session.ts';
import type { DesktopInput } from '../input/desktop-input.ts';
import { ButtonEdges, XrButton, handOf, readController } from '../xr/controller-input.ts';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, finishSession, setPaused } from '../ui/app-store.ts';
import type { Hand } from '../core/sim/index.ts';

/** Table height, seated or standing: how fast the left thumbstick moves the trainee's floor (m/s), and how far. */
const HEIGHT_RATE = 0.25;
const HEIGHT_RANGE = 0.5;

/**
 * Reads this frame's input (VR controllers while presenting, the mouse otherwise), then steps the
 * simulation. Runs before every other frame callback (priority −1), so views draw the state of the
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
      for (const source of frame.session.inputSources) {
        const hand = handOf(source);
        if (!hand || hand !== 'left') continue;
        // Left thumbstick up raises the table (the trainee's floor goes down), down lowers it.
        const stickY = source.gamepad?.axes[3] ?? 0;
        if (Math.abs(stickY) > 0.2) {
          floor.position.y = Math.min(HEIGHT_RANGE, Math.max(-HEIGHT_RANGE, floor.position.y + stickY * HEIGHT_RATE * delta));
        }
      }
      floor.updateMatrixWorld();
      for (const source of frame.session.inputSources) {
        const hand = handOf(source);
        if (!hand) continue;
        readController(frame, referenceSpace, floor.matrixWorld, source, hand, session.input.hands[hand]);
        // Grip: the next of the protocol's instruments for this hand. B pauses, A finishes, Y leaves VR
        // (the desktop view carries on with the same attempt).
        if (edges.pressed(source, XrButton.squeeze)) nextInstrument(session, hand);
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
  }, -1);

  return null;
}

/** Cycles a hand to the next instrument the protocol gives it (or any instrument without a hand). */
function nextInstrument(session: LiveSession, hand: Hand): void {
  const choices = session.attempt.protocol.instruments.filter((i) => i.hand === undefined || i.hand === hand);
  if (choices.length === 0) return;
  const current = choices.findIndex((i) => i.id === session.input.hands[hand].instrument);
  session.input.hands[hand].instrument = choices[(current + 1) % choices.length]!.id;
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
    const contacts = session.sim.scene?.contacts;
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
