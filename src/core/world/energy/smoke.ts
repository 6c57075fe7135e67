import type { StateBook, StatefulPart } from '../tissue/state-book.ts';

/**
 * Surgical smoke near the worksite: one density (0 none … 1 the view lost) that rises while energy burns
 * tissue and clears exponentially with time, and where it was last made (world space, m). A suction
 * instrument clears it faster by calling `clear`.
 */
export class Smoke implements StatefulPart {
  /** [density]; an array so that the state book holds it by reference. */
  readonly density = new Float64Array(1);
  readonly source = new Float64Array(3);

  constructor(
    private readonly risePerSec: number,
    private readonly clearSec: number,
  ) {}

  get level(): number {
    return this.density[0]!;
  }

  /** `dt` seconds of burning at `at`: the density moves towards 1. */
  rise(dt: number, at: ArrayLike<number>): void {
    const d = this.density[0]!;
    this.density[0] = d + (1 - d) * (1 - Math.exp(-this.risePerSec * dt));
    for (let k = 0; k < 3; k++) this.source[k] = at[k]!;
  }

  /** `dt` seconds of clearing by itself. */
  decay(dt: number): void {
    this.density[0] = this.density[0]! * Math.exp(-dt / this.clearSec);
  }

  /** Takes `amount` (of the 0…1 density) away at once, never below none: what a suction's tick removes. */
  clear(amount: number): void {
    this.density[0] = Math.max(0, this.density[0]! - Math.max(0, amount));
  }

  register(book: StateBook): void {
    book.array('smoke.density', this.density).array('smoke.source', this.source);
  }
}
