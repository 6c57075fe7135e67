/** What the learner sees of a review in their debrief: the verdict beside the automatic one, marked findings, notes. */
import { createElement } from 'react';
// The app's translation layer, as main.tsx loads it (English unless a test switches).
import '../../../src/app/i18n.ts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type AttemptReview, type Report, emptyReview } from '../../../src/core/scoring/index.ts';
import { ErrorList } from '../../../src/screens/debrief/ErrorList.tsx';
import { ReviewSummary } from '../../../src/screens/debrief/ReviewSummary.tsx';
import { actions, grade, protocol } from '../procedure/helpers.ts';

const suture = protocol('interrupted-suture');
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

describe('the review in the learner’s debrief', () => {
  const report: Report = grade(suture, actions('interrupted-suture', 'bite-depth'));
  const e = report.errors[0]!;
  const review: AttemptReview = {
    ...emptyReview('a1'),
    verdicts: [
      {
        reviewer: 'Dr Okafor',
        atMs: Date.UTC(2026, 10, 26),
        decision: 'overridden',
        score: 95,
        findings: [{ index: 0, code: e.code, t: e.t, verdict: 'dismissed', reason: 'The pad is thin here: 1 mm is the dermis.' }],
        reason: 'The model’s dermis is thinner than the rule assumes.',
      },
    ],
    annotations: [{ id: 'n', t: 12, text: 'Rotate the wrist, follow the curve', author: 'Dr Okafor', atMs: 1 }],
  };

  it('shows who reviewed, what changed and why, beside the automatic result, and the notes', () => {
    const shown = text(renderToStaticMarkup(createElement(ReviewSummary, { report, review })));
    expect(shown).toContain(`Reviewed by Dr Okafor: overridden — score 95 (was ${report.score}), 1 finding dismissed.`);
    expect(shown).toContain('Reason: The model’s dermis is thinner than the rule assumes.');
    expect(shown).toContain(`automatic result: ${report.outcome}`);
    expect(shown).toMatch(/counts as: .*score 95, \d+ errors?/);
    expect(shown).toContain('12.0 s Rotate the wrist, follow the curve — Dr Okafor');
  });

  it('marks the dismissed finding in the error list with the reason', () => {
    const shown = text(renderToStaticMarkup(createElement(ErrorList, { report, protocol: suture, review })));
    expect(shown).toContain('Dismissed by Dr Okafor: not counted as a mistake. Reason: The pad is thin here: 1 mm is the dermis.');
  });

  it('shows nothing when not reviewed', () => {
    expect(renderToStaticMarkup(createElement(ReviewSummary, { report, review: null }))).toBe('');
  });
});
