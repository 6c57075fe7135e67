import type { StateHasher } from '../../kernel/hash.ts';
import type { Particles } from './particles.ts';

export type StateArray = Float64Array | Int32Array | Uint8Array;

/** A scene's mutable state as plain data (JSON-safe: numbers only, so doubles round-trip exactly). */
export interface SceneState {
  scene: string;
  arrays: Record<string, number[]>;
  scalars: Record<string, number>;
}

/** A part of a scene that registers its own mutable state. */
export interface StatefulPart {
  register(book: StateBook): void;
}

interface ArrayEntry {
  name: string;
  array: StateArray;
  used: () => number;
}

interface ScalarEntry {
  name: string;
  get: () => number;
  set: (v: number) => void;
}

/**
 * The list of every piece of mutable state of a scene, registered once at construction, so that
 * snapshot, restore and hash cannot drift apart. Arrays are saved up to their used length.
 */
export class StateBook {
  private readonly arrays: ArrayEntry[] = [];
  private readonly scalars: ScalarEntry[] = [];

  constructor(readonly scene: string) {}

  array(name: string, array: StateArray, used: () => number = () => array.length): this {
    this.arrays.push({ name, array, used });
    return this;
  }

  scalar(name: string, get: () => number, set: (v: number) => void): this {
    this.scalars.push({ name, get, set });
    return this;
  }

  /** Lets a part register its state here, in this place of the list (the order is the hash's). */
  part(part: StatefulPart): this {
    part.register(this);
    return this;
  }

  particles(prefix: string, p: Particles): this {
    this.scalar(
      `${prefix}.count`,
      () => p.count,
      (v) => (p.count = v),
    );
    const n3 = (): number => 3 * p.count;
    const n1 = (): number => p.count;
    return this.array(`${prefix}.pos`, p.pos, n3)
      .array(`${prefix}.vel`, p.vel, n3)
      .array(`${prefix}.rest`, p.rest, n3)
      .array(`${prefix}.invMass`, p.invMass, n1)
      .array(`${prefix}.baseInvMass`, p.baseInvMass, n1)
      .array(`${prefix}.tag`, p.tag, n1)
      .array(`${prefix}.s`, p.s, n1);
  }

  save(): SceneState {
    const arrays: Record<string, number[]> = {};
    const scalars: Record<string, number> = {};
    for (const e of this.scalars) scalars[e.name] = e.get();
    for (const e of this.arrays) arrays[e.name] = Array.from(e.array.subarray(0, e.used()));
    return { scene: this.scene, arrays, scalars };
  }

  load(state: SceneState): void {
    if (state.scene !== this.scene) throw new Error(`snapshot is of scene ${state.scene}, this is ${this.scene}`);
    for (const e of this.scalars) {
      const v = state.scalars[e.name];
      if (v === undefined) throw new Error(`scene snapshot lacks ${e.name}`);
      e.set(v);
    }
    for (const e of this.arrays) {
      const v = state.arrays[e.name];
      if (v === undefined) throw new Error(`scene snapshot lacks ${e.name}`);
      e.array.set(v);
    }
  }

  hash(h: StateHasher): void {
    h.string(this.scene);
    for (const e of this.scalars) h.number(e.get());
    for (const e of this.arrays) {
      const n = e.used();
      for (let i = 0; i < n; i++) h.number(e.array[i]!);
    }
  }
}
