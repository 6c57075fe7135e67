import { describe, expect, it } from 'vitest';
import { alignedExpertTime } from '../../../src/app/replay-tracks.ts';
import type { ReportStep } from '../../../src/core/scoring/index.ts';

const step = (id: string, start: number | null, end: number | null): ReportStep => ({ id, status: end === null ? 'active' : 'completed', start, end });

describe('alignedExpertTime: the expert step by step beside the trainee', () => {
  const expert = [step('a', 0, 2), step('b', 2, 5), step('c', 5, 6)];
  const trainee = [step('a', 0, 4), step('b', 4, 12), step('c', 12, 15)];

  it("starts the expert's step k when the trainee's step k starts", () => {
    expect(alignedExpertTime(trainee, expert, 4, 6)).toBe(2);
    expect(alignedExpertTime(trainee, expert, 12, 6)).toBe(5);
  });

  it('runs the expert at its own pace within a step, waiting at its end', () => {
    expect(alignedExpertTime(trainee, expert, 1, 6)).toBe(1);
    expect(alignedExpertTime(trainee, expert, 3.5, 6)).toBe(2);
    expect(alignedExpertTime(trainee, expert, 5, 6)).toBe(3);
    expect(alignedExpertTime(trainee, expert, 11, 6)).toBe(5);
    expect(alignedExpertTime(trainee, expert, 14, 6)).toBe(6);
  });

  it('keeps to the last matched step where the trainee does a step the expert never did', () => {
    const odd = [step('a', 0, 1), step('x', 1, 3)];
    expect(alignedExpertTime(odd, expert, 2.5, 6)).toBe(2);
  });

  it('matches a repeated step occurrence by occurrence', () => {
    const e = [step('r', 0, 1), step('r', 1, 2)];
    const t = [step('r', 0, 3), step('r', 3, 9)];
    expect(alignedExpertTime(t, e, 3.5, 2)).toBe(1.5);
  });
});
