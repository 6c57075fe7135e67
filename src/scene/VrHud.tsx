import { useEffect, useMemo } from 'react';
import { CanvasTexture, SRGBColorSpace } from 'three';
import { appStore } from '../ui/app-store.ts';

const WIDTH = 1024;
const HEIGHT = 256;

/**
 * A status panel in the world, readable in the headset: procedure, mode, pause state and the controller
 * buttons. Drawn on a 2D canvas (no font download) and redrawn only when the state it shows changes.
 */
export function VrHud({ title }: { title: string }) {
  const canvas = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = WIDTH;
    c.height = HEIGHT;
    return c;
  }, []);
  const texture = useMemo(() => {
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    return t;
  }, [canvas]);

  useEffect(() => {
    const draw = (): void => {
      const { mode, paused } = appStore.getState();
      const g = canvas.getContext('2d');
      if (!g) return;
      g.fillStyle = 'rgba(12, 24, 32, 0.85)';
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.fillStyle = '#ffffff';
      g.font = 'bold 44px sans-serif';
      g.fillText(title, 32, 70);
      g.font = '34px sans-serif';
      g.fillStyle = paused ? '#ffd166' : '#a8dadc';
      g.fillText(paused ? `PAUSED — ${mode} mode` : `${mode[0]!.toUpperCase()}${mode.slice(1)} mode`, 32, 130);
      g.fillStyle = '#d0d8dc';
      g.font = '30px sans-serif';
      g.fillText('Trigger: close jaws   ·   B: pause / resume   ·   Y: leave VR', 32, 205);
      texture.needsUpdate = true;
    };
    draw();
    return appStore.subscribe((s, prev) => {
      if (s.paused !== prev.paused || s.mode !== prev.mode) draw();
    });
  }, [canvas, texture, title]);

  useEffect(() => () => texture.dispose(), [texture]);

  return (
    <mesh position={[0, 1.75, -1.1]} name="vr-hud">
      <planeGeometry args={[0.8, 0.2]} />
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}
