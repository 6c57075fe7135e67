import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { PerspectiveCamera } from 'three';
import type { SceneName } from '../core/world/scenes/index.ts';
import { loupeFov } from './desktop-camera.ts';

/** The desktop loupe: narrows the room camera's field of view by `zoom`; the mouse's raycast follows the camera. */
export function Loupe({ scene, zoom }: { scene: SceneName; zoom: number }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  useEffect(() => {
    camera.fov = loupeFov(scene, zoom);
    camera.updateProjectionMatrix();
  }, [camera, scene, zoom]);
  return null;
}
