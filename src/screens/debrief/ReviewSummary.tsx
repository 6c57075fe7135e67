import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { type AttemptReview, type Report, type Verdict, currentVerdict, effectiveReport } from '../../core/scoring/index.ts';

/**
 * The instructor's word beside the automatic verdict: who reviewed, what they changed and why, the result
 * that counts now, and the notes they left at points of the attempt. The automatic result stays on show.
 */
export function ReviewSummary({ report, review, onSeek }: { report: Report; review: AttemptReview | null; onSeek?: (t: number) => void }) {
  const { t, i18n } = useTranslation();
  const verdict = currentVerdict(review);
  const notes = review?.annotations ?? [];
  if (!verdict && notes.length === 0) return null;
  const effective = effectiveReport(report, review);
  const result = (r: Pick<Report, 'outcome' | 'passed' | 'score'>): string =>
    `${t(`outcome.${r.outcome}`)}, ${t(r.passed ? 'debrief.passed' : 'debrief.notPassed')}, ${t('debrief.score', { score: r.score })}`;
  return (
    <section aria-label={t('reviewSummary.title')} className="review-summary">
      <h2>{t('reviewSummary.title')}</h2>
      {verdict && (
        <>
          <p className={`verdict ${verdict.decision}`} data-decision={verdict.decision}>
            {verdictText(verdict, report, t)}
          </p>
          <p className="meta">
            {new Date(verdict.atMs).toLocaleString(i18n.language)} · {t('reviewSummary.automatic', { result: result(report) })}
            {' · '}
            {effective
              ? t('reviewSummary.countsAs', { result: result(effective), errors: t('debrief.errorCount', { count: effective.errors.length }) })
              : t('reviewSummary.countsAsNothing')}
            {review && review.verdicts.length > 1 && ` · ${t('reviewSummary.earlier', { count: review.verdicts.length - 1 })}`}
          </p>
        </>
      )}
      {notes.length > 0 && (
        <>
          <h3>{t('reviewSummary.notes')}</h3>
          <ol className="annotations">
            {notes.map((n) => (
              <li key={n.id} data-t={n.t}>
                {onSeek ? (
                  <button type="button" className="time" onClick={() => onSeek(n.t)}>
                    {t('units.seconds', { seconds: n.t.toFixed(1) })}
                  </button>
                ) : (
                  <span className="time">{t('units.seconds', { seconds: n.t.toFixed(1) })}</span>
                )}{' '}
                <span className="text">{n.text}</span> <span className="meta">— {n.author}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** The verdict in one sentence, in the learner's language: who reviewed, what changed, why. */
function verdictText(verdict: Verdict, report: Report, t: TFunction): string {
  const reviewer = verdict.reviewer;
  const reason = verdict.reason.trim();
  if (verdict.decision === 'confirmed') return `${t('reviewSummary.confirmed', { reviewer })}${reason ? ` ${reason}` : ''}`;
  if (verdict.decision === 'invalid') return t('reviewSummary.invalid', { reviewer, reason });
  const changes: string[] = [];
  if (verdict.outcome !== undefined && verdict.outcome !== report.outcome)
    changes.push(t('reviewSummary.outcomeChange', { to: t(`outcome.${verdict.outcome}`), from: t(`outcome.${report.outcome}`) }));
  if (verdict.passed !== undefined && verdict.passed !== report.passed)
    changes.push(t(verdict.passed ? 'reviewSummary.nowPassed' : 'reviewSummary.nowNotPassed'));
  if (verdict.score !== undefined && verdict.score !== report.score) changes.push(t('reviewSummary.scoreChange', { to: verdict.score, from: report.score }));
  const dismissed = verdict.findings.filter((f) => f.verdict === 'dismissed').length;
  const regraded = verdict.findings.filter((f) => f.verdict === 'regraded').length;
  if (dismissed) changes.push(t('reviewSummary.dismissed', { count: dismissed }));
  if (regraded) changes.push(t('reviewSummary.regraded', { count: regraded }));
  return t('reviewSummary.overridden', { reviewer, changes: changes.join(', ') || t('reviewSummary.noChange'), reason });
}
