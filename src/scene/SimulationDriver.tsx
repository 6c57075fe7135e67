import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Matrix4, type Object3D } from 'three';
import type { LiveSession } from '../session/live-session.ts';
import type { DesktopInput } from '../input/desktop-input.ts';
import { ButtonEdges, XrButton, handOf, readController } from '../xr/controller-input.ts';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, setPaused } from '../ui/app-store.ts';

const IDENTITY = new Matrix4();

/**
 * Reads this frame's input (VR controllers while presenting, the mouse otherwise), then steps the
 * simulation. Runs before every other frame callback (priority −1), so views draw the state of the
 * input read in the same frame.
 */
export function SimulationDriver({
  session,
  desktop,
  surfaces,
}: {
  session: LiveSession;
  desktop: DesktopInput;
  surfaces: () => Object3D[];
}) {
  const gl = useThree((s) => s.gl);
  const edges = useMemo(() => new ButtonEdges(), []);

  useEffect(() => {
    desktop.attach(gl.domElement);
    return () => desktop.dispose();
  }, [desktop, gl]);

  useFrame((state, delta, frame?: XRFrame) => {
    const xr = state.gl.xr;
    const referenceSpace = xr.getReferenceSpace();
    if (xr.isPresenting && frame && referenceSpace) {
      for (const source of frame.session.inputSources) {
        const hand = handOf(source);
        if (!hand) continue;
        readController(frame, referenceSpace, IDENTITY, source, session.input.hands[hand]);
        // B toggles pause, Y leaves VR (the desktop view carries on with the same attempt).
        if (hand === 'right' && edges.pressed(source, XrButton.bY)) setPaused(!appStore.getState().paused);
        if (hand === 'left' && edges.pressed(source, XrButton.bY)) void xrStore.getState().session?.end();
      }
    } else {
      desktop.update(state.camera, surfaces(), session.input.hands[desktop.hand]);
    }
    session.frame(delta);
  }, -1);

  return null;
}
