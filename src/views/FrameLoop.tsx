import { type RefObject, useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { Group, Object3D } from 'three';
import type { LiveSession } from '../app/live-session.ts';
import type { DesktopInput } from '../input/desktop-input.ts';
import { XrFrameReader, type XrCommand } from '../xr/frame-reader.ts';
import { HapticFeedback } from '../xr/haptics.ts';
import { appStore, beginAttempt, finishSession, leaveVr, togglePause } from '../app/app-store.ts';
import { pickWithHand } from '../core/world/instruments/tray.ts';
import { learnerStore } from '../app/learner.ts';
import { FRAME_ORDER } from './frame-order.ts';

/**
 * The frame loop: reads this frame's input (VR controllers while presenting, the mouse otherwise), carries
 * out the trainee's commands, then steps the simulation. Runs before every other frame callback
 * (FRAME_ORDER.input), so views draw the state of the input read in the same frame.
 */
export function FrameLoop({
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
  const xr = useMemo(
    () =>
      new XrFrameReader(session.attempt.protocol.instruments, {
        mirrored: session.mirrored,
        posture: learnerStore.getState().vrPosture,
        steerable: session.steerable,
      }),
    [session],
  );
  const haptics = useMemo(() => new HapticFeedback(), []);

  useEffect(() => {
    desktop.attach(gl.domElement);
    return () => desktop.dispose();
  }, [desktop, gl]);

  useFrame((state, delta, frame?: XRFrame) => {
    const referenceSpace = state.gl.xr.getReferenceSpace();
    const presenting = state.gl.xr.isPresenting && frame && referenceSpace;
    if (presenting && origin.current) {
      for (const command of xr.read(frame, referenceSpace, origin.current, session.input, delta)) carryOut(command, session);
      session.headTracked = xr.head(frame, referenceSpace, origin.current, session.head);
    } else {
      session.headTracked = false;
      desktop.update(state.camera, surfaces(), session.input.hands[desktop.hand]);
    }
    const logged = session.attempt.findingLog.length;
    const warned = session.attempt.warningLog.length;
    session.frame(delta);
    if (presenting) haptics.pulse(frame.session, session.attempt, logged, warned, session.mirrored);
  }, FRAME_ORDER.input);

  return null;
}

function carryOut(command: XrCommand, session: LiveSession): void {
  switch (command.kind) {
    case 'pick':
      pickWithHand(session.input, command.hand, command.at, command.nurse, session.attempt.protocol.instruments);
      break;
    case 'pause':
      if (appStore.getState().caseCard === null) togglePause();
      break;
    case 'finish':
      // A: begins the attempt behind the case card, else finishes it.
      if (appStore.getState().caseCard !== null) beginAttempt();
      else finishSession();
      break;
    case 'leaveVr':
      leaveVr();
      break;
  }
}
