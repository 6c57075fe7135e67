import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { protocolText } from '../../core/procedure/index.ts';
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
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null | 'missing'>(null);
  const [noteTime, setNoteTime] = useState('');
  useEffect(() => {
    let live = true;
    void (async () => {
      const attempt = await attemptStore.attempt(id);
      if (!attempt) return live && setLoaded('missing');
      const [profile, review] = await Promise.all([attemptStore.profile(attempt.profileId), attemptStore.review(id)]);
      if (live) setLoaded({ attempt, learner: profile?.name ?? t('attempt.unknownLearner'), review });
    })();
    return () => void (live = false);
  }, [id, t]);

  const back = as === 'instructor' ? showClass : showProgress;
  if (loaded === null) return <main className="debrief stored">{t('attempt.loading')}</main>;
  if (loaded === 'missing')
    return (
      <main className="debrief stored">
        <p>{t('attempt.missing')}</p>
        <button type="button" onClick={back}>
          {t('caseCard.back')}
        </button>
      </main>
    );
  const { attempt, learner, review } = loaded;
  const protocol = findProcedure(attempt.procedure) ?? null;
  const report = attempt.report;
  const text = protocol ? protocolText(protocol, i18n.language) : null;
  const variant = protocol?.variants.find((v) => v.id === report.variant);
  const result = (r: Pick<typeof report, 'outcome' | 'passed' | 'score'>): string =>
    `${t(`outcome.${r.outcome}`)} · ${t(r.passed ? 'debrief.passed' : 'debrief.notPassed')} · ${t('debrief.score', { score: r.score })}`;
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
            {t(as === 'instructor' ? 'attempt.backToClass' : 'attempt.backToProgress')}
          </button>
          <button type="button" onClick={exitSession}>
            {t('attempt.home')}
          </button>
          <button type="button" onClick={() => void downloadStoredScrub(attempt.id)}>
            {t('files.exportScrub')}
          </button>
          <button type="button" onClick={exportReview}>
            {t('attempt.exportReview')}
          </button>
        </nav>
        <h1>{protocol ? text!.title() : attempt.procedure}</h1>
        <p className="meta">
          {learner} · {new Date(attempt.endedAtMs).toLocaleString(i18n.language)} · {t('recommend.mode', { mode: t(`mode.${report.mode}.label`) })} ·{' '}
          {t('debrief.patient', { patient: variant ? text!.variant(variant).title : report.variant })} ·{' '}
          {t('units.seconds', { seconds: (report.metrics.timerSec ?? report.metrics.durationSec).toFixed(1) })}
        </p>
        {effective !== report && (
          <p className={`outcome ${effective?.passed ? 'passed' : 'not-passed'}`} data-reviewed="yes">
            <span className="label">{t('attempt.afterReview')} </span>
            {effective ? result(effective) : t('attempt.invalid')}
          </p>
        )}
        <p className={`outcome ${effective !== report ? 'automatic' : ''} ${report.passed ? 'passed' : 'not-passed'}`}>
          <span className="label">{t('attempt.automatic')} </span>
          {result(report)}
          {report.metrics.proficient && ` · ${t('debrief.proficient')}`}
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
          <ErrorList report={report} protocol={protocol} review={review} mirrored={attempt.mirrored === true} />
        </>
      ) : (
        <p className="scope">{t('attempt.noProtocol', { id: attempt.procedure })}</p>
      )}
      <section aria-label={t('attempt.speed')} className="speed">
        <h2>{t('debrief.speed')}</h2>
        <SpeedChart speeds={attempt.speeds} mirrored={attempt.mirrored === true} />
      </section>
      {as === 'instructor' && (
        <>
          <ReviewPanel attempt={attempt} review={review} range={rangeOf(attempt, protocol)} onSaved={setReview} />
          {report.errors.length > 0 && (
            <p className="note finding-times">
              {t('attempt.noteAt')}{' '}
              {report.errors.map((e, i) => (
                <button key={`${e.code}@${e.t}#${i}`} type="button" className="small" onClick={() => setNoteTime(e.t.toFixed(1))}>
                  {e.code} {t('units.seconds', { seconds: e.t.toFixed(1) })}
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
