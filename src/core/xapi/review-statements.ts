/**
 * The learning records of an instructor's review (docs/xapi.md, "Reviews: amending and voiding"). Statements
 * are immutable, so a review never changes what was sent:
 *
 * - A confirmation or an override is a new `passed` or `failed` statement about the learner (actor) and the
 *   procedure (object), with the effective score, `context.instructor` the reviewer and `context.statement` a
 *   StatementRef to the attempt's automatic `passed`/`failed` statement: it amends that one. It carries the
 *   attempt's registration but not the cmi5 category or session: it is not a cmi5 "defined" statement, so the
 *   cmi5 rules (one passed per registration, nothing after terminated) are not broken, and an LMS's moveOn is
 *   left as the AU decided it. The latest review statement of an attempt is the one that counts.
 * - An attempt declared invalid voids every statement of the attempt (verb `voided`, object a StatementRef),
 *   which xAPI reserves for records that should not have been made; LRSs then leave them out of queries.
 *
 * Pure: ids and the time are passed in.
 */
import { type AttemptReview, currentVerdict } from '../scoring/review.ts';
import type { AttemptReport } from '../scoring/report.ts';
import { scaledScore } from './attempt-statements.ts';
import type { Agent, Context, Statement } from './statement.ts';
import { isoTimestamp } from './time.ts';
import { ACTIVITY_TYPES, EXTENSIONS, VERBS } from './vocabulary.ts';

/** What the app remembers of an attempt's statements when it queues them (StoredAttempt.xapi). */
export interface SentAttempt {
  registration: string;
  /** The automatic `passed`/`failed` statement (null when the registration had passed before: none was sent). */
  verdictStatementId: string | null;
  /** Every statement of the attempt, in send order. */
  statementIds: string[];
}

export interface ReviewStatementsInput {
  /** The automatic report, and what counts after the review (null: declared invalid). */
  report: AttemptReport;
  effective: AttemptReport | null;
  review: AttemptReview;
  learner: Agent;
  reviewer: Agent;
  attemptId: string;
  activityId: string;
  activityName: string;
  scoreRange: { min: number; max: number };
  /** What was sent of the attempt; null for an attempt stored before the app remembered it. */
  sent: SentAttempt | null;
  newId: () => string;
}

/** The reviewer as an xAPI agent: an account on the app's origin (instructors have no learner profile). */
export function reviewerAgent(name: string, homePage: string): Agent {
  return { objectType: 'Agent', name, account: { homePage, name: `instructor:${name.trim()}` } };
}

export function reviewStatements(input: ReviewStatementsInput): Statement[] {
  const verdict = currentVerdict(input.review);
  if (!verdict) return [];
  const timestamp = isoTimestamp(verdict.atMs);
  const verb = (name: 'passed' | 'failed' | 'voided'): Statement['verb'] => ({ id: VERBS[name], display: { 'en-US': name } });

  if (verdict.decision === 'invalid' || input.effective === null) {
    // Voiding statements are the reviewer's. One cannot void a voiding statement, nor refer to one not sent.
    return (input.sent?.statementIds ?? []).map((id) => ({
      id: input.newId(),
      actor: input.reviewer,
      verb: verb('voided'),
      object: { objectType: 'StatementRef', id },
      timestamp,
      context: { extensions: { [EXTENSIONS.reviewReason]: verdict.reason, [EXTENSIONS.attemptId]: input.attemptId } },
    }));
  }

  const { effective, report } = input;
  const context: Context = {
    instructor: input.reviewer,
    extensions: { [EXTENSIONS.attemptId]: input.attemptId },
  };
  if (input.sent) {
    context.registration = input.sent.registration;
    if (input.sent.verdictStatementId) context.statement = { objectType: 'StatementRef', id: input.sent.verdictStatementId };
  }
  const { min, max } = input.scoreRange;
  const raw = Math.min(max, Math.max(min, effective.score));
  return [
    {
      id: input.newId(),
      actor: input.learner,
      verb: verb(effective.passed ? 'passed' : 'failed'),
      object: {
        objectType: 'Activity',
        id: input.activityId,
        definition: { type: ACTIVITY_TYPES.procedure, name: { 'en-US': input.activityName } },
      },
      result: {
        score: { scaled: scaledScore(raw, input.scoreRange), raw, min, max },
        success: effective.passed,
        completion: effective.outcome === 'completed',
        extensions: {
          [EXTENSIONS.outcome]: effective.outcome,
          [EXTENSIONS.errorCount]: effective.errors.length,
          [EXTENSIONS.reviewDecision]: verdict.decision,
          [EXTENSIONS.reviewReason]: verdict.reason,
          [EXTENSIONS.reviewFindings]: verdict.findings.map((f) => ({
            code: f.code,
            t: f.t,
            verdict: f.verdict,
            ...(f.severity ? { severity: f.severity } : {}),
            reason: f.reason,
          })),
          [EXTENSIONS.automaticOutcome]: report.outcome,
          [EXTENSIONS.automaticPassed]: report.passed,
          [EXTENSIONS.automaticScore]: report.score,
        },
      },
      context,
      timestamp,
    },
  ];
}
