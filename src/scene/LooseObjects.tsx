import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import { type InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import type { LiveSession } from '../session/live-session.ts';

const m = new Matrix4();
const p = new Vector3();
const q = new Quaternion();
const pNow = new Vector3();
const qNow = new Quaternion();
const one = new Vector3(1, 1, 1);

/** The simulation's loose rigid objects, drawn in one call, interpolated between ticks. */
export function LooseObjects({ session }: { session: LiveSession }) {
  const mesh = useRef<InstancedMesh>(null);
  const objects = session.sim.objects;

  useFrame(() => {
    const im = mesh.current;
    if (!im) return;
    const alpha = session.stepper.alpha;
    objects.forEach((body, i) => {
      const { previousPosition: a, position: b, previousQuaternion: qa, quaternion: qb } = body;
      p.set(a.x, a.y, a.z).lerp(pNow.set(b.x, b.y, b.z), alpha);
      q.set(qa.x, qa.y, qa.z, qa.w).slerp(qNow.set(qb.x, qb.y, qb.z, qb.w), alpha);
      im.setMatrixAt(i, m.compose(p, q, one));
    });
    im.instanceMatrix.needsUpdate = true;
  });

  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, objects.length]} castShadow frustumCulled={false}>
      <boxGeometry args={[0.024, 0.024, 0.024]} />
      <meshStandardMaterial color="#d9822b" roughness={0.7} />
    </instancedMesh>
  );
}
