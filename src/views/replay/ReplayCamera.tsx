import { useEffect } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import { WORKSITE } from '../../core/kernel/or-layout.ts';
import type { SceneName } from '../../core/world/scenes/index.ts';
import type { ReplaySession, ReplayView } from '../../app/replay-session.ts';
import { DESKTOP_FOVS, DESKTOP_VIEWS } from '../desktop-camera.ts';
import { FRAME_ORDER } from '../frame-order.ts';
import { filmWith, laparoscopeView } from '../laparoscope-view.ts';

/** A VR headset's vertical field of view, about: for the trainee's head view on a flat screen. */
const HEAD_FOV = 90;

/**
 * Puts the replay's camera where the view says: the desktop's start for the free orbit (OrbitControls then
 * moves it), the laparoscope's eye, fov and target at the playhead (the camera that films the monitor's
 * picture; a held scope moves), or the recorded head pose at the playhead. Not while presenting in VR: the headset is the camera then.
 */
export function ReplayCamera({ session, view, scene }: { session: ReplaySession; view: ReplayView; scene: SceneName }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);

  useEffect(() => {
    if (view === 'orbit') {
      camera.position.set(...DESKTOP_VIEWS[scene]);
      camera.fov = DESKTOP_FOVS[scene];
      camera.lookAt(WORKSITE[0], WORKSITE[1], WORKSITE[2]);
    } else if (view === 'head') camera.fov = HEAD_FOV;
    camera.updateProjectionMatrix();
  }, [camera, view, scene]);

  useFrame(() => {
    if (gl.xr.isPresenting) return;
    if (view === 'laparoscope') {
      // The picture's own aspect: the viewer's canvas may be wider, and shows a little more at the sides.
      filmWith(camera, { ...laparoscopeView(session.world), aspect: camera.aspect });
      return;
    }
    if (view !== 'head') return;
    const pose = session.replayer.recording.headAt(Math.max(0, session.tick - 1));
    if (!pose) return;
    camera.position.set(pose.position[0], pose.position[1], pose.position[2]);
    camera.quaternion.set(pose.orientation[0], pose.orientation[1], pose.orientation[2], pose.orientation[3]);
  }, FRAME_ORDER.views);
  return null;
}
