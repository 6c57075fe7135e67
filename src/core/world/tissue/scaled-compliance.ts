/**
 * A constraint set's compliances scaled by 1/h² (the XPBD α̃), kept per constraint and recomputed only for
 * constraints added since the last solve or when the substep h changes: a pure function of the compliances,
 * so the solve's arithmetic is the same as computing it there.
 */
export class ScaledCompliance {
  private readonly alpha: Float64Array;
  private h = Number.NaN;
  private upTo = 0;

  constructor(capacity: number) {
    this.alpha = new Float64Array(capacity);
  }

  /** Constraints from index `c` on were replaced (added anew, or the set cleared). */
  changedFrom(c: number): void {
    if (c < this.upTo) this.upTo = c;
  }

  of(compliance: Float64Array, count: number, h: number, invH2: number): Float64Array {
    if (h !== this.h) {
      this.h = h;
      this.upTo = 0;
    }
    const alpha = this.alpha;
    for (let c = this.upTo; c < count; c++) alpha[c] = compliance[c]! * invH2;
    this.upTo = count;
    return alpha;
  }
}
