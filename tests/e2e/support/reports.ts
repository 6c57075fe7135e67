import type { Report } from '../../../src/core/scoring/index.ts';

/** An FLS peg transfer report: `time` s on the timer, drops at the given times and steps. */
export function pegReport(time: number, drops: { t: number; step: string; major?: boolean }[] = []): Report {
  const errors = drops.map((d) => ({
    code: d.major ? 'drop-out-of-view' : 'drop-in-view',
    severity: d.major ? ('major' as const) : ('minor' as const),
    t: d.t,
    step: d.step,
    message: d.major ? 'An object fell out of the field of view.' : 'An object was dropped in view.',
  }));
  const score = Math.max(0, 300 - time - errors.length * 10);
  return {
    procedure: 'fls-peg-transfer',
    version: '0.3.0',
    variant: 'right-handed',
    mode: 'practice',
    outcome: 'completed',
    passed: score > 0,
    score,
    steps: [
      { id: 'transfer-to-dominant-side', status: 'completed', start: 0, end: time / 2 },
      { id: 'transfer-back', status: 'completed', start: time / 2, end: time },
    ],
    errors,
    metrics: {
      durationSec: time + 2,
      timerSec: time,
      stepDurationsSec: { 'transfer-to-dominant-side': time / 2, 'transfer-back': time / 2 },
      errorCounts: { minor: errors.filter((e) => e.severity === 'minor').length, major: errors.filter((e) => e.severity === 'major').length, critical: 0 },
      actions: 60,
      proficient: time <= 48 && errors.length === 0,
    },
  };
}
