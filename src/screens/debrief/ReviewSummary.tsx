import { type AttemptReview, type Report, currentVerdict, effectiveReport, verdictSummary } from '../../core/scoring/index.ts';

/**
 * The instructor's word beside the automatic verdict: who reviewed, what they changed and why, the result
 * that counts now, and the notes they left at points of the attempt. The automatic result stays on show.
 */
export function ReviewSummary({ report, review, onSeek }: { report: Report; review: AttemptReview | null; onSeek?: (t: number) => void }) {
  const verdict = currentVerdict(review);
  const notes = review?.annotations ?? [];
  if (!verdict && notes.length === 0) return null;
  const effective = effectiveReport(report, review);
  return (
    <section aria-label="Instructor review" className="review-summary">
      <h2>Instructor review</h2>
      {verdict && (
        <>
          <p className={`verdict ${verdict.decision}`} data-decision={verdict.decision}>
            {verdictSummary(verdict, report)}
          </p>
          <p className="meta">
            {new Date(verdict.atMs).toLocaleString()} · automatic result: {report.outcome}, {report.passed ? 'passed' : 'not passed'}, score {report.score}
            {effective
              ? ` · counts as: ${effective.outcome}, ${effective.passed ? 'passed' : 'not passed'}, score ${effective.score}, ${effective.errors.length} error${effective.errors.length === 1 ? '' : 's'}`
              : ' · counts as: nothing (declared invalid)'}
            {review && review.verdicts.length > 1 && ` · ${review.verdicts.length - 1} earlier review${review.verdicts.length === 2 ? '' : 's'} kept`}
          </p>
        </>
      )}
      {notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ol className="annotations">
            {notes.map((n) => (
              <li key={n.id} data-t={n.t}>
                {onSeek ? (
                  <button type="button" className="time" onClick={() => onSeek(n.t)}>
                    {n.t.toFixed(1)} s
                  </button>
                ) : (
                  <span className="time">{n.t.toFixed(1)} s</span>
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
