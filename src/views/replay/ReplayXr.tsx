import { type RefObject, useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { Group } from 'three';
import { isLaparoscopic } from '../../core/world/instruments/catalog.ts';
import type { ReplaySession } from '../../app/replay-session.ts';
import { leaveVr } from '../../app/app-store.ts';
import { ReplayXrReader, type ReplayXrCommand } from '../../xr/replay-controls.ts';
import { xrStore } from '../../xr/xr-store.ts';
import { FRAME_ORDER } from '../frame-order.ts';

/**
 * The replay in the headset: each XR frame, before playback advances (`ReplayLoop`), places the viewer (standing
 * at the table, or in the trainee's head) and carries out the controllers' commands on the session. A replay
 * opened while the headset is already presenting (its canvas is new) takes the running XR session over.
 */
export function ReplayXr({ session, origin }: { session: ReplaySession; origin: RefObject<Group | null> }) {
  const gl = useThree((s) => s.gl);
  const reader = useMemo(() => new ReplayXrReader(session.protocol.instruments.some((i) => isLaparoscopic(i.id))), [session]);

  useEffect(() => {
    const running = xrStore.getState().session;
    if (running && !gl.xr.isPresenting) void gl.xr.setSession(running);
  }, [gl]);

  useFrame((state, delta, frame?: XRFrame) => {
    const space = state.gl.xr.getReferenceSpace();
    if (!state.gl.xr.isPresenting || !frame || !space || !origin.current) return;
    const head = session.view === 'head' ? session.replayer.recording.headAt(Math.max(0, session.tick - 1)) : null;
    for (const command of reader.read(frame, space, origin.current, head, delta)) carryOut(command, session);
  }, FRAME_ORDER.input - 0.5);

  return null;
}

function carryOut(command: ReplayXrCommand, session: ReplaySession): void {
  switch (command) {
    case 'playPause':
      session.togglePlaying();
      break;
    case 'frameForward':
    case 'frameBack':
      session.step(command === 'frameForward' ? session.ticksPerFrame : -session.ticksPerFrame);
      break;
    case 'faster':
    case 'slower':
      session.stepSpeed(command === 'faster' ? 1 : -1);
      break;
    case 'nextError':
    case 'previousError':
      session.jumpToError(command === 'nextError' ? 1 : -1);
      break;
    case 'toggleView':
      session.toggleHeadView();
      break;
    case 'leaveVr':
      leaveVr();
      break;
  }
}
