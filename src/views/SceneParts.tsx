import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { BufferAttribute, BufferGeometry, Color, CylinderGeometry, Group, InstancedMesh, Matrix4, Mesh, Quaternion, Vector3 } from 'three';
import type { RenderPart } from '../core/world/anatomy/render-part.ts';
import type { Scene } from '../core/world/scenes/index.ts';
import { type TintableMaterial, createTissueMaterials, tintTissue } from './tissue-materials.ts';
import { structureTag } from '../core/world/anatomy/structures.ts';
import type { RenderQuality } from '../app/render-quality.ts';
import { FRAME_ORDER } from './frame-order.ts';

/** Texture repeats per metre: planar UVs from world x/z, enough for the mottling to read as tissue. */
const UV_SCALE = 12;
const PIGMENT = new Color('#3b2219');

interface Drawn {
  part: RenderPart;
  geometry: BufferGeometry;
  topologyVersion: number;
}

/** A part whose colour shows the grasp cues: its own material, its base colour, its structure's tag. */
interface Tinted {
  material: TintableMaterial;
  base: Color;
  tag: number;
}

const cue: [number, number] = [0, 0];

function planarUvs(part: RenderPart, uv: Float32Array): void {
  for (let i = 0; i < part.vertexCount; i++) {
    uv[i * 2] = part.positions[i * 3]! * UV_SCALE;
    uv[i * 2 + 1] = part.positions[i * 3 + 2]! * UV_SCALE;
  }
}

/** Vertex colours from the part's shade (e.g. a lesion's pigment on the skin): white → pigment. */
function shadeColours(part: RenderPart, colours: Float32Array): void {
  const shade = part.shade;
  if (!shade) return;
  for (let i = 0; i < part.vertexCount; i++) {
    const s = shade[i] ?? 0;
    colours[i * 3] = 1 + (PIGMENT.r - 1) * s;
    colours[i * 3 + 1] = 1 + (PIGMENT.g - 1) * s;
    colours[i * 3 + 2] = 1 + (PIGMENT.b - 1) * s;
  }
}

function meshGeometry(part: RenderPart): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(part.positions, 3));
  g.setAttribute('normal', new BufferAttribute(part.normals, 3));
  g.setIndex(new BufferAttribute(part.indices, 1));
  const uv = new Float32Array((part.positions.length / 3) * 2);
  planarUvs(part, uv);
  g.setAttribute('uv', new BufferAttribute(uv, 2));
  if (part.shade) {
    const colours = new Float32Array(part.positions.length);
    shadeColours(part, colours);
    g.setAttribute('color', new BufferAttribute(colours, 3));
  }
  g.setDrawRange(0, part.indexCount);
  g.computeBoundingSphere();
  return g;
}

/**
 * Draws a scene's generated anatomy and objects from its render parts. Static parts are uploaded once;
 * dynamic ones (tissue particles, the thread) are re-read every frame from the same typed arrays, and
 * their index buffer when a cut changes the topology. No allocation per frame.
 */
export function SceneParts({ scene, quality }: { scene: Scene; quality: RenderQuality }) {
  const materials = useMemo(() => createTissueMaterials(quality), [quality]);
  const built = useMemo(() => {
    const root = new Group();
    root.name = `scene-${scene.name}`;
    const drawn: Drawn[] = [];
    const threads: { part: RenderPart; mesh: InstancedMesh }[] = [];
    const tinted: Tinted[] = [];
    for (const part of scene.renderParts) {
      if (part.primitive === 'line') {
        const segments = Math.max(1, part.positions.length / 3 - 1);
        const radius = part.radius ?? 0.0004;
        const mesh = new InstancedMesh(new CylinderGeometry(radius, radius, 1, 6, 1, true), materials.get(part.material, false), segments);
        mesh.name = part.name;
        mesh.frustumCulled = false;
        mesh.userData.structureId = part.structureId;
        // A thread hanging across the line of sight is not a surface the mouse's tip rides on (DesktopInput).
        mesh.userData.seeThrough = true;
        threads.push({ part, mesh });
        root.add(mesh);
        continue;
      }
      const geometry = meshGeometry(part);
      // Soft tissue that can be grasped (dynamic) in a scene with grasp cues gets a material of its own to tint.
      const vertexColors = part.shade !== undefined;
      let material = materials.get(part.material, vertexColors);
      if (part.dynamic && part.graspable !== false && scene.energy) {
        const own = materials.tintable(part.material, vertexColors);
        tinted.push({ material: own, base: own.color.clone(), tag: structureTag(part.structureId) });
        material = own;
      }
      const mesh = new Mesh(geometry, material);
      mesh.name = part.name;
      mesh.userData.structureId = part.structureId;
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      if (part.dynamic) mesh.frustumCulled = false;
      drawn.push({ part, geometry, topologyVersion: part.topologyVersion });
      root.add(mesh);
    }
    return { root, drawn, threads, tinted };
  }, [scene, materials]);

  useEffect(
    () => () => {
      for (const d of built.drawn) d.geometry.dispose();
      for (const t of built.threads) t.mesh.geometry.dispose();
      for (const t of built.tinted) t.material.dispose();
      materials.dispose();
    },
    [built, materials],
  );

  useFrame(() => {
    scene.updateRenderParts();
    for (const d of built.drawn) {
      if (!d.part.dynamic) continue;
      const g = d.geometry;
      g.getAttribute('position').needsUpdate = true;
      g.getAttribute('normal').needsUpdate = true;
      if (d.topologyVersion !== d.part.topologyVersion) {
        d.topologyVersion = d.part.topologyVersion;
        g.index!.needsUpdate = true;
        g.setDrawRange(0, d.part.indexCount);
        const uv = g.getAttribute('uv');
        planarUvs(d.part, uv.array as Float32Array);
        uv.needsUpdate = true;
        const colour = g.getAttribute('color');
        if (colour) {
          shadeColours(d.part, colour.array as Float32Array);
          colour.needsUpdate = true;
        }
      }
    }
    for (const t of built.threads) placeThread(t.part, t.mesh);
    const cues = scene.energy?.cues;
    if (!cues) return;
    for (const t of built.tinted) {
      cues.on(t.tag, cue);
      tintTissue(t.material, t.base, cue[0], cue[1]);
    }
  }, FRAME_ORDER.views);

  return <primitive object={built.root} />;
}

const a = new Vector3();
const b = new Vector3();
const mid = new Vector3();
const dir = new Vector3();
const rot = new Quaternion();
const scale = new Vector3();
const matrix = new Matrix4();
const UP = new Vector3(0, 1, 0);

/** One thin cylinder per thread segment, stretched between consecutive points. */
function placeThread(part: RenderPart, mesh: InstancedMesh): void {
  const p = part.positions;
  const n = Math.min(mesh.instanceMatrix.count, Math.max(0, part.vertexCount - 1));
  for (let i = 0; i < n; i++) {
    a.set(p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!);
    b.set(p[i * 3 + 3]!, p[i * 3 + 4]!, p[i * 3 + 5]!);
    dir.subVectors(b, a);
    const length = dir.length();
    mid.addVectors(a, b).multiplyScalar(0.5);
    if (length > 1e-9) rot.setFromUnitVectors(UP, dir.multiplyScalar(1 / length));
    scale.set(1, Math.max(length, 1e-6), 1);
    mesh.setMatrixAt(i, matrix.compose(mid, rot, scale));
  }
  mesh.count = n;
  mesh.instanceMatrix.needsUpdate = true;
}
