import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/**
 * XPBD distance constraints |xa − xb| = rest, with compliance (m/N) and an alive flag each. Used for
 * stretch, for bending (across a shared edge or two segments apart) and for the suture thread.
 * With `tearRatio` > 0 a constraint stretched beyond rest × tearRatio dies and is queued in `torn`.
 */
export class DistanceConstraints implements SubstepConstraint {
  readonly capacity: number;
  count = 0;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly rest: Float64Array;
  readonly compliance: Float64Array;
  readonly alive: Uint8Array;
  tearRatio = 0;
  readonly torn = new Int32Array(64);
  tornCount = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.rest = new Float64Array(capacity);
    this.compliance = new Float64Array(capacity);
    this.alive = new Uint8Array(capacity);
  }

  add(a: number, b: number, rest: number, compliance: number): number {
    if (this.count >= this.capacity) throw new Error(`distance constraint capacity ${this.capacity} exceeded`);
    const c = this.count++;
    this.a[c] = a;
    this.b[c] = b;
    this.rest[c] = rest;
    this.compliance[c] = compliance;
    this.alive[c] = 1;
    return c;
  }

  clear(): void {
    this.count = 0;
    this.tornCount = 0;
  }

  solve(p: Particles, h: number): void {
    const pos = p.pos;
    const w = p.invMass;
    const invH2 = 1 / (h * h);
    const tear = this.tearRatio;
    const { a, b, rest, compliance, alive } = this;
    for (let c = 0; c < this.count; c++) {
      if (alive[c] === 0) continue;
      const i = a[c]!;
      const j = b[c]!;
      const wi = w[i]!;
      const wj = w[j]!;
      const wsum = wi + wj;
      if (wsum === 0) continue;
      const i3 = 3 * i,
        j3 = 3 * j;
      const dx = pos[i3]! - pos[j3]!;
      const dy = pos[i3 + 1]! - pos[j3 + 1]!;
      const dz = pos[i3 + 2]! - pos[j3 + 2]!;
      const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (len < 1e-12) continue;
      const r = rest[c]!;
      if (tear > 0 && len > r * tear) {
        alive[c] = 0;
        if (this.tornCount < this.torn.length) this.torn[this.tornCount++] = c;
        continue;
      }
      const s = (r - len) / ((wsum + compliance[c]! * invH2) * len);
      const si = wi * s,
        sj = wj * s;
      pos[i3] = pos[i3]! + si * dx;
      pos[i3 + 1] = pos[i3 + 1]! + si * dy;
      pos[i3 + 2] = pos[i3 + 2]! + si * dz;
      pos[j3] = pos[j3]! - sj * dx;
      pos[j3 + 1] = pos[j3 + 1]! - sj * dy;
      pos[j3 + 2] = pos[j3 + 2]! - sj * dz;
    }
  }
}
