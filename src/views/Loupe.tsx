import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import { loupeFov } from './desktop-camera.ts';

/** The desktop loupe: narrows the camera's field of view by `zoom`; the mouse's raycast follows the camera. */
export function Loupe({ zoom }: { zoom: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  useEffect(() => {
    camera.fov = loupeFov(zoom);
    camera.updateProjectionMatrix();
  }, [camera, zoom]);
  return null;
}
