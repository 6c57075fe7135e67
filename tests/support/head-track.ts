import { TICK_HZ } from '../../src/core/kernel/index.ts';

/**
 * A standing trainee's head as a headset tracks it, for recording-size checks: a slow sway (2 cm, 0.3 Hz), a nod,
 * and tracking noise of ±0.2 mm / ±0.0002 per frame (a fixed pseudo-random sequence), new every other tick (a
 * 60 Hz frame). Written into `out`.
 */
export function standingHeadAt(tick: number, out: { position: number[]; orientation: number[] }): void {
  const frame = Math.floor(tick / 2);
  const t = (frame * 2) / TICK_HZ;
  const noise = (k: number) => ((Math.sin(frame * 12.9898 + k * 78.233) * 43758.5453) % 1) * 2e-4;
  out.position[0] = 0.02 * Math.sin(2 * Math.PI * 0.3 * t) + noise(1);
  out.position[1] = 1.62 + 0.005 * Math.sin(2 * Math.PI * 0.5 * t) + noise(2);
  out.position[2] = 0.35 + noise(3);
  const pitch = -0.5 + 0.05 * Math.sin(2 * Math.PI * 0.2 * t) + noise(4);
  out.orientation[0] = Math.sin(pitch / 2);
  out.orientation[1] = noise(5);
  out.orientation[2] = 0;
  out.orientation[3] = Math.cos(pitch / 2);
}
