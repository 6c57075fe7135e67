import { describe, expect, it } from 'vitest';
import { soak } from '../../../bench/soak.ts';

/**
 * The soak in miniature (6 simulated seconds of each procedure would be the full round; CI plays the first
 * procedure's opening): the attempt's state stays finite and the recording made while it ran re-verifies with
 * every tick. `npm run soak -- --minutes 60` is the full soak (docs/performance.md).
 */
describe('soak', () => {
  it('plays through the core tick, records, and re-verifies with nothing dropped', () => {
    const result = soak(0.1);
    expect(result.ticks).toBe(720);
    expect(result.attempts).toBe(1);
    expect(result.problems).toEqual([]);
    expect(result.rounds[0]!.heapMb).toBeGreaterThan(0);
  }, 120_000);
});
