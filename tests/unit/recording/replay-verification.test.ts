import { describe, expect, it } from 'vitest';
import { Replayer } from '../../../src/core/recording/replayer.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { protocol } from '../../support/experts.ts';
import { recordScript } from '../../support/recordings.ts';

describe('Replayer.verification (in slices, for the replay viewer)', () => {
  const { bytes } = recordScript('fls-peg-transfer.drop-out-of-view');

  it('gives the same result in slices as verify() at once, and reports its progress', () => {
    const whole = Replayer.load(bytes, protocol('fls-peg-transfer')).verify();
    const sliced = Replayer.load(bytes, protocol('fls-peg-transfer'));
    const v = sliced.verification({ snapshotEvery: 60 });
    const progress: number[] = [];
    let result = null;
    while (!(result = v.step(37))) progress.push(v.progress);
    expect(result).toEqual(whole);
    expect(result.ok).toBe(true);
    expect(progress[0]).toBe(37);
    expect(progress.at(-1)).toBeLessThanOrEqual(v.total);
    expect(v.step(10)).toBe(result);
    expect(sliced.report().errors.map((e) => e.code)).toContain('drop-out-of-view');
  });

  it('calls onTick after every tick', () => {
    const seen: number[] = [];
    const r = Replayer.load(bytes, protocol('fls-peg-transfer'));
    r.verification({ onTick: (attempt, tick) => seen.push(attempt.world.ticks - 1 - tick) }).step(Number.POSITIVE_INFINITY);
    expect(seen.length).toBe(readScrub(bytes).ticks);
    expect(new Set(seen)).toEqual(new Set([0]));
  });

  it('names the first difference and, asked to, re-simulates to the end anyway', () => {
    // Tamper with a recorded finding's time: the re-simulation no longer matches it.
    const rec = readScrub(bytes);
    const i = rec.events.findIndex((e) => 'finding' in e);
    const ev = rec.events[i]!;
    (rec.events as unknown as object[])[i] = { ...ev, finding: { ...('finding' in ev ? ev.finding : {}), t: -1 } } as never;
    const stop = Replayer.of(rec, protocol('fls-peg-transfer')).verify();
    expect(stop.ok).toBe(false);
    expect(stop.divergence?.tick).toBe(ev.tick);
    expect(stop.ticks).toBe(ev.tick + 1);
    const on = Replayer.of(rec, protocol('fls-peg-transfer'));
    const whole = on.verify({ continueAfterDivergence: true });
    expect(whole.ok).toBe(false);
    expect(whole.divergence).toEqual(stop.divergence);
    expect(whole.ticks).toBe(rec.ticks);
    expect(on.current.engine.finished).not.toBeNull();
    expect(on.seek(10).world.ticks).toBe(10);
  });
});
