import { Rng, type ToolInput, idleInput } from '../../../src/core/kernel/index.ts';
import type { World } from '../../../src/core/world/world.ts';
import type { Vec3 } from '../../../src/core/kernel/input.ts';

/** An input with both hands holding instruments at given points. */
export function handsAt(left: Vec3, right: Vec3, tools: { left?: string | null; right?: string | null; leftJaw?: number; rightJaw?: number } = {}): ToolInput {
  const input = idleInput();
  input.hands.left.pose.position = [...left];
  input.hands.right.pose.position = [...right];
  input.hands.left.instrument = tools.left ?? null;
  input.hands.right.instrument = tools.right ?? null;
  input.hands.left.jaw = tools.leftJaw ?? 0;
  input.hands.right.jaw = tools.rightJaw ?? 0;
  return input;
}

/** Moves an instrument in a straight line over n ticks. */
export function stroke(sim: World, from: Vec3, to: Vec3, n: number, make: (p: Vec3) => ToolInput): void {
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    sim.tick(make([from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f, from[2] + (to[2] - from[2]) * f]));
  }
}

/** Random instrument motion around a centre: the tools wander, their jaws open and close. */
export function randomInput(rng: Rng, centre: Vec3, tools: [string, string], spread = 0.05): ToolInput {
  const jitter = (c: number, s: number): number => c + (rng.next() - 0.5) * 2 * s;
  return handsAt(
    [jitter(centre[0], spread), jitter(centre[1] + 0.01, 0.012), jitter(centre[2], spread)],
    [jitter(centre[0], spread), jitter(centre[1] + 0.01, 0.012), jitter(centre[2], spread)],
    { left: tools[0], right: tools[1], leftJaw: rng.next() < 0.5 ? 1 : 0, rightJaw: rng.next() < 0.5 ? 1 : 0 },
  );
}

/** A smooth random walk (so tools sweep rather than teleport), deterministic from the seed. */
export function wanderer(seed: number, centre: Vec3, tools: [string, string], spread = 0.05): (tick: number) => ToolInput {
  const rng = new Rng(seed);
  const phase = Array.from({ length: 8 }, () => rng.range(0, 2 * Math.PI));
  const freq = Array.from({ length: 8 }, () => rng.range(0.2, 1.5));
  return (tick) => {
    const t = tick / 120;
    const w = (k: number): number => Math.sin(freq[k]! * t + phase[k]!);
    return handsAt(
      [centre[0] + spread * w(0), centre[1] + 0.004 + 0.012 * w(1), centre[2] + spread * w(2)],
      [centre[0] + spread * w(3), centre[1] + 0.004 + 0.012 * w(4), centre[2] + spread * w(5)],
      { left: tools[0], right: tools[1], leftJaw: w(6) > 0 ? 1 : 0, rightJaw: w(7) > 0 ? 1 : 0 },
    );
  };
}

export function allFinite(xs: ArrayLike<number>, n = xs.length): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(xs[i]!)) return false;
  return true;
}
