import { useEffect, useState } from 'react';
import { type AttemptReview, effectiveReport, reviewedFindings } from '../../core/scoring/index.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';
import { attemptStore } from '../../app/learner.ts';
import { findProcedure } from '../../app/protocol-catalog.ts';
import { rangeOf } from '../../app/review.ts';
import { reviewExport, reviewExportName } from '../../app/review-export.ts';
import { downloadBytes, downloadStoredScrub } from '../../app/attempt-files-browser.ts';
import { exitSession, showClass, showProgress } from '../../app/app-store.ts';
import { StepTimeline } from '../debrief/StepTimeline.tsx';
import { ErrorList } from '../debrief/ErrorList.tsx';
import { SpeedChart } from '../debrief/SpeedChart.tsx';
import { ReviewSummary } from '../debrief/ReviewSummary.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import { OutboxStatus } from '../OutboxStatus.tsx';

interface Loaded {
  attempt: StoredAttempt;
  learner: string;
  review: AttemptReview | null;
}

/**
 * A stored attempt's debrief. Its learner sees the automatic result with the instructor's review and notes
 * beside it; the instructor sees the same with the review panel and the notes editor.
 */
export function AttemptScreen({ id, as }: { id: string; as: 'instructor' | 'learner' }) {
  const [loaded, setLoaded] = useState<Loaded | null | 'missing'>(null);
  const [noteTime, setNoteTime] = useState('');
  useEffect(() => {
    let live = true;
    void (async () => {
      const attempt = await attemptStore.attempt(id);
      if (!attempt) return live && setLoaded('missing');
      const [profile, review] = await Promise.all([attemptStore.profile(attempt.profileId), attemptStore.review(id)]);
      if (live) setLoaded({ attempt, learner: profile?.name ?? 'Unknown learner', review });
    })();
    return () => void (live = false);
  }, [id]);

  const back = as === 'instructor' ? showClass : showProgress;
  if (loaded === null) return <main className="debrief stored">Loading…</main>;
  if (loaded === 'missing')
    return (
      <main className="debrief stored">
        <p>This attempt is not on this device.</p>
        <button type="button" onClick={back}>
          Back
        </button>
      </main>
    );
  const { attempt, learner, review } = loaded;
  const protocol = findProcedure(attempt.procedure) ?? null;
  const report = attempt.report;
  const effective = effectiveReport(report, review);
  const setReview = (r: AttemptReview): void => setLoaded({ ...loaded, review: r });
  const exportReview = (): void =>
    downloadBytes(
      new TextEncoder().encode(JSON.stringify(reviewExport(attempt, learner, review), null, 2)),
      reviewExportName(attempt, learner),
      'application/json',
    );

  return (
    <main className="debrief stored" data-as={as} data-attempt={attempt.id}>
      <header>
        <nav className="home-nav">
          <button type="button" onClick={back}>
            {as === 'instructor' ? 'Back to the class' : 'Back to progress'}
          </button>
          <button type="button" onClick={exitSession}>
            Home
          </button>
          <button type="button" onClick={() => void downloadStoredScrub(attempt.id)}>
            Export .scrub
          </button>
          <button type="button" onClick={exportReview}>
            Export review and notes (JSON)
          </button>
        </nav>
        <h1>{protocol?.title ?? attempt.procedure}</h1>
        <p className="meta">
          {learner} · {new Date(attempt.endedAtMs).toLocaleString()} · {report.mode} mode · patient {report.variant} ·{' '}
          {(report.metrics.timerSec ?? report.metrics.durationSec).toFixed(1)} s
        </p>
        {effective !== report && (
          <p className={`outcome ${effective?.passed ? 'passed' : 'not-passed'}`} data-reviewed="yes">
            <span className="label">Result after review: </span>
            {effective
              ? `${effective.outcome} · ${effective.passed ? 'passed' : 'not passed'} · score ${effective.score}`
              : 'does not count (declared invalid)'}
          </p>
        )}
        <p className={`outcome ${effective !== report ? 'automatic' : ''} ${report.passed ? 'passed' : 'not-passed'}`}>
          <span className="label">Automatic result: </span>
          {report.outcome} · {report.passed ? 'passed' : 'not passed'} · score {report.score}
          {report.metrics.proficient && ' · proficient'}
        </p>
      </header>
      <ReviewSummary report={report} review={review} />
      {protocol ? (
        <>
          <StepTimeline
            report={report}
            protocol={protocol}
            expert={null}
            notes={review?.annotations ?? []}
            dismissed={reviewedFindings(report, review).flatMap((f) => (f.verdict?.verdict === 'dismissed' ? [f.index] : []))}
          />
          <ErrorList report={report} protocol={protocol} review={review} />
        </>
      ) : (
        <p className="scope">The protocol {attempt.procedure} is not in this version of Scrub: steps and errors are shown without it.</p>
      )}
      <section aria-label="Speed" className="speed">
        <h2>Tip speed</h2>
        <SpeedChart speeds={attempt.speeds} />
      </section>
      {as === 'instructor' && (
        <>
          <ReviewPanel attempt={attempt} review={review} range={rangeOf(attempt, protocol)} onSaved={setReview} />
          {report.errors.length > 0 && (
            <p className="note finding-times">
              Note at a finding’s time:{' '}
              {report.errors.map((e, i) => (
                <button key={`${e.code}@${e.t}#${i}`} type="button" className="small" onClick={() => setNoteTime(e.t.toFixed(1))}>
                  {e.code} {e.t.toFixed(1)} s
                </button>
              ))}
            </p>
          )}
          <AnnotationEditor attempt={attempt} review={review} time={noteTime} onTime={setNoteTime} onSaved={setReview} />
        </>
      )}
      <OutboxStatus />
    </main>
  );
}
