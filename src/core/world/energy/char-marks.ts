import type { StateBook, StatefulPart } from '../tissue/state-book.ts';

/** Most char marks a scene keeps; the oldest is overwritten beyond it. */
export const CHAR_CAPACITY = 64;

/**
 * Where an active energy tip touched tissue: dark marks that stay. A mark sits on a structure, riding on one of
 * its particles (`anchor`, at a fixed offset) or, on static tissue (anchor −1), at a fixed point; it grows while
 * the tip burns on it, from `startM` by `growthMPerSec` up to `maxM` (diameters, m).
 */
export class CharMarks implements StatefulPart {
  readonly tag = new Int32Array(CHAR_CAPACITY);
  readonly anchor = new Int32Array(CHAR_CAPACITY);
  /** From the anchor particle (or from the origin, for anchor −1), m. */
  readonly offset = new Float64Array(3 * CHAR_CAPACITY);
  readonly size = new Float64Array(CHAR_CAPACITY);
  /** [marks made so far]: the live ones are the last min(made, CHAR_CAPACITY). */
  readonly made = new Int32Array(1);

  constructor(
    private readonly startM: number,
    private readonly growthMPerSec: number,
    private readonly maxM: number,
  ) {}

  get count(): number {
    return Math.min(this.made[0]!, CHAR_CAPACITY);
  }

  /**
   * `dt` seconds of burning structure `tag` at `point`. `anchor` is the particle the mark rides on (−1: none),
   * `pos` the particle positions. The newest mark grows when the tip is still on it, else a new one starts.
   */
  burn(dt: number, tag: number, point: ArrayLike<number>, anchor: number, pos: ArrayLike<number>): void {
    const last = (this.made[0]! - 1) % CHAR_CAPACITY;
    if (this.made[0]! > 0 && this.tag[last] === tag && this.anchor[last] === anchor) {
      let d2 = 0;
      for (let k = 0; k < 3; k++) {
        const d = this.positionOf(last, k, pos) - point[k]!;
        d2 += d * d;
      }
      const size = this.size[last]!;
      if (d2 <= (size / 2) * (size / 2)) {
        this.size[last] = Math.min(this.maxM, size + this.growthMPerSec * dt);
        return;
      }
    }
    const m = this.made[0]! % CHAR_CAPACITY;
    this.made[0] = this.made[0]! + 1;
    this.tag[m] = tag;
    this.anchor[m] = anchor;
    for (let k = 0; k < 3; k++) this.offset[3 * m + k] = point[k]! - (anchor >= 0 ? pos[3 * anchor + k]! : 0);
    this.size[m] = this.startM;
  }

  /** Coordinate k of mark m, world space, with the particles at `pos`. */
  positionOf(m: number, k: number, pos: ArrayLike<number>): number {
    const a = this.anchor[m]!;
    return this.offset[3 * m + k]! + (a >= 0 ? pos[3 * a + k]! : 0);
  }

  register(book: StateBook): void {
    book
      .array('char.made', this.made)
      .array('char.tag', this.tag, () => this.count)
      .array('char.anchor', this.anchor, () => this.count)
      .array('char.offset', this.offset, () => 3 * this.count)
      .array('char.size', this.size, () => this.count);
  }
}
