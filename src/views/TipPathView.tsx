import { useMemo } from 'react';
import { usePrefersReducedMotion } from './reduced-motion.ts';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { Box3, BufferGeometry, Float32BufferAttribute, Line, LineBasicMaterial, Vector3 } from 'three';

export interface PathTrack {
  label: string;
  colour: string;
  /** xyz triples, metres, world space. */
  points: Float32Array;
}

/** Instrument tip paths in 3D (the learner's, and the expert's beside them where one exists), orbitable. */
export function TipPathView({ tracks }: { tracks: PathTrack[] }) {
  const reducedMotion = usePrefersReducedMotion();
  const { lines, centre, radius } = useMemo(() => {
    const box = new Box3();
    const lines = tracks
      .filter((t) => t.points.length >= 6)
      .map((t) => {
        const geometry = new BufferGeometry();
        geometry.setAttribute('position', new Float32BufferAttribute(t.points, 3));
        geometry.computeBoundingBox();
        box.union(geometry.boundingBox!);
        return new Line(geometry, new LineBasicMaterial({ color: t.colour }));
      });
    const centre = box.isEmpty() ? new Vector3() : box.getCenter(new Vector3());
    const radius = box.isEmpty() ? 0.1 : Math.max(0.05, box.getSize(new Vector3()).length() / 2);
    return { lines, centre, radius };
  }, [tracks]);

  return (
    <Canvas className="tip-paths" camera={{ position: [centre.x, centre.y + radius * 1.5, centre.z + radius * 2], near: 0.001, far: 100 }} frameloop="demand">
      <color attach="background" args={['#111820']} />
      {lines.map((line, i) => (
        <primitive key={i} object={line} />
      ))}
      <gridHelper args={[radius * 4, 10, '#445', '#223']} position={[centre.x, centre.y - radius, centre.z]} />
      <OrbitControls target={centre} enableDamping={!reducedMotion} />
    </Canvas>
  );
}
