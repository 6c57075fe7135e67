/**
 * How much the renderer may spend per pixel. Headsets and laptops have GPUs; a software renderer
 * (SwiftShader, llvmpipe — CI, remote desktops) gets matte materials, no shadows and half the resolution,
 * or it would draw a few frames a second. `?quality=high|low` overrides the guess.
 */
export type RenderQuality = 'high' | 'low';

/**
 * Device pixels per CSS pixel of the scene's canvas. A software renderer's frame cost is mostly per
 * pixel: on two cores at 640×400, 43 ms at full resolution against 13 ms at half (docs/performance.md).
 */
export const PIXEL_RATIO: Record<RenderQuality, number | [number, number]> = { high: [1, 2], low: 0.5 };

export function detectRenderQuality(): RenderQuality {
  const asked = new URLSearchParams(location.search).get('quality');
  if (asked === 'high' || asked === 'low') return asked;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return 'low';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? 'low' : 'high';
}
