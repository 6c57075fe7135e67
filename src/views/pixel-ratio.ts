import { useEffect, useState } from 'react';
import { lowQualityPixelRatio, type RenderQuality } from '../app/render-quality.ts';

/**
 * The scene canvas's pixel ratio (R3F's `dpr`) for the render quality, following the window's size: the
 * canvas fills the window. High quality is a range that follows the display.
 */
export function usePixelRatio(quality: RenderQuality): number | [number, number] {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const resize = (): void => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  return quality === 'high' ? [1, 2] : lowQualityPixelRatio(size.width, size.height);
}
