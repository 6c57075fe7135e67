/**
 * How much the renderer may spend per pixel. Headsets and laptops have GPUs; a software renderer
 * (SwiftShader, llvmpipe — CI, remote desktops) gets matte materials, no shadows and a fixed budget of
 * pixels, or it would draw a few frames a second. `?quality=high|low` overrides the guess.
 */
export type RenderQuality = 'high' | 'low';

/**
 * A software renderer's frame cost is mostly per pixel: on two cores the worksite at 640×400 draws in
 * 43 ms at full resolution against 13 ms at half (docs/performance.md). At low quality the canvas is drawn
 * at this many pixels and scaled up, for windows up to 1280×800 (beyond, at a quarter of the resolution).
 */
export const LOW_QUALITY_PIXELS = 320 * 200;

/** Device pixels per CSS pixel for a low-quality canvas of `width` × `height` CSS pixels (0.25–1). */
export function lowQualityPixelRatio(width: number, height: number): number {
  return Math.min(1, Math.max(0.25, Math.sqrt(LOW_QUALITY_PIXELS / Math.max(1, width * height))));
}

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
