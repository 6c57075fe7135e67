import { useId, useState } from 'react';
import type { Outcome, Report, ReviewDecision, Severity, Verdict } from '../../core/scoring/index.ts';
import { type FindingVerdict, type AttemptReview, currentVerdict } from '../../core/scoring/index.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';
import { ReviewError, saveVerdict, useDesk } from '../../app/review.ts';
import { ReviewerField } from './ReviewerField.tsx';

type FindingChoice = { verdict: FindingVerdict['verdict']; severity: Severity; reason: string };

const SEVERITIES: Severity[] = ['minor', 'major', 'critical'];

/**
 * The instructor's decision on an attempt: confirm the automatic verdict, override the outcome, the score or
 * single findings with a reason, or declare the attempt invalid. Saving keeps it beside the automatic result
 * and queues the learning record that amends the one sent.
 */
export function ReviewPanel({
  attempt,
  review,
  range,
  onSaved,
}: {
  attempt: StoredAttempt;
  review: AttemptReview | null;
  range: { min: number; max: number };
  onSaved: (r: AttemptReview) => void;
}) {
  const report: Report = attempt.report;
  const previous = currentVerdict(review);
  const reviewer = useDesk((s) => s.reviewer);
  const [decision, setDecision] = useState<ReviewDecision>(previous?.decision ?? 'confirmed');
  const [outcome, setOutcome] = useState<Outcome>(previous?.outcome ?? report.outcome);
  const [passed, setPassed] = useState<boolean>(previous?.passed ?? report.passed);
  const [score, setScore] = useState<string>(String(previous?.score ?? report.score));
  const [reason, setReason] = useState(previous?.reason ?? '');
  const [findings, setFindings] = useState<FindingChoice[]>(() =>
    report.errors.map((e, i) => {
      const v = previous?.findings.find((f) => f.index === i && f.code === e.code && f.t === e.t);
      return { verdict: v?.verdict ?? 'upheld', severity: v?.severity ?? e.severity, reason: v?.reason ?? '' };
    }),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const id = useId();

  const override = decision === 'overridden';
  const setFinding = (i: number, change: Partial<FindingChoice>): void => setFindings((all) => all.map((f, j) => (j === i ? { ...f, ...change } : f)));

  const save = async (): Promise<void> => {
    const verdict: Verdict = { reviewer: reviewer.trim(), atMs: Date.now(), decision, findings: [], reason: reason.trim() };
    if (override) {
      if (outcome !== report.outcome) verdict.outcome = outcome;
      if (passed !== report.passed || outcome !== report.outcome) verdict.passed = passed && outcome === 'completed';
      const s = Number(score);
      if (score.trim() !== '' && s !== report.score) verdict.score = Number.isFinite(s) ? s : Number.NaN;
      verdict.findings = findings.flatMap((f, index): FindingVerdict[] => {
        const e = report.errors[index]!;
        if (f.verdict === 'upheld') return [];
        if (f.verdict === 'regraded') return [{ index, code: e.code, t: e.t, verdict: f.verdict, severity: f.severity, reason: f.reason.trim() }];
        return [{ index, code: e.code, t: e.t, verdict: f.verdict, reason: f.reason.trim() }];
      });
    }
    try {
      const saved = await saveVerdict(attempt, verdict);
      setProblems([]);
      setStatus(`Saved at ${new Date(verdict.atMs).toLocaleTimeString()}; the learner sees it in their debrief, and the learning record is queued.`);
      onSaved(saved);
    } catch (error) {
      setStatus(null);
      setProblems(error instanceof ReviewError ? error.problems : [String(error)]);
    }
  };

  return (
    <section aria-label="Review" className="review-panel">
      <h2>Your review</h2>
      <p className="note">
        The automatic result is a proposal. Confirm it, or override it with a reason: the automatic result is kept beside yours, and progress counts yours.
      </p>
      <ReviewerField />
      <fieldset className="decision">
        <legend>Decision</legend>
        {(
          [
            ['confirmed', 'Confirm the automatic result'],
            ['overridden', 'Override'],
            ['invalid', 'The attempt is invalid (does not count)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={`${id}-decision`} value={value} checked={decision === value} onChange={() => setDecision(value)} /> {label}
          </label>
        ))}
      </fieldset>
      {override && (
        <fieldset className="override">
          <legend>Result</legend>
          <label className="field">
            Outcome
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              <option value="completed">completed</option>
              <option value="incomplete">incomplete</option>
              <option value="failed">failed</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={passed && outcome === 'completed'}
              disabled={outcome !== 'completed'}
              onChange={(e) => setPassed(e.target.checked)}
            />{' '}
            Passed
          </label>
          <label className="field">
            Score ({range.min}–{range.max})
            <input type="number" min={range.min} max={range.max} step="any" value={score} onChange={(e) => setScore(e.target.value)} />
          </label>
          <p className="meta">
            Automatic: {report.outcome}, {report.passed ? 'passed' : 'not passed'}, score {report.score}. Dismissing a finding does not change the score by
            itself: set the score too if it should.
          </p>
          {report.errors.length > 0 && (
            <ol className="finding-choices" aria-label="Findings">
              {report.errors.map((e, i) => {
                const f = findings[i]!;
                return (
                  <li key={`${e.code}@${e.t}#${i}`} data-code={e.code}>
                    <span className="finding">
                      <strong>{e.severity}</strong> {e.code} at {e.t.toFixed(1)} s
                    </span>
                    <label className="field">
                      Verdict on {e.code} at {e.t.toFixed(1)} s
                      <select value={f.verdict} onChange={(ev) => setFinding(i, { verdict: ev.target.value as FindingChoice['verdict'] })}>
                        <option value="upheld">upheld</option>
                        <option value="dismissed">dismissed: not a mistake</option>
                        <option value="regraded">regraded</option>
                      </select>
                    </label>
                    {f.verdict === 'regraded' && (
                      <label className="field">
                        New severity
                        <select value={f.severity} onChange={(ev) => setFinding(i, { severity: ev.target.value as Severity })}>
                          {SEVERITIES.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                    {f.verdict !== 'upheld' && (
                      <label className="field wide">
                        Reason for {e.code} at {e.t.toFixed(1)} s
                        <input value={f.reason} onChange={(ev) => setFinding(i, { reason: ev.target.value })} />
                      </label>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </fieldset>
      )}
      <label className="field wide">
        {decision === 'confirmed' ? 'Comment (optional)' : 'Reason (required)'}
        <textarea value={reason} rows={2} onChange={(e) => setReason(e.target.value)} />
      </label>
      {problems.length > 0 && (
        <ul role="alert" className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="start">
        <button type="button" className="primary" onClick={() => void save()}>
          Save review
        </button>
      </div>
      {status && (
        <p role="status" className="note">
          {status}
        </p>
      )}
    </section>
  );
}
