/**
 * Seeded, tileable 2-D noise for generated textures: the same picture on every run and machine (no
 * Math.random), and seamless when repeated (every lattice wraps at its period).
 */

/** A hash of an integer lattice point to 0..1. */
export function lattice(x: number, y: number, seed: number): number {
  let h = Math.imul(x, 374761393) ^ Math.imul(y, 668265263) ^ Math.imul(seed, 2147483647);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967295;
}

function wrap(i: number, period: number): number {
  return ((i % period) + period) % period;
}

/** Smoothly interpolated lattice values, 0..1, repeating every `period` units. */
export function valueNoise(x: number, y: number, period: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const xa = wrap(x0, period);
  const xb = wrap(x0 + 1, period);
  const ya = wrap(y0, period);
  const yb = wrap(y0 + 1, period);
  const w00 = lattice(xa, ya, seed);
  const w10 = lattice(xb, ya, seed);
  const w01 = lattice(xa, yb, seed);
  const w11 = lattice(xb, yb, seed);
  const a = w00 + (w10 - w00) * sx;
  const b = w01 + (w11 - w01) * sx;
  return a + (b - a) * sy;
}

/** Fractal sum of `octaves` value noises over the unit square (u, v ∈ [0, 1)), `base` cells across the first; ≈ 0..1. */
export function fbm(u: number, v: number, base: number, octaves: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    const f = base << o;
    sum += amp * valueNoise(u * f, v * f, f, seed + o);
    norm += amp;
    amp /= 2;
  }
  return sum / norm;
}

/**
 * Cellular (Worley) noise over the unit square with `cells` × `cells` jittered seeds: the distance to the
 * nearest seed (`f1`) and to the second nearest (`f2`), in cell units. `f2 − f1` is 0 on the borders
 * between cells: liver lobules, fat globules, skin's polygonal furrows.
 */
export function cellular(u: number, v: number, cells: number, seed: number): { f1: number; f2: number } {
  const x = u * cells;
  const y = v * cells;
  const cx = Math.floor(x);
  const cy = Math.floor(y);
  let f1 = 9;
  let f2 = 9;
  for (let j = -1; j <= 1; j++) {
    for (let i = -1; i <= 1; i++) {
      const gx = wrap(cx + i, cells);
      const gy = wrap(cy + j, cells);
      const px = cx + i + lattice(gx, gy, seed);
      const py = cy + j + lattice(gx, gy, seed + 101);
      const d = Math.sqrt((px - x) * (px - x) + (py - y) * (py - y)); // not Math.hypot: several times slower in V8
      if (d < f1) {
        f2 = f1;
        f1 = d;
      } else if (d < f2) f2 = d;
    }
  }
  return { f1, f2 };
}

/**
 * Thin meandering lines (vessels seen through a membrane): 1 on the line, falling to 0 `width` away,
 * where a warped noise field crosses its middle value.
 */
export function veins(u: number, v: number, base: number, width: number, seed: number): number {
  const warp = 0.15 * (fbm(u, v, 2, 2, seed + 50) - 0.5);
  const n = fbm(u + warp, v - warp, base, 3, seed);
  return Math.max(0, 1 - Math.abs(n - 0.5) / width);
}
