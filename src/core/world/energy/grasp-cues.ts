import type { DistanceConstraints } from '../tissue/distance.ts';
import type { StateBook, StatefulPart } from '../tissue/state-book.ts';

/**
 * What a grasp does to the look of tissue, per hand: blanching (0 … 1) from the jaws' squeeze and pull, and tension
 * (0 … 1: the share of the way to tearing) from how far the held tissue is stretched. Both are 0 and the tag
 * −1 while the hand holds nothing.
 */
export class GraspCues implements StatefulPart {
  /** Per hand: structure tag held, or −1. */
  readonly tag = new Int32Array(2).fill(-1);
  readonly blanch = new Float64Array(2);
  readonly tension = new Float64Array(2);

  constructor(
    private readonly blanchStartN: number,
    private readonly blanchFullN: number,
  ) {}

  /**
   * Blanching of a bite: `squeeze` (0 jaws just closed on it … 1 shut hard) blanches it half-way, and its pull
   * (N, from the blanch start, smoothly, to the full force) the rest.
   */
  blanching(squeeze: number, force: number): number {
    const x = Math.min(1, Math.max(0, (force - this.blanchStartN) / (this.blanchFullN - this.blanchStartN)));
    return Math.min(1, Math.max(0, squeeze)) * (0.5 + 0.5 * x * x * (3 - 2 * x));
  }

  set(h: number, tag: number, squeeze: number, force: number, tension: number): void {
    this.tag[h] = tag;
    this.blanch[h] = tag < 0 ? 0 : this.blanching(squeeze, force);
    this.tension[h] = tag < 0 ? 0 : Math.min(1, Math.max(0, tension));
  }

  /** The strongest cue on structure `tag` over both hands (for the view's tint): blanch, tension. */
  on(tag: number, out: [number, number]): [number, number] {
    out[0] = 0;
    out[1] = 0;
    for (let h = 0; h < 2; h++) {
      if (this.tag[h] !== tag) continue;
      out[0] = Math.max(out[0], this.blanch[h]!);
      out[1] = Math.max(out[1], this.tension[h]!);
    }
    return out;
  }

  register(book: StateBook): void {
    book.array('cue.tag', this.tag).array('cue.blanch', this.blanch).array('cue.tension', this.tension);
  }
}

/**
 * How close the tissue around a bite is to tearing (0 at rest length … 1 at the tear ratio): the most stretched
 * living edge within two edges of a held particle (`held[from..from+count)`). Edges further away are left out: in a
 * retracted gallbladder some far from the jaws sit at their limit at rest (held there by the other constraints),
 * which says nothing about this grasp. `near` is scratch, one entry per particle, all 0 (and left so). 0 when
 * `edges` cannot tear.
 */
export function tearFraction(
  edges: DistanceConstraints,
  pos: ArrayLike<number>,
  held: ArrayLike<number>,
  from: number,
  count: number,
  near: Uint8Array,
): number {
  if (edges.tearRatio <= 1 || count === 0) return 0;
  for (let k = from; k < from + count; k++) near[held[k]!] = 2;
  // The held particles' neighbours, through living edges.
  for (let c = 0; c < edges.count; c++) {
    if (edges.alive[c] === 0) continue;
    const i = edges.a[c]!;
    const j = edges.b[c]!;
    if (near[i] === 2 && near[j] === 0) near[j] = 1;
    else if (near[j] === 2 && near[i] === 0) near[i] = 1;
  }
  let worst = 0;
  for (let c = 0; c < edges.count; c++) {
    if (edges.alive[c] === 0) continue;
    const i = edges.a[c]!;
    const j = edges.b[c]!;
    if (near[i] === 0 && near[j] === 0) continue;
    const len = Math.hypot(pos[3 * i]! - pos[3 * j]!, pos[3 * i + 1]! - pos[3 * j + 1]!, pos[3 * i + 2]! - pos[3 * j + 2]!);
    worst = Math.max(worst, (len / edges.rest[c]! - 1) / (edges.tearRatio - 1));
  }
  for (let c = 0; c < edges.count; c++) {
    near[edges.a[c]!] = 0;
    near[edges.b[c]!] = 0;
  }
  return worst;
}
