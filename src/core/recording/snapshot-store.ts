import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/** Numeric arrays at least this long are kept as raw doubles; the rest of a snapshot as deflated JSON. */
const MIN_PACKED = 256;

interface Packed {
  /** The snapshot without its long numeric arrays (each left as null), as deflated JSON. */
  skeleton: Uint8Array;
  /** Where each long array was (a key path) and its values, bit for bit. */
  paths: string[][];
  arrays: Float64Array[];
}

/**
 * In-memory snapshots for seeking (`Replayer`), kept so that restoring one is cheap: the long numeric arrays
 * (particle positions, velocities, rest positions, topology: almost all of a tissue scene's state) are kept
 * as raw doubles instead of deflated JSON, so a restore neither inflates nor parses them; and an array equal,
 * bit for bit, to the same array of the snapshot before is shared with it, not copied (rest positions and
 * topology change only when tissue is cut), which keeps the memory near deflated JSON's.
 * Exact: doubles are stored as they are (−0 included). Snapshots must be plain data (JSON-safe) as `save` gets them.
 */
export class SnapshotStore<T> {
  private readonly kept: Packed[] = [];
  private bytesKept = 0;

  get length(): number {
    return this.kept.length;
  }

  /** Bytes the snapshots take (skeletons and arrays, each shared array counted once). */
  get bytes(): number {
    return this.bytesKept;
  }

  save(snapshot: T): void {
    const before = this.kept.at(-1);
    const paths: string[][] = [];
    const arrays: Float64Array[] = [];
    const found = new Set<unknown>();
    collect(snapshot, [], (path, values) => {
      const k = paths.length;
      const last = before && samePath(before.paths[k], path) ? before.arrays[k]! : null;
      let packed: Float64Array = Float64Array.from(values);
      if (last && sameBits(last, packed)) packed = last;
      else this.bytesKept += packed.byteLength;
      paths.push(path);
      arrays.push(packed);
      found.add(values);
    });
    const skeleton = deflateSync(strToU8(JSON.stringify(snapshot, (_key, value: unknown) => (found.has(value) ? null : value))), { level: 1 });
    this.bytesKept += skeleton.length;
    this.kept.push({ skeleton, paths, arrays });
  }

  /** A fresh copy of snapshot k, as it was saved. */
  load(k: number): T {
    const packed = this.kept[k];
    if (!packed) throw new RangeError(`no snapshot ${k}`);
    const snapshot = JSON.parse(strFromU8(inflateSync(packed.skeleton))) as T;
    for (let a = 0; a < packed.paths.length; a++) {
      const path = packed.paths[a]!;
      let holder = snapshot as Record<string, unknown>;
      for (let i = 0; i < path.length - 1; i++) holder = holder[path[i]!] as Record<string, unknown>;
      holder[path.at(-1)!] = Array.from(packed.arrays[a]!);
    }
    return snapshot;
  }
}

/** Calls `found` with each long all-number array of `value` and its key path, in a fixed (key) order. */
function collect(value: unknown, path: string[], found: (path: string[], values: number[]) => void): void {
  if (Array.isArray(value)) {
    if (value.length >= MIN_PACKED && value.every((v) => typeof v === 'number')) {
      found(path, value as number[]);
      return;
    }
    value.forEach((v, i) => collect(v, [...path, String(i)], found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) collect(v, [...path, key], found);
}

function samePath(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((k, i) => k === b[i]);
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Int32Array(a.buffer, a.byteOffset, 2 * a.length);
  const y = new Int32Array(b.buffer, b.byteOffset, 2 * b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
