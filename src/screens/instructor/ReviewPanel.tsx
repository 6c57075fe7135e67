import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome, Report, ReviewDecision, Severity, Verdict } from '../../core/scoring/index.ts';
import { type FindingVerdict, type AttemptReview, currentVerdict } from '../../core/scoring/index.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';
import { ReviewError, saveVerdict, useDesk } from '../../app/review.ts';
import { ReviewerField } from './ReviewerField.tsx';

type FindingChoice = { verdict: FindingVerdict['verdict']; severity: Severity; reason: string };

const SEVERITIES: Severity[] = ['minor', 'major', 'critical'];
const OUTCOMES: Outcome[] = ['completed', 'incomplete', 'failed'];
const FINDING_VERDICTS: FindingChoice['verdict'][] = ['upheld', 'dismissed', 'regraded'];

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
  const { t, i18n } = useTranslation();
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
      setStatus(t('reviewPanel.saved', { time: new Date(verdict.atMs).toLocaleTimeString(i18n.language) }));
      onSaved(saved);
    } catch (error) {
      setStatus(null);
      setProblems(error instanceof ReviewError ? error.problems : [String(error)]);
    }
  };

  return (
    <section aria-label={t('reviewPanel.label')} className="review-panel">
      <h2>{t('reviewPanel.title')}</h2>
      <p className="note">{t('reviewPanel.note')}</p>
      <ReviewerField />
      <fieldset className="decision">
        <legend>{t('reviewPanel.decision')}</legend>
        {(['confirmed', 'overridden', 'invalid'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={`${id}-decision`} value={value} checked={decision === value} onChange={() => setDecision(value)} />{' '}
            {t(`reviewPanel.decisions.${value}`)}
          </label>
        ))}
      </fieldset>
      {override && (
        <fieldset className="override">
          <legend>{t('reviewPanel.result')}</legend>
          <label className="field">
            {t('reviewPanel.outcome')}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={passed && outcome === 'completed'}
              disabled={outcome !== 'completed'}
              onChange={(e) => setPassed(e.target.checked)}
            />{' '}
            {t('reviewPanel.passed')}
          </label>
          <label className="field">
            {t('reviewPanel.score', { min: range.min, max: range.max })}
            <input type="number" min={range.min} max={range.max} step="any" value={score} onChange={(e) => setScore(e.target.value)} />
          </label>
          <p className="meta">
            {t('reviewPanel.automatic', {
              outcome: t(`outcome.${report.outcome}`),
              passed: t(report.passed ? 'debrief.passed' : 'debrief.notPassed'),
              score: report.score,
            })}
          </p>
          {report.errors.length > 0 && (
            <ol className="finding-choices" aria-label={t('reviewPanel.findings')}>
              {report.errors.map((e, i) => {
                const f = findings[i]!;
                const at = { code: e.code, seconds: e.t.toFixed(1) };
                return (
                  <li key={`${e.code}@${e.t}#${i}`} data-code={e.code}>
                    <span className="finding">
                      <strong>{t(`severity.${e.severity}.name`)}</strong> {t('debrief.errorMarker', at)}
                    </span>
                    <label className="field">
                      {t('reviewPanel.verdictOn', at)}
                      <select value={f.verdict} onChange={(ev) => setFinding(i, { verdict: ev.target.value as FindingChoice['verdict'] })}>
                        {FINDING_VERDICTS.map((v) => (
                          <option key={v} value={v}>
                            {t(`reviewPanel.verdicts.${v}`)}
                          </option>
                        ))}
                      </select>
                    </label>
                    {f.verdict === 'regraded' && (
                      <label className="field">
                        {t('reviewPanel.newSeverity')}
                        <select value={f.severity} onChange={(ev) => setFinding(i, { severity: ev.target.value as Severity })}>
                          {SEVERITIES.map((s) => (
                            <option key={s} value={s}>
                              {t(`severity.${s}.name`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                    {f.verdict !== 'upheld' && (
                      <label className="field wide">
                        {t('reviewPanel.reasonFor', at)}
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
        {t(decision === 'confirmed' ? 'reviewPanel.comment' : 'reviewPanel.reason')}
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
          {t('reviewPanel.save')}
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
