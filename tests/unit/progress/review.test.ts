/** The instructor's review: validation, the effective result progress counts, the automatic one kept. */
import { describe, expect, it } from 'vitest';
import { type AttemptRecord, DAY_MS, procedureStatus } from '../../../src/core/progress/index.ts';
import { PEG } from './plans.ts';
import {
  type AttemptReview,
  type Report,
  type Verdict,
  annotationProblems,
  effectiveReport,
  emptyReview,
  reviewedFindings,
  verdictProblems,
} from '../../../src/core/scoring/index.ts';

const REPORT: Report = {
  procedure: 'lap-chole-cvs',
  version: '1.0.0',
  variant: 'typical',
  mode: 'assess',
  outcome: 'failed',
  passed: false,
  score: 0,
  steps: [{ id: 'clip', status: 'completed', start: 0, end: 50 }],
  errors: [
    { code: 'cbd-injury', severity: 'critical', t: 31.5, step: 'clip', message: 'The common bile duct was injured.' },
    { code: 'bleeding', severity: 'minor', t: 40, step: 'clip', message: 'Bleeding.' },
  ],
  metrics: { durationSec: 60, timerSec: 55, stepDurationsSec: {}, errorCounts: { minor: 1, major: 0, critical: 1 }, actions: 10, proficient: false },
};
const RANGE = { min: 0, max: 100 };

const verdict = (v: Partial<Verdict>): Verdict => ({ reviewer: 'Dr Okafor', atMs: 1000, decision: 'overridden', findings: [], reason: 'x', ...v });
const reviewOf = (...verdicts: Verdict[]): AttemptReview => ({ ...emptyReview('a1'), verdicts });
const dismissCbd = verdict({
  outcome: 'completed',
  passed: true,
  score: 85,
  findings: [{ index: 0, code: 'cbd-injury', t: 31.5, verdict: 'dismissed', reason: 'The hook touched the fat over the duct, not the duct.' }],
  reason: 'Contact was with the peritoneum over the CBD.',
});

describe('verdicts are checked before they are kept', () => {
  it('requires a reason for an override, for each changed finding, and a reviewer', () => {
    expect(verdictProblems(dismissCbd, REPORT, RANGE)).toEqual([]);
    expect(verdictProblems({ ...dismissCbd, reason: ' ' }, REPORT, RANGE)).toContain('Give a reason for the override.');
    expect(verdictProblems({ ...dismissCbd, reviewer: '' }, REPORT, RANGE)).toContain('Name the reviewer.');
    const noFindingReason = { ...dismissCbd, findings: [{ ...dismissCbd.findings[0]!, reason: '' }] };
    expect(verdictProblems(noFindingReason, REPORT, RANGE).join(' ')).toMatch(/Finding 1: give a reason/);
  });

  it('keeps the score in range, a pass only with a completed outcome, verdicts on findings that exist', () => {
    expect(verdictProblems({ ...dismissCbd, score: 120 }, REPORT, RANGE)).toContain('The score must be between 0 and 100.');
    expect(verdictProblems({ ...dismissCbd, score: Number.NaN }, REPORT, RANGE)).toContain('The score must be between 0 and 100.');
    expect(verdictProblems(verdict({ passed: true }), REPORT, RANGE)).toContain('Only a completed attempt can pass.');
    const wrong = verdict({ findings: [{ index: 0, code: 'bleeding', t: 40, verdict: 'dismissed', reason: 'r' }] });
    expect(verdictProblems(wrong, REPORT, RANGE).join(' ')).toMatch(/not in this attempt/);
    const regradeSame = verdict({ findings: [{ index: 1, code: 'bleeding', t: 40, verdict: 'regraded', severity: 'minor', reason: 'r' }] });
    expect(verdictProblems(regradeSame, REPORT, RANGE).join(' ')).toMatch(/choose its new severity/);
  });

  it('a confirmation changes nothing and needs no reason; an override must change something', () => {
    expect(verdictProblems(verdict({ decision: 'confirmed', reason: '' }), REPORT, RANGE)).toEqual([]);
    expect(verdictProblems(verdict({ decision: 'confirmed', score: 50 }), REPORT, RANGE).join(' ')).toMatch(/confirmation changes nothing/);
    expect(verdictProblems(verdict({}), REPORT, RANGE).join(' ')).toMatch(/An override changes/);
    expect(verdictProblems(verdict({ decision: 'invalid', reason: '' }), REPORT, RANGE)).toContain('Give a reason for the override.');
  });

  it('checks notes: text, a time within the attempt, a pin of three numbers', () => {
    const note = { id: 'n', t: 31.5, text: 'Lift the infundibulum laterally', author: 'Dr Okafor', atMs: 1 };
    expect(annotationProblems(note, 60)).toEqual([]);
    expect(annotationProblems({ ...note, pin: [0.1, 0.9, -0.3] }, 60)).toEqual([]);
    expect(annotationProblems({ ...note, t: 61 }, 60)).toEqual(['The time must be between 0 and 60.0 s.']);
    expect(annotationProblems({ ...note, text: '' }, 60)).toEqual(['Write the note.']);
    expect(annotationProblems({ ...note, pin: [1, Number.NaN, 2] }, 60)).toEqual(['A pin is three coordinates.']);
  });
});

describe('effectiveReport: what counts after the review', () => {
  it('is the automatic report when not reviewed or confirmed', () => {
    expect(effectiveReport(REPORT, null)).toBe(REPORT);
    expect(effectiveReport(REPORT, reviewOf(verdict({ decision: 'confirmed' })))).toBe(REPORT);
  });

  it('leaves dismissed findings out, regrades others, overrides outcome, pass and score; the automatic report unchanged', () => {
    const regrade = {
      ...dismissCbd,
      findings: [...dismissCbd.findings, { index: 1, code: 'bleeding', t: 40, verdict: 'regraded' as const, severity: 'major' as const, reason: 'brisk' }],
    };
    const before = structuredClone(REPORT);
    const eff = effectiveReport(REPORT, reviewOf(regrade))!;
    expect(eff).toMatchObject({ outcome: 'completed', passed: true, score: 85 });
    expect(eff.errors).toEqual([{ ...REPORT.errors[1], severity: 'major' }]);
    expect(eff.metrics.errorCounts).toEqual({ minor: 0, major: 1, critical: 0 });
    expect(REPORT).toEqual(before);
  });

  it('the latest verdict counts; earlier ones are kept; an invalid attempt counts for nothing', () => {
    const later = verdict({ decision: 'confirmed', atMs: 2000, reason: '' });
    const review = reviewOf(dismissCbd, later);
    expect(effectiveReport(REPORT, review)).toBe(REPORT);
    expect(review.verdicts).toHaveLength(2);
    expect(effectiveReport(REPORT, reviewOf(verdict({ decision: 'invalid', reason: 'headset lost tracking' })))).toBeNull();
  });

  it('a failed outcome cannot stay passed', () => {
    const passed: Report = { ...REPORT, outcome: 'completed', passed: true, score: 80, errors: [] };
    expect(effectiveReport(passed, reviewOf(verdict({ outcome: 'failed' })))).toMatchObject({ outcome: 'failed', passed: false, score: 80 });
  });

  // The sentence the learner reads is worded by the debrief (tests/unit/ui/review.test.ts), in their language.
  it('marks each finding with its verdict', () => {
    const marked = reviewedFindings(REPORT, reviewOf(dismissCbd));
    expect(marked.map((f) => f.verdict?.verdict ?? null)).toEqual(['dismissed', null]);
  });
});

describe('progress and proficiency count the reviewed result', () => {
  const record = (day: number, review: AttemptReview | null): AttemptRecord | null => {
    const report: Report = {
      ...REPORT,
      procedure: PEG.id,
      mode: 'practice',
      outcome: 'failed',
      passed: false,
      score: 0,
      errors: [{ code: 'drop-out-of-view', severity: 'critical', t: 9, step: 'clip', message: '' }],
    };
    const eff = effectiveReport(report, review);
    return eff && { procedure: PEG.id, mode: 'practice', variant: 'standard', endedAtMs: day * DAY_MS, timeSec: 40, report: eff };
  };
  const dismiss = (): AttemptReview =>
    reviewOf(
      verdict({
        outcome: 'completed',
        passed: true,
        score: 200,
        findings: [{ index: 0, code: 'drop-out-of-view', t: 9, verdict: 'dismissed', reason: 'The peg fell in view; the camera was off.' }],
      }),
    );

  it('a dismissed critical finding makes the attempts proficient and the steps known', () => {
    const automatic = [record(1, null)!, record(2, null)!];
    expect(procedureStatus(automatic, PEG)).toMatchObject({ stage: 'learning', proficiency: { proficientAttempts: 0 } });
    const reviewed = [record(1, dismiss())!, record(2, dismiss())!];
    const status = procedureStatus(reviewed, PEG);
    expect(status.proficiency.proficientAttempts).toBe(2);
    expect(status.stage).not.toBe('learning');
  });

  it('an invalid attempt is left out', () => {
    const history = [record(1, null), record(2, reviewOf(verdict({ decision: 'invalid', reason: 'not her' })))].filter((r) => r !== null);
    expect(procedureStatus(history, PEG).attempts).toBe(1);
  });
});
