/**
 * How much the renderer may spend per pixel. Headsets and laptops have GPUs; a software renderer
 * (SwiftShader, llvmpipe — CI, remote desktops) gets plain materials, no shadows and one pixel per pixel,
 * or it would draw a frame a second. `?quality=high|low` overrides the guess.
 */
export type RenderQuality = 'high' | 'low';

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
