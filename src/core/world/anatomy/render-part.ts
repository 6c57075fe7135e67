import type { StructureId } from './structures.ts';

export type MaterialHint =
  | 'skin'
  | 'dermis'
  | 'fat'
  | 'fascia'
  | 'muscle'
  | 'lesion'
  | 'suture'
  | 'needle'
  | 'liver'
  | 'gallbladder'
  | 'duct'
  | 'artery'
  | 'peritoneum'
  | 'rubber'
  | 'peg'
  | 'board'
  | 'box'
  | 'metal'
  | 'pot';

/**
 * One drawable piece of a scene, as plain typed arrays a view can wrap in buffer attributes once.
 * Static parts never change. Dynamic parts keep the same arrays for the life of the scene: their
 * positions and normals are rewritten after every tick, and when `topologyVersion` changes the view
 * re-reads `indices`, `indexCount` and `vertexCount` (draw range) too.
 */
export interface RenderPart {
  /** Unique within the scene. */
  name: string;
  structureId: StructureId;
  material: MaterialHint;
  /** 'mesh': indexed triangles. 'line': a polyline through the first vertexCount positions (a thread). */
  primitive: 'mesh' | 'line';
  dynamic: boolean;
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  vertexCount: number;
  indexCount: number;
  topologyVersion: number;
  /** Optional per-vertex scalar 0..1 (e.g. pigment of a lesion on the skin). */
  shade?: Float32Array;
  /** For lines: the radius to draw them with (m). */
  radius?: number;
  /** False for a dynamic part moved for drawing only (the liver's give): no tissue to grasp, so no grasp-cue tint. */
  graspable?: boolean;
}

export function staticPart(
  name: string,
  structureId: StructureId,
  material: MaterialHint,
  mesh: { positions: Float32Array; normals: Float32Array; indices: Uint32Array },
): RenderPart {
  return {
    name,
    structureId,
    material,
    primitive: 'mesh',
    dynamic: false,
    positions: mesh.positions,
    normals: mesh.normals,
    indices: mesh.indices,
    vertexCount: mesh.positions.length / 3,
    indexCount: mesh.indices.length,
    topologyVersion: 0,
  };
}

/**
 * A dynamic part with room for `vertices` vertices (positions and normals to be written) and the given
 * index buffer; it starts drawing all the vertices and none of the indices.
 */
export function dynamicPart(
  name: string,
  structureId: StructureId,
  material: MaterialHint,
  vertices: number,
  indices: Uint32Array,
  primitive: RenderPart['primitive'] = 'mesh',
): RenderPart {
  return {
    name,
    structureId,
    material,
    primitive,
    dynamic: true,
    positions: new Float32Array(vertices * 3),
    normals: new Float32Array(vertices * 3),
    indices,
    vertexCount: vertices,
    indexCount: 0,
    topologyVersion: 0,
  };
}

export function triangleCount(parts: readonly RenderPart[]): number {
  let n = 0;
  for (const p of parts) n += p.primitive === 'mesh' ? p.indexCount / 3 : Math.max(0, p.vertexCount - 1) * 16;
  return n;
}
