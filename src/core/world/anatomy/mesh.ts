/** Plain triangle meshes: positions and normals xyz per vertex, counter-clockwise triangles seen from outside. */
export interface Mesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/** Accumulates vertices and triangles; `build` computes smooth normals. Build time only. */
export class MeshBuilder {
  private readonly pos: number[] = [];
  private readonly idx: number[] = [];

  get vertexCount(): number {
    return this.pos.length / 3;
  }

  vertex(x: number, y: number, z: number): number {
    this.pos.push(x, y, z);
    return this.pos.length / 3 - 1;
  }

  triangle(a: number, b: number, c: number): void {
    this.idx.push(a, b, c);
  }

  quad(a: number, b: number, c: number, d: number): void {
    this.idx.push(a, b, c, a, c, d);
  }

  build(): Mesh {
    const positions = new Float32Array(this.pos);
    const indices = new Uint32Array(this.idx);
    const normals = new Float32Array(positions.length);
    computeNormals(positions, indices, normals, positions.length / 3, indices.length);
    return { positions, normals, indices };
  }
}

/**
 * Adds triangle (a, b, c)'s area-weighted normal (offsets into `positions`) to its corners' normals; with `only`,
 * to the corners it marks (per vertex, 1) alone.
 */
export function addTriangleNormal(positions: ArrayLike<number>, normals: Float32Array, a: number, b: number, c: number, only?: Uint8Array): void {
  const ex = positions[b]! - positions[a]!,
    ey = positions[b + 1]! - positions[a + 1]!,
    ez = positions[b + 2]! - positions[a + 2]!;
  const fx = positions[c]! - positions[a]!,
    fy = positions[c + 1]! - positions[a + 1]!,
    fz = positions[c + 2]! - positions[a + 2]!;
  const nx = ey * fz - ez * fy,
    ny = ez * fx - ex * fz,
    nz = ex * fy - ey * fx;
  addTo(normals, a, nx, ny, nz, only);
  addTo(normals, b, nx, ny, nz, only);
  addTo(normals, c, nx, ny, nz, only);
}

function addTo(normals: Float32Array, o: number, nx: number, ny: number, nz: number, only: Uint8Array | undefined): void {
  if (only && only[o / 3] === 0) return;
  normals[o] = normals[o]! + nx;
  normals[o + 1] = normals[o + 1]! + ny;
  normals[o + 2] = normals[o + 2]! + nz;
}

/** Area-weighted vertex normals, written in place (allocation-free, used every tick for dynamic parts). */
export function computeNormals(positions: ArrayLike<number>, indices: ArrayLike<number>, normals: Float32Array, vertexCount: number, indexCount: number): void {
  normals.fill(0, 0, vertexCount * 3);
  for (let i = 0; i < indexCount; i += 3) addTriangleNormal(positions, normals, 3 * indices[i]!, 3 * indices[i + 1]!, 3 * indices[i + 2]!);
  for (let v = 0; v < vertexCount; v++) {
    const k = 3 * v;
    const l = Math.sqrt(normals[k]! * normals[k]! + normals[k + 1]! * normals[k + 1]! + normals[k + 2]! * normals[k + 2]!);
    if (l > 0) {
      normals[k] = normals[k]! / l;
      normals[k + 1] = normals[k + 1]! / l;
      normals[k + 2] = normals[k + 2]! / l;
    } else {
      normals[k + 1] = 1;
    }
  }
}

/** An axis-aligned box with flat faces (24 vertices so the shading is crisp), rotated about y by `yaw`. */
export function addBox(m: MeshBuilder, centre: readonly number[], half: readonly number[], yaw = 0): void {
  const c = Math.cos(yaw),
    s = Math.sin(yaw);
  const corner = (sx: number, sy: number, sz: number): number => {
    const x = sx * half[0]!,
      z = sz * half[2]!;
    return m.vertex(centre[0]! + c * x + s * z, centre[1]! + sy * half[1]!, centre[2]! - s * x + c * z);
  };
  const faces: [number, number, number][][] = [
    [
      [1, -1, -1],
      [1, 1, -1],
      [1, 1, 1],
      [1, -1, 1],
    ],
    [
      [-1, -1, 1],
      [-1, 1, 1],
      [-1, 1, -1],
      [-1, -1, -1],
    ],
    [
      [-1, 1, -1],
      [-1, 1, 1],
      [1, 1, 1],
      [1, 1, -1],
    ],
    [
      [-1, -1, 1],
      [-1, -1, -1],
      [1, -1, -1],
      [1, -1, 1],
    ],
    [
      [-1, -1, 1],
      [1, -1, 1],
      [1, 1, 1],
      [-1, 1, 1],
    ],
    [
      [1, -1, -1],
      [-1, -1, -1],
      [-1, 1, -1],
      [1, 1, -1],
    ],
  ];
  for (const f of faces) {
    const [a, b, d, e] = f.map(([x, y, z]) => corner(x, y, z)) as [number, number, number, number];
    m.quad(a, b, d, e);
  }
}

/**
 * A closed surface of revolution-like body: rings of `around` vertices at `along` stations between two
 * pole vertices. `point(u, v)` gives the surface point for u ∈ [0, 1] along (0 and 1 are the poles) and
 * v ∈ [0, 1) around. Returns the index of the first vertex.
 */
export function addLatLong(m: MeshBuilder, along: number, around: number, point: (u: number, v: number) => readonly number[]): number {
  const first = m.vertexCount;
  const p0 = point(0, 0);
  const south = m.vertex(p0[0]!, p0[1]!, p0[2]!);
  for (let i = 1; i < along; i++) {
    for (let j = 0; j < around; j++) {
      const p = point(i / along, j / around);
      m.vertex(p[0]!, p[1]!, p[2]!);
    }
  }
  const p1 = point(1, 0);
  const north = m.vertex(p1[0]!, p1[1]!, p1[2]!);
  const ring = (i: number, j: number): number => first + 1 + (i - 1) * around + (((j % around) + around) % around);
  for (let j = 0; j < around; j++) m.triangle(south, ring(1, j + 1), ring(1, j));
  for (let i = 1; i < along - 1; i++) {
    for (let j = 0; j < around; j++) m.quad(ring(i, j), ring(i, j + 1), ring(i + 1, j + 1), ring(i + 1, j));
  }
  for (let j = 0; j < around; j++) m.triangle(north, ring(along - 1, j), ring(along - 1, j + 1));
  return first;
}

/** A capped vertical cylinder standing on `base`. */
export function addCylinder(m: MeshBuilder, base: readonly number[], radius: number, height: number, segments: number, topRadius = radius): void {
  const bot = m.vertex(base[0]!, base[1]!, base[2]!);
  const top = m.vertex(base[0]!, base[1]! + height, base[2]!);
  const first = m.vertexCount;
  for (let j = 0; j < segments; j++) {
    const a = (2 * Math.PI * j) / segments;
    m.vertex(base[0]! + radius * Math.cos(a), base[1]!, base[2]! - radius * Math.sin(a));
    m.vertex(base[0]! + topRadius * Math.cos(a), base[1]! + height, base[2]! - topRadius * Math.sin(a));
  }
  for (let j = 0; j < segments; j++) {
    const b0 = first + 2 * j,
      t0 = b0 + 1;
    const b1 = first + 2 * ((j + 1) % segments),
      t1 = b1 + 1;
    m.quad(b0, b1, t1, t0);
    m.triangle(top, t0, t1);
    m.triangle(bot, b1, b0);
  }
}

/** An open cup standing on `base` (a pot): outer wall, rim, inner wall `wall` thick, and its floor `wall` above the base. */
export function addCup(m: MeshBuilder, base: readonly number[], radius: number, height: number, wall: number, segments: number): void {
  const [x, y, z] = [base[0]!, base[1]!, base[2]!];
  const inner = radius - wall;
  const bot = m.vertex(x, y, z);
  const floor = m.vertex(x, y + wall, z);
  const first = m.vertexCount;
  for (let j = 0; j < segments; j++) {
    const c = Math.cos((2 * Math.PI * j) / segments),
      s = -Math.sin((2 * Math.PI * j) / segments);
    m.vertex(x + radius * c, y, z + radius * s);
    m.vertex(x + radius * c, y + height, z + radius * s);
    m.vertex(x + inner * c, y + height, z + inner * s);
    m.vertex(x + inner * c, y + wall, z + inner * s);
  }
  for (let j = 0; j < segments; j++) {
    const a = first + 4 * j,
      b = first + 4 * ((j + 1) % segments);
    m.quad(a, b, b + 1, a + 1);
    m.quad(a + 1, b + 1, b + 2, a + 2);
    m.quad(a + 2, b + 2, b + 3, a + 3);
    m.triangle(floor, a + 3, b + 3);
    m.triangle(bot, b, a);
  }
}

/**
 * A flat triangular ring (the FLS rubber object): an equilateral triangle of circumradius `outer` with
 * a triangular hole of circumradius `inner`, extruded `thickness` along y, centred on the origin.
 */
export function addTriangleRing(m: MeshBuilder, outer: number, inner: number, thickness: number): void {
  const first = m.vertexCount;
  for (const y of [-thickness / 2, thickness / 2]) {
    for (const r of [outer, inner]) {
      for (let k = 0; k < 3; k++) {
        const a = Math.PI / 2 + (2 * Math.PI * k) / 3;
        m.vertex(r * Math.cos(a), y, -r * Math.sin(a));
      }
    }
  }
  // Vertex (layer, ring, corner): layer 0 bottom / 1 top, ring 0 outer / 1 inner.
  const v = (layer: number, ring: number, k: number): number => first + layer * 6 + ring * 3 + (k % 3);
  for (let k = 0; k < 3; k++) {
    m.quad(v(1, 0, k), v(1, 0, k + 1), v(1, 1, k + 1), v(1, 1, k));
    m.quad(v(0, 0, k + 1), v(0, 0, k), v(0, 1, k), v(0, 1, k + 1));
    m.quad(v(0, 0, k), v(0, 0, k + 1), v(1, 0, k + 1), v(1, 0, k));
    m.quad(v(0, 1, k + 1), v(0, 1, k), v(1, 1, k), v(1, 1, k + 1));
  }
}

/** Appends several meshes into one (one draw call). */
export function mergeMeshes(meshes: readonly Mesh[]): Mesh {
  let nv = 0;
  let ni = 0;
  for (const m of meshes) {
    nv += m.positions.length;
    ni += m.indices.length;
  }
  const positions = new Float32Array(nv);
  const normals = new Float32Array(nv);
  const indices = new Uint32Array(ni);
  let ov = 0;
  let oi = 0;
  for (const m of meshes) {
    positions.set(m.positions, ov);
    normals.set(m.normals, ov);
    for (let i = 0; i < m.indices.length; i++) indices[oi + i] = m.indices[i]! + ov / 3;
    ov += m.positions.length;
    oi += m.indices.length;
  }
  return { positions, normals, indices };
}

/**
 * Whether a triangle soup is a closed surface once coincident vertices are welded: every edge is
 * shared by exactly two triangles, in opposite directions (consistently wound).
 */
export function isClosed(positions: ArrayLike<number>, indices: ArrayLike<number>, indexCount = indices.length): boolean {
  const weld = new Map<string, number>();
  const id = (v: number): number => {
    const key = `${Math.round(positions[3 * v]! * 1e6)},${Math.round(positions[3 * v + 1]! * 1e6)},${Math.round(positions[3 * v + 2]! * 1e6)}`;
    let w = weld.get(key);
    if (w === undefined) weld.set(key, (w = weld.size));
    return w;
  };
  const directed = new Map<string, number>();
  for (let i = 0; i < indexCount; i += 3) {
    const t = [id(indices[i]!), id(indices[i + 1]!), id(indices[i + 2]!)];
    for (let k = 0; k < 3; k++) {
      const key = `${t[k]},${t[(k + 1) % 3]}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of directed) {
    if (n !== 1) return false;
    const [a, b] = key.split(',');
    if (directed.get(`${b},${a}`) !== 1) return false;
  }
  return directed.size > 0;
}

/** Enclosed volume of a closed, outward-wound surface (m³). */
export function enclosedVolume(positions: ArrayLike<number>, indices: ArrayLike<number>, indexCount = indices.length): number {
  let v = 0;
  for (let i = 0; i < indexCount; i += 3) {
    const a = 3 * indices[i]!,
      b = 3 * indices[i + 1]!,
      c = 3 * indices[i + 2]!;
    v +=
      positions[a]! * (positions[b + 1]! * positions[c + 2]! - positions[b + 2]! * positions[c + 1]!) +
      positions[a + 1]! * (positions[b + 2]! * positions[c]! - positions[b]! * positions[c + 2]!) +
      positions[a + 2]! * (positions[b]! * positions[c + 1]! - positions[b + 1]! * positions[c]!);
  }
  return v / 6;
}
