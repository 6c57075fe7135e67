import { useEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { type Mesh, PerspectiveCamera, SRGBColorSpace, WebGLRenderTarget } from 'three';
import type { CameraView } from '../core/kernel/camera-view.ts';
import { LAPAROSCOPE, PORTS } from '../core/kernel/or-layout.ts';
import { FRAME_ORDER } from './frame-order.ts';
import { LaparoscopeLight } from './LaparoscopeLight.tsx';
import { filmWith } from './laparoscope-view.ts';

/** The monitor shows the laparoscope's whole picture, so it has the picture's aspect. */
const MONITOR_SIZE: [number, number] = [0.64, 0.64 / LAPAROSCOPE.aspect];
const MONITOR_POSITION: [number, number, number] = [0, 1.42, -1.05];

/**
 * The laparoscopic theatre: trocars where the instruments pivot, and the laparoscope's picture on a
 * monitor in front of the trainee, as in a real operating room (or an FLS box). The picture is rendered
 * from the laparoscope's camera (`view`, read every frame: a held scope moves) into a texture once per
 * frame; in VR, WebXR is switched off for that pass so the second camera renders as a plain camera.
 */
export function LaparoscopyRig({ resolution, view, mainInside }: { resolution: number; view: () => CameraView; mainInside: boolean }) {
  const { gl, scene } = useThree();
  const camera = useMemo(() => new PerspectiveCamera(LAPAROSCOPE.fovDeg, LAPAROSCOPE.aspect, LAPAROSCOPE.near, 3), []);
  const target = useMemo(() => {
    const t = new WebGLRenderTarget(resolution, Math.round((resolution * MONITOR_SIZE[1]) / MONITOR_SIZE[0]));
    t.texture.colorSpace = SRGBColorSpace;
    return t;
  }, [resolution]);
  const screen = useMemo(() => ({ current: null as Mesh | null }), []);

  useEffect(() => () => target.dispose(), [target]);

  useFrame(() => {
    filmWith(camera, view());
    const xrEnabled = gl.xr.enabled;
    const monitor = screen.current;
    if (monitor) monitor.visible = false; // the monitor must not film itself
    gl.xr.enabled = false;
    gl.setRenderTarget(target);
    gl.render(scene, camera);
    gl.setRenderTarget(null);
    gl.xr.enabled = xrEnabled;
    if (monitor) monitor.visible = true;
  }, FRAME_ORDER.monitor);

  return (
    <group name="laparoscopy">
      <LaparoscopeLight view={view} mainInside={mainInside} />
      {(['left', 'right'] as const).map((hand) => (
        <mesh key={hand} position={PORTS[hand].position} name={`trocar-${hand}`}>
          <cylinderGeometry args={[0.007, 0.007, 0.05, 12]} />
          <meshStandardMaterial color="#39414a" roughness={0.5} metalness={0.4} />
        </mesh>
      ))}
      <group position={MONITOR_POSITION} name="laparoscope-monitor">
        <mesh position={[0, 0, -0.015]}>
          <boxGeometry args={[MONITOR_SIZE[0] + 0.04, MONITOR_SIZE[1] + 0.04, 0.025]} />
          <meshStandardMaterial color="#15181b" roughness={0.4} />
        </mesh>
        <mesh ref={(m) => void (screen.current = m)}>
          <planeGeometry args={MONITOR_SIZE} />
          <meshBasicMaterial map={target.texture} toneMapped={false} />
        </mesh>
      </group>
    </group>
  );
}
