import type { SubstepConstraint } from './constraint.ts';
import type { Particles } from './particles.ts';
import { ScaledCompliance } from './scaled-compliance.ts';

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
  private readonly scaled: ScaledCompliance;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.particle = new Int32Array(capacity);
    this.target = new Float64Array(capacity * 3);
    this.compliance = new Float64Array(capacity);
    this.alive = new Uint8Array(capacity);
    this.scaled = new ScaledCompliance(capacity);
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
    this.scaled.changedFrom(c);
    return c;
  }

  clear(): void {
    this.count = 0;
    this.scaled.changedFrom(0);
  }

  solve(p: Particles, h: number): void {
    const pos = p.pos;
    const invMass = p.invMass;
    const invH2 = 1 / (h * h);
    const alpha = this.scaled.of(this.compliance, this.count, h, invH2);
    const { particle, target, alive } = this;
    const count = this.count;
    for (let c = 0; c < count; c++) {
      if (alive[c] === 0) continue;
      const i = particle[c]!;
      const w = invMass[i]!;
      if (w === 0) continue;
      // A zero-length constraint moves the particle straight toward its target by this fraction.
      const k = w / (w + alpha[c]!);
      const i3 = 3 * i,
        c3 = 3 * c;
      pos[i3] = pos[i3]! + k * (target[c3]! - pos[i3]!);
      pos[i3 + 1] = pos[i3 + 1]! + k * (target[c3 + 1]! - pos[i3 + 1]!);
      pos[i3 + 2] = pos[i3 + 2]! + k * (target[c3 + 2]! - pos[i3 + 2]!);
    }
  }
}
