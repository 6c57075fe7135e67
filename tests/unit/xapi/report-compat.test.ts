import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/scoring/index.ts';
import type { AttemptReport } from '../../../src/core/scoring/index.ts';

describe('the procedure engine report', () => {
  it('fits the report shape that scoring, progress and xAPI read (a compile-time check)', () => {
    const report: Report = {
      procedure: 'p',
      version: '1.0.0',
      variant: 'v',
      mode: 'assess',
      outcome: 'completed',
      passed: true,
      score: 1,
      steps: [],
      errors: [],
      metrics: { durationSec: 1, timerSec: 1, stepDurationsSec: {}, errorCounts: { minor: 0, major: 0, critical: 0 }, actions: 0, proficient: true },
    };
    const read: AttemptReport = report;
    expect(read.procedure).toBe('p');
  });
});
