import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { CanvasTexture, type Group, SRGBColorSpace } from 'three';
import { TICK_HZ } from '../../core/kernel/index.ts';
import type { Annotation } from '../../core/scoring/index.ts';
import { PIN_WINDOW_SECONDS, type ReplaySession } from '../../app/replay-session.ts';
import { FRAME_ORDER } from '../frame-order.ts';

const PIN_COLOUR = '#ffd23f';
/** The label's height as a fraction of the view's height (the same on screen at any distance), and in canvas pixels. */
const LABEL_HEIGHT = 0.045;
const LABEL_PX = 64;
const LABEL_CHARS = 48;
/** The label floats this far above the pin's point (m), on a stem. */
const STEM = 0.025;

/** A note's text drawn once into a texture: dark box, yellow border, the time and the (shortened) note. */
function labelTexture(note: Annotation): { texture: CanvasTexture; aspect: number } {
  const text = `${note.t.toFixed(1)} s · ${note.text.length > LABEL_CHARS ? `${note.text.slice(0, LABEL_CHARS - 1)}…` : note.text}`;
  const h = LABEL_PX;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  const font = `${Math.round(h * 0.6)}px system-ui, sans-serif`;
  ctx.font = font;
  const w = Math.ceil(ctx.measureText(text).width + h * 0.6);
  canvas.width = w;
  canvas.height = h;
  ctx.fillStyle = 'rgba(20, 24, 28, 0.85)';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = PIN_COLOUR;
  ctx.lineWidth = 4;
  ctx.strokeRect(2, 2, w - 4, h - 4);
  ctx.font = font;
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, h * 0.3, h / 2);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  return { texture, aspect: w / h };
}

/**
 * The instructor's pinned notes in the scene: a small yellow marker at the pin, a stem, and the note as a
 * label facing the camera at a constant size on screen (its lower left corner at the stem's top), each shown only while the playhead is within `PIN_WINDOW_SECONDS` of its time
 * (visibility set in useFrame, nothing re-rendered per frame). Sprites, so they show in the headset too.
 */
export function NotePins({ session, notes }: { session: ReplaySession; notes: readonly Annotation[] }) {
  const pinned = useMemo(
    () => notes.filter((n): n is Annotation & { pin: [number, number, number] } => n.pin !== undefined).map((n) => ({ note: n, ...labelTexture(n) })),
    [notes],
  );
  useEffect(() => () => pinned.forEach((p) => p.texture.dispose()), [pinned]);
  const groups = useRef<(Group | null)[]>([]);
  useFrame(() => {
    const t = session.tick / TICK_HZ;
    pinned.forEach((p, i) => {
      const g = groups.current[i];
      if (g) g.visible = Math.abs(p.note.t - t) <= PIN_WINDOW_SECONDS;
    });
  }, FRAME_ORDER.views);
  return (
    <>
      {pinned.map((p, i) => (
        <group
          key={p.note.id}
          ref={(g) => {
            groups.current[i] = g;
          }}
          position={p.note.pin}
          visible={false}
        >
          <mesh renderOrder={11}>
            <sphereGeometry args={[0.004, 12, 8]} />
            <meshBasicMaterial color={PIN_COLOUR} depthTest={false} transparent />
          </mesh>
          <mesh position={[0, STEM / 2, 0]} renderOrder={11}>
            <cylinderGeometry args={[0.0005, 0.0005, STEM, 6]} />
            <meshBasicMaterial color={PIN_COLOUR} depthTest={false} transparent />
          </mesh>
          <sprite position={[0, STEM, 0]} center={[0, 0]} scale={[LABEL_HEIGHT * p.aspect, LABEL_HEIGHT, 1]} renderOrder={12}>
            <spriteMaterial map={p.texture} depthTest={false} transparent sizeAttenuation={false} />
          </sprite>
        </group>
      ))}
    </>
  );
}
