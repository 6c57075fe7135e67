/** A review's learning records: an amending statement that refers to the automatic verdict, or voiding statements. */
import { describe, expect, it } from 'vitest';
import { type AttemptReview, type Verdict, effectiveReport, emptyReview } from '../../../src/core/scoring/index.ts';
import { CMI5, EXTENSIONS, type SentAttempt, VERBS, reviewStatements, reviewerAgent } from '../../../src/core/xapi/index.ts';
import { Cmi5Tracker, statementProblems } from '../../support/xapi-rules.ts';
import { REPORT, statementsOf, uuids } from './fixtures.ts';

const automatic = statementsOf();
const SENT: SentAttempt = {
  registration: automatic[0]!.context!.registration!,
  verdictStatementId: automatic.find((s) => s.verb.id === VERBS.passed)!.id,
  statementIds: automatic.map((s) => s.id),
};
const LEARNER = automatic[0]!.actor;
const REVIEWER = reviewerAgent('Dr Okafor', 'https://scrub.dev');

const review = (v: Partial<Verdict>): AttemptReview => ({
  ...emptyReview('attempt-1'),
  verdicts: [{ reviewer: 'Dr Okafor', atMs: Date.UTC(2026, 10, 26, 10), decision: 'overridden', findings: [], reason: 'r', ...v }],
});

function build(r: AttemptReview, sent: SentAttempt | null = SENT) {
  return reviewStatements({
    report: REPORT,
    effective: effectiveReport(REPORT, r),
    review: r,
    learner: LEARNER,
    reviewer: REVIEWER,
    attemptId: 'attempt-1',
    activityId: 'https://scrub.dev/activities/procedures/lap-chole-cvs',
    activityName: 'Lap chole',
    scoreRange: { min: 0, max: 100 },
    sent,
    newId: uuids(7),
  });
}

/** Every statement through the test LRS's rules, after the attempt's own. */
function lrsProblems(list: unknown[]): string[] {
  const tracker = new Cmi5Tracker();
  return [...automatic, ...list].flatMap((s) => {
    const found = [...statementProblems(s), ...tracker.check(s)];
    if (found.length === 0) tracker.accept(s);
    return found;
  });
}

describe('review statements', () => {
  it('an override is a new failed statement for the learner that amends the automatic passed one', () => {
    const r = review({
      outcome: 'failed',
      passed: false,
      score: 0,
      findings: [{ index: 0, code: 'BLEEDING_EVENT', t: 95.25, verdict: 'regraded', severity: 'critical', reason: 'Bleeding from the cystic artery.' }],
      reason: 'Uncontrolled arterial bleeding fails the attempt.',
    });
    const [s, ...rest] = build(r);
    expect(rest).toEqual([]);
    expect(s!.actor).toEqual(LEARNER);
    expect(s!.verb.id).toBe(VERBS.failed);
    expect(s!.context).toMatchObject({
      registration: SENT.registration,
      instructor: REVIEWER,
      statement: { objectType: 'StatementRef', id: SENT.verdictStatementId },
    });
    // Not a cmi5 defined statement: no cmi5 category, no session.
    expect(s!.context!.contextActivities).toBeUndefined();
    expect(s!.context!.extensions![CMI5.sessionId]).toBeUndefined();
    expect(s!.result).toMatchObject({ success: false, score: { raw: 0, scaled: 0, min: 0, max: 100 } });
    expect(s!.result!.extensions).toMatchObject({
      [EXTENSIONS.reviewDecision]: 'overridden',
      [EXTENSIONS.reviewReason]: 'Uncontrolled arterial bleeding fails the attempt.',
      [EXTENSIONS.automaticPassed]: true,
      [EXTENSIONS.automaticScore]: 82.5,
      [EXTENSIONS.reviewFindings]: [
        { code: 'BLEEDING_EVENT', t: 95.25, verdict: 'regraded', severity: 'critical', reason: 'Bleeding from the cystic artery.' },
      ],
    });
    expect(s!.timestamp).toBe('2026-11-26T10:00:00.000Z');
    expect(lrsProblems([s])).toEqual([]);
  });

  it('a confirmation restates the automatic verdict, also amending it', () => {
    const [s] = build(review({ decision: 'confirmed', reason: '' }));
    expect(s!.verb.id).toBe(VERBS.passed);
    expect(s!.result).toMatchObject({ success: true, score: { raw: 82.5 } });
    expect(lrsProblems([s])).toEqual([]);
  });

  it('an attempt stored before its statements were remembered is amended without a reference', () => {
    const [s] = build(review({ decision: 'confirmed', reason: '' }), null);
    expect(s!.context!.statement).toBeUndefined();
    expect(s!.context!.registration).toBeUndefined();
    expect(statementProblems(s)).toEqual([]);
  });

  it('an invalid attempt voids every statement of it, by the reviewer', () => {
    const list = build(review({ decision: 'invalid', reason: 'Another student was at the controls.' }));
    expect(list).toHaveLength(automatic.length);
    for (const [i, s] of list.entries()) {
      expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/voided');
      expect(s.actor).toEqual(REVIEWER);
      expect(s.object).toEqual({ objectType: 'StatementRef', id: SENT.statementIds[i] });
    }
    expect(lrsProblems(list)).toEqual([]);
  });

  it('the test LRS refuses a voiding statement whose object is not a StatementRef', () => {
    const bad = { ...build(review({ decision: 'invalid', reason: 'x' }))[0]!, object: { objectType: 'Activity', id: 'https://scrub.dev/a' } };
    expect(statementProblems(bad)).toContain('a voiding statement’s object must be a StatementRef');
  });
});
