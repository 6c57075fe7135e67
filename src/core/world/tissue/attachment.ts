import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';

/**
 * Zero-length XPBD springs from a particle to a fixed point: couple a sheet to the layer below it,
 * tie a structure to its bed. `alive` lets dissection free them one by one.
 */
export class AttachmentConstraints implements SubstepConstraint {
  readonly capacity: number;
  count = 0;
  readonly particle: Int32Array;
  readonly target: Float64Array;
  readonly compliance: Float64Array;
  readonly alive: Uint8Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.particle = new Int32Array(capacity);
    this.target = new Float64Array(capacity * 3);
    this.compliance = new Float64Array(capacity);
    this.alive = new Uint8Array(capacity);
  }

  add(particle: number, x: number, y: number, z: number, compliance: number): number {
    if (this.count >= this.capacity) throw new Error(`attachment capacity ${this.capacity} exceeded`);
    const c = this.count++;
    this.particle[c] = particle;
    this.target[3 * c] = x;
    this.target[3 * c + 1] = y;
    this.target[3 * c + 2] = z;
    this.compliance[c] = compliance;
    this.alive[c] = 1;
    return c;
  }

  clear(): void {
    this.count = 0;
  }

  solve(p: Particles, h: number): void {
    const pos = p.pos;
    const invH2 = 1 / (h * h);
    for (let c = 0; c < this.count; c++) {
      if (this.alive[c] === 0) continue;
      const i = this.particle[c]!;
      const w = p.invMass[i]!;
      if (w === 0) continue;
      // A zero-length constraint moves the particle straight toward its target by this fraction.
      const k = w / (w + this.compliance[c]! * invH2);
      pos[3 * i] = pos[3 * i]! + k * (this.target[3 * c]! - pos[3 * i]!);
      pos[3 * i + 1] = pos[3 * i + 1]! + k * (this.target[3 * c + 1]! - pos[3 * i + 1]!);
      pos[3 * i + 2] = pos[3 * i + 2]! + k * (this.target[3 * c + 2]! - pos[3 * i + 2]!);
    }
  }
}
