import { dynamicPart, staticPart, type RenderPart } from '../../anatomy/render-part.ts';
import type { SkinPadAnatomy } from '../../anatomy/skin-pad.ts';
import { structureTag } from '../../anatomy/structures.ts';
import type { Particles } from '../../tissue/particles.ts';
import type { SutureThread } from '../../tissue/suture-thread.ts';
import type { Needle } from './needle.ts';
import type { Skin } from './skin.ts';
import { specimenPotPart } from './specimen-pot.ts';

const LAYER_MATERIAL = { 'subcutaneous-fat': 'fat', fascia: 'fascia', muscle: 'muscle' } as const;

/**
 * The skin pad's render parts: the skin (top surface, underside and the walls of every open edge, so a
 * wound shows the cut dermis), the suture as a line, the needle, the static layers below and, with a
 * lesion, the histology pot. `update` rewrites the dynamic ones from the particles; it changes no state.
 */
export class SkinPadRender {
  readonly parts: RenderPart[];
  private readonly skinPart: RenderPart;
  private readonly threadPart: RenderPart;
  private readonly vertexNormals: Float64Array;
  /** The skin's thickness: how far below its top surface the underside is drawn (m). */
  private readonly thickness: number;
  private renderedTopology = -1;

  constructor(
    private readonly p: Particles,
    private readonly skin: Skin,
    private readonly thread: SutureThread,
    private readonly needle: Needle,
    a: SkinPadAnatomy,
  ) {
    this.vertexNormals = new Float64Array(p.capacity * 3);
    this.thickness = a.skinThickness;
    const cap = p.capacity - skin.first;
    // Room for the top surface and the underside of every skin particle there can be; `update` sets the counts.
    this.skinPart = { ...dynamicPart('skin', 'skin', 'skin', 2 * cap, new Uint32Array(skin.sheet.options.triCapacity * 24)), shade: new Float32Array(cap * 2) };
    this.threadPart = { ...dynamicPart('suture', 'suture', 'suture', thread.segments + 1, new Uint32Array(0), 'line'), radius: 0.00015 };
    this.parts = [
      this.skinPart,
      this.threadPart,
      needle.part,
      ...a.layerMeshes.map((l) => staticPart(l.id, l.id, LAYER_MATERIAL[l.id as keyof typeof LAYER_MATERIAL] ?? 'fat', l.mesh)),
    ];
    if (a.lesion) this.parts.push(specimenPotPart());
  }

  update(): void {
    const p = this.p;
    const s = this.skin.sheet;
    const part = this.skinPart;
    const first = this.skin.first;
    const cap = p.capacity - first;
    const n = p.count - first;
    const nrm = this.vertexNormals;
    nrm.fill(0, 0, 3 * n);
    for (let t = 0; t < s.triCount; t++) {
      if (s.alive[t] === 0) continue;
      const a = s.tri[3 * t]!,
        b = s.tri[3 * t + 1]!,
        c = s.tri[3 * t + 2]!;
      const ex = p.pos[3 * b]! - p.pos[3 * a]!,
        ey = p.pos[3 * b + 1]! - p.pos[3 * a + 1]!,
        ez = p.pos[3 * b + 2]! - p.pos[3 * a + 2]!;
      const fx = p.pos[3 * c]! - p.pos[3 * a]!,
        fy = p.pos[3 * c + 1]! - p.pos[3 * a + 1]!,
        fz = p.pos[3 * c + 2]! - p.pos[3 * a + 2]!;
      const nx = ey * fz - ez * fy,
        ny = ez * fx - ex * fz,
        nz = ex * fy - ey * fx;
      addTo(nrm, a - first, nx, ny, nz);
      addTo(nrm, b - first, nx, ny, nz);
      addTo(nrm, c - first, nx, ny, nz);
    }
    const thick = this.thickness;
    const pos = part.positions;
    const out = part.normals;
    for (let v = 0; v < n; v++) {
      const k = 3 * v;
      const pk = 3 * (first + v);
      const l = Math.sqrt(nrm[k]! * nrm[k]! + nrm[k + 1]! * nrm[k + 1]! + nrm[k + 2]! * nrm[k + 2]!);
      // A particle left in no triangle (all torn away) has no normal: point it up.
      const nx = l > 0 ? nrm[k]! / l : 0,
        ny = l > 0 ? nrm[k + 1]! / l : 1,
        nz = l > 0 ? nrm[k + 2]! / l : 0;
      const x = p.pos[pk]!,
        y = p.pos[pk + 1]!,
        z = p.pos[pk + 2]!;
      pos[k] = x;
      pos[k + 1] = y;
      pos[k + 2] = z;
      out[k] = nx;
      out[k + 1] = ny;
      out[k + 2] = nz;
      const kb = 3 * (cap + v);
      pos[kb] = x - nx * thick;
      pos[kb + 1] = y - ny * thick;
      pos[kb + 2] = z - nz * thick;
      out[kb] = -nx;
      out[kb + 1] = -ny;
      out[kb + 2] = -nz;
    }
    part.vertexCount = cap + n;
    if (this.renderedTopology !== s.topologyVersion) this.writeSkinIndices();
    const tp = this.threadPart.positions;
    for (let k = 0; k < tp.length; k++) tp[k] = p.pos[3 * this.thread.first + k]!;
    this.needle.syncRender();
  }

  private writeSkinIndices(): void {
    const s = this.skin.sheet;
    const p = this.p;
    const part = this.skinPart;
    const first = this.skin.first;
    const cap = p.capacity - first;
    const idx = part.indices;
    let k = 0;
    for (let t = 0; t < s.triCount; t++) {
      if (s.alive[t] === 0) continue;
      const a = s.tri[3 * t]! - first,
        b = s.tri[3 * t + 1]! - first,
        c = s.tri[3 * t + 2]! - first;
      idx[k++] = a;
      idx[k++] = b;
      idx[k++] = c;
      idx[k++] = cap + a;
      idx[k++] = cap + c;
      idx[k++] = cap + b;
      for (let e = 0; e < 3; e++) {
        if (s.nbr[3 * t + e] !== -1) continue;
        const u = s.tri[3 * t + e]! - first,
          v = s.tri[3 * t + ((e + 1) % 3)]! - first;
        // The wall along an open edge: the cut face of the dermis.
        idx[k++] = u;
        idx[k++] = cap + u;
        idx[k++] = cap + v;
        idx[k++] = u;
        idx[k++] = cap + v;
        idx[k++] = v;
      }
    }
    part.indexCount = k;
    const shade = part.shade!;
    const lesion = structureTag('lesion');
    for (let v = 0; v < p.count - first; v++) shade[v] = shade[cap + v] = p.tag[first + v] === lesion ? 1 : 0;
    part.topologyVersion = s.topologyVersion;
    this.renderedTopology = s.topologyVersion;
  }
}

function addTo(v: Float64Array, i: number, x: number, y: number, z: number): void {
  v[3 * i] = v[3 * i]! + x;
  v[3 * i + 1] = v[3 * i + 1]! + y;
  v[3 * i + 2] = v[3 * i + 2]! + z;
}
