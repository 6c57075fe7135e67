/**
 * The 1€ filter (Casiez, Roussel & Vogel, "1€ Filter: A Simple Speed-based Low-pass Filter for Noisy Input
 * in Interactive Systems", CHI 2012): a first-order low-pass whose cutoff rises with speed, so it smooths
 * jitter when the hand is slow and adds little lag when it moves fast. Here it takes out the tracking
 * jitter of a VR controller or tracked hand, and only that: the minimum cutoff sits above the 8–12 Hz band of
 * physiological tremor, because a learner's steadiness is part of the skill the metrics report.
 */
export const ONE_EURO = {
  /**
   * Hz: cutoff at rest. At 72 frames a second a 12 Hz tremor keeps ≈ 0.78 of its amplitude and an 8 Hz one
   * ≈ 0.87, while white jitter loses ≈ 30 % of its RMS (more at 90 or 120 Hz, where more of it lies above the
   * cutoff). A first-order filter cannot take out jitter inside the tremor band without the tremor.
   */
  minCutoff: 25,
  /** Hz per m/s: how fast the cutoff rises with the speed of the hand. */
  beta: 20,
  /** Hz: cutoff of the speed estimate itself. */
  derivativeCutoff: 1,
} as const;

function smoothing(cutoff: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoff);
  return 1 / (1 + tau / dt);
}

/** One 1€ filter per axis of a position; `reset()` when tracking was lost or the hand holds something new. */
export class OneEuroFilter3 {
  private readonly value: [number, number, number] = [0, 0, 0];
  private readonly speed: [number, number, number] = [0, 0, 0];
  private primed = false;

  constructor(private readonly params: { minCutoff: number; beta: number; derivativeCutoff: number } = ONE_EURO) {}

  reset(): void {
    this.primed = false;
  }

  /** Filters `position` in place, `dt` seconds after the previous sample. */
  filter(position: [number, number, number], dt: number): void {
    if (!this.primed || !(dt > 0)) {
      if (!this.primed) for (let i = 0; i < 3; i++) this.value[i] = position[i]!;
      this.primed = true;
      for (let i = 0; i < 3; i++) position[i] = this.value[i]!;
      return;
    }
    const { minCutoff, beta, derivativeCutoff } = this.params;
    const ad = smoothing(derivativeCutoff, dt);
    let speed2 = 0;
    for (let i = 0; i < 3; i++) {
      this.speed[i] = this.speed[i]! + ad * ((position[i]! - this.value[i]!) / dt - this.speed[i]!);
      speed2 += this.speed[i]! ** 2;
    }
    // One cutoff for all three axes, from the speed of the point (not per axis), so a diagonal move is not skewed.
    const a = smoothing(minCutoff + beta * Math.sqrt(speed2), dt);
    for (let i = 0; i < 3; i++) {
      this.value[i] = this.value[i]! + a * (position[i]! - this.value[i]!);
      position[i] = this.value[i]!;
    }
  }
}
