import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import type { Group } from 'three';
import { instrumentSpec } from '../core/world/instruments/catalog.ts';
import { trayPlace } from '../core/world/instruments/tray.ts';
import { useApp } from '../app/app-store.ts';
import { FRAME_ORDER } from './frame-order.ts';
import { drawnHand, emptyDrawnHand } from './drawn-hand.ts';

const HANDLE_LENGTH = 0.06;
/** The needle (no shaft) lies as a short silver stroke. */
const NEEDLE_LENGTH = 0.02;

/**
 * The protocol's instruments on the tray, each at its place (`trayPlace`, where a hand reaches to take it),
 * lying along z with the handle towards the trainee. One held in either hand is not on the tray.
 */
export function TrayInstruments() {
  const session = useApp((s) => s.session ?? s.replay?.session ?? null);
  const items = useRef<(Group | null)[]>([]);
  const instruments = session?.attempt.protocol.instruments ?? [];

  const drawn = useMemo(() => ({ left: emptyDrawnHand(), right: emptyDrawnHand() }), []);

  useFrame(() => {
    if (!session) return;
    // The hands' instruments as they are drawn in this frame, so one is never on the tray and in a hand.
    const left = drawnHand(session, 'left', drawn.left).instrument;
    const right = drawnHand(session, 'right', drawn.right).instrument;
    instruments.forEach(({ id }, i) => {
      const item = items.current[i];
      if (item) item.visible = left !== id && right !== id;
    });
  }, FRAME_ORDER.views);

  return (
    <group name="tray-instruments">
      {instruments.map(({ id }, i) => {
        const place = trayPlace(id);
        const spec = instrumentSpec(id);
        if (!place || !spec) return null;
        const shaft = spec.shaftLength || NEEDLE_LENGTH;
        return (
          <group key={id} ref={(g) => void (items.current[i] = g)} position={place} name={`tray-${id}`}>
            <mesh position={[0, 0.003, -HANDLE_LENGTH / 2]} rotation={[Math.PI / 2, 0, 0]} castShadow>
              <cylinderGeometry args={[0.0025, 0.0025, shaft, 8]} />
              <meshStandardMaterial color="#b9c0c8" metalness={0.9} roughness={0.25} />
            </mesh>
            {spec.shaftLength > 0 && (
              <mesh position={[0, 0.008, shaft / 2]} rotation={[Math.PI / 2, 0, 0]} castShadow>
                <cylinderGeometry args={[0.008, 0.007, HANDLE_LENGTH, 12]} />
                <meshStandardMaterial color="#2b3a4a" roughness={0.6} />
              </mesh>
            )}
          </group>
        );
      })}
    </group>
  );
}
