import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';

/**
 * A 2D canvas of `width` × `height` pixels and the texture that shows it in the scene (sRGB), for the panels drawn
 * in the headset (the HUD, the replay's panel): draw into `canvas`, then set `texture.needsUpdate`. The texture is
 * disposed with the component.
 */
export function useCanvasPanel(width: number, height: number): { canvas: HTMLCanvasElement; texture: CanvasTexture } {
  const panel = useMemo(() => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const texture = new CanvasTexture(canvas);
    texture.colorSpace = SRGBColorSpace;
    return { canvas, texture };
  }, [width, height]);
  useEffect(() => () => panel.texture.dispose(), [panel]);
  return panel;
}
