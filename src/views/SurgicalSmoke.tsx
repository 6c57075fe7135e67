import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, DataTexture, LinearFilter, Points, PointsMaterial, RGBAFormat } from 'three';
import type { Smoke } from '../core/world/energy/smoke.ts';
import { FRAME_ORDER } from './frame-order.ts';

/** Puffs drawn (one draw call for all), their size (m) and how high they drift above the source before they recycle. */
const PUFFS = 10;
const PUFF_SIZE = 0.028;
const RISE = 0.03;
/** Density at which the smoke is as opaque as it gets. */
const MOST_OPAQUE = 0.75;

/** A soft round puff: white, alpha falling off smoothly to the rim. */
function puffTexture(): DataTexture {
  const n = 64;
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot((x + 0.5) / n - 0.5, (y + 0.5) / n - 0.5) * 2;
      const a = r >= 1 ? 0 : (1 - r * r) ** 2;
      const i = 4 * (y * n + x);
      data[i] = data[i + 1] = data[i + 2] = 235;
      data[i + 3] = Math.round(255 * a);
    }
  }
  const t = new DataTexture(data, n, n, RGBAFormat);
  t.magFilter = t.minFilter = LinearFilter;
  t.needsUpdate = true;
  return t;
}

/** Where puff k sits around the source: a fixed spread, drifting up with its own phase of the drift. */
function place(k: number, seconds: number, source: Float64Array, out: Float32Array): void {
  const angle = k * 2.39996; // the golden angle: an even, unpatterned ring
  const phase = (seconds * 0.25 + k / PUFFS) % 1;
  const spread = 0.006 + 0.012 * phase;
  out[3 * k] = source[0]! + Math.cos(angle) * spread;
  out[3 * k + 1] = source[1]! + 0.004 + RISE * phase;
  out[3 * k + 2] = source[2]! + Math.sin(angle) * spread;
}

/**
 * Surgical smoke (docs/tissue.md, "Energy"): a few soft translucent puffs rising from where the hook last burnt,
 * in front of the laparoscope, as opaque as the simulation's smoke density; one draw call, hidden when clear.
 * The drift is drawn only (the simulation has one density, not a plume).
 */
export function SurgicalSmoke({ smoke }: { smoke: Smoke }) {
  const built = useMemo(() => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(PUFFS * 3), 3));
    const material = new PointsMaterial({
      map: puffTexture(),
      size: PUFF_SIZE,
      sizeAttenuation: true,
      transparent: true,
      depthWrite: false,
      opacity: 0,
      color: '#d8d4cc',
    });
    const points = new Points(geometry, material);
    points.name = 'surgical-smoke';
    points.frustumCulled = false;
    points.renderOrder = 10;
    points.raycast = () => undefined;
    points.visible = false;
    return { points, geometry, material };
  }, []);

  useEffect(
    () => () => {
      built.geometry.dispose();
      built.material.map?.dispose();
      built.material.dispose();
    },
    [built],
  );

  useFrame((state) => {
    const density = smoke.level;
    built.points.visible = density > 0.01;
    if (!built.points.visible) return;
    built.material.opacity = Math.min(1, density / MOST_OPAQUE) * 0.85;
    const position = built.geometry.getAttribute('position') as BufferAttribute;
    for (let k = 0; k < PUFFS; k++) place(k, state.clock.elapsedTime, smoke.source, position.array as Float32Array);
    position.needsUpdate = true;
  }, FRAME_ORDER.views);

  return <primitive object={built.points} />;
}
