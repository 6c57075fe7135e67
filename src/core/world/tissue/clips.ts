import type { Particles } from './particles.ts';
import type { Rods } from './rods.ts';

const MAX_CLIPS = 16;

/**
 * Clips applied on tubular structures. A clip is stored by where it sits on its rod (segment and
 * parameter), so its position is re-derived from the particles every tick: it moves with the structure.
 */
export class Clips {
  count = 0;
  readonly rod = new Int32Array(MAX_CLIPS);
  readonly segment = new Int32Array(MAX_CLIPS);
  readonly t = new Float64Array(MAX_CLIPS);
  /** 1 when the jaws spanned the whole vessel when it was applied. */
  readonly complete = new Uint8Array(MAX_CLIPS);
  /** World position and the rod's direction at the clip, updated each tick (views read them). */
  readonly position = new Float64Array(MAX_CLIPS * 3);
  readonly direction = new Float64Array(MAX_CLIPS * 3);

  add(rod: number, segment: number, t: number, complete: boolean): number {
    if (this.count >= MAX_CLIPS) return -1;
    const c = this.count++;
    this.rod[c] = rod;
    this.segment[c] = segment;
    this.t[c] = t;
    this.complete[c] = complete ? 1 : 0;
    return c;
  }

  update(p: Particles, rods: Rods): void {
    for (let c = 0; c < this.count; c++) {
      const a = 3 * (rods.first[this.rod[c]!]! + this.segment[c]!);
      const t = this.t[c]!;
      let len = 0;
      for (let k = 0; k < 3; k++) {
        const d = p.pos[a + 3 + k]! - p.pos[a + k]!;
        this.position[3 * c + k] = p.pos[a + k]! + d * t;
        this.direction[3 * c + k] = d;
        len += d * d;
      }
      len = Math.sqrt(len) || 1;
      for (let k = 0; k < 3; k++) this.direction[3 * c + k] = this.direction[3 * c + k]! / len;
    }
  }
}
