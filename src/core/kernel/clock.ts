/** The simulation's only notion of time: a fixed step counted in ticks. */
export const TICK_HZ = 120;
export const FIXED_DT = 1 / TICK_HZ;

/** Simulated seconds at the start of a tick. */
export function tickToSeconds(tick: number): number {
  return tick / TICK_HZ;
}
