import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { CircleGeometry, ConeGeometry, Group, Mesh, MeshPhysicalMaterial } from 'three';
import type { Fluids } from '../core/world/fluids/fluids.ts';
import { FRAME_ORDER } from './frame-order.ts';

/** Pools lie this far above where they formed (m), clear of the tissue they cover. */
const LIFT = 0.0008;
/** A bleeding point's jet: 6 mm tall at the height of its pulse, about 75 beats a minute. */
const JET_HEIGHT = 0.006;
const PULSE_HZ = 1.25;
/** Drawn over the anatomy (blood hides the worksite from the laparoscope), bile under the blood. */
const BLOOD_ORDER = 12;
const BILE_ORDER = 11;

/**
 * The fluids of a scene (src/core/world/fluids): each pool a flat glossy disc growing with its volume
 * (dark red blood, yellow-green bile), each bleeding point a pulsing jet. Pools are drawn on top of the
 * anatomy, so blood over the worksite obscures the laparoscope's picture until it is aspirated. Reads the
 * fluids in useFrame; no state.
 */
export function BloodPools({ fluids }: { fluids: Fluids }) {
  const built = useMemo(() => {
    const root = new Group();
    root.name = 'fluids';
    const disc = new CircleGeometry(1, 40).rotateX(-Math.PI / 2);
    const jet = new ConeGeometry(0.0012, 1, 10).translate(0, 0.5, 0);
    const over = { transparent: true, depthTest: false, depthWrite: false };
    const blood = new MeshPhysicalMaterial({ color: '#4a0404', roughness: 0.12, clearcoat: 1, clearcoatRoughness: 0.05, opacity: 0.96, ...over });
    const bile = new MeshPhysicalMaterial({ color: '#8a8f1c', roughness: 0.2, clearcoat: 0.8, opacity: 0.85, ...over });
    const spurt = new MeshPhysicalMaterial({ color: '#7a0a0a', roughness: 0.1, clearcoat: 1, ...over });
    const pools = Array.from(fluids.poolVolume, (_, k) => {
      const mesh = new Mesh(disc, blood);
      mesh.name = `pool-${k}`;
      mesh.visible = false;
      mesh.frustumCulled = false;
      root.add(mesh);
      return mesh;
    });
    const jets = Array.from(fluids.bleeding, (_, b) => {
      const mesh = new Mesh(jet, spurt);
      mesh.name = `bleed-${b}`;
      mesh.visible = false;
      mesh.renderOrder = BLOOD_ORDER + 1;
      root.add(mesh);
      return mesh;
    });
    return { root, pools, jets, blood, bile, dispose: [disc, jet, blood, bile, spurt] };
  }, [fluids]);

  useEffect(() => () => void built.dispose.forEach((d) => d.dispose()), [built]);

  useFrame((state) => {
    built.pools.forEach((mesh, k) => {
      const r = k < fluids.poolCount ? fluids.poolRadius(k) : 0;
      mesh.visible = r > 0.0005;
      if (!mesh.visible) return;
      const bile = fluids.kindOf(k) === 'bile';
      mesh.material = bile ? built.bile : built.blood;
      mesh.renderOrder = bile ? BILE_ORDER : BLOOD_ORDER;
      const c = fluids.poolCentre;
      mesh.position.set(c[3 * k]!, c[3 * k + 1]! + LIFT, c[3 * k + 2]!);
      mesh.scale.set(r, 1, r);
    });
    const pulse = 0.55 + 0.45 * Math.abs(Math.sin(Math.PI * PULSE_HZ * state.clock.elapsedTime));
    built.jets.forEach((mesh, b) => {
      mesh.visible = b < fluids.bleedCount && fluids.bleeding[b] === 1;
      if (!mesh.visible) return;
      const p = fluids.bleedPoint;
      mesh.position.set(p[3 * b]!, p[3 * b + 1]!, p[3 * b + 2]!);
      mesh.scale.set(1, JET_HEIGHT * pulse, 1);
    });
  }, FRAME_ORDER.views);

  return <primitive object={built.root} />;
}
