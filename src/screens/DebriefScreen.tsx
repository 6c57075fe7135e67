import { PatientNote } from './debrief/PatientNote.tsx';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { protocolText } from '../core/procedure/index.ts';
import { debriefComparisons, dominantHand, estimateInput, estimateRatings } from '../core/scoring/index.ts';
import type { StoredAttempt } from '../app/storage/attempts.ts';
import { TipPathView } from '../views/TipPathView.tsx';
import { expertBenchmark } from '../app/expert-benchmark.ts';
import type { FinishedAttempt } from '../app/app-store.ts';
import { exitSession, showProgress } from '../app/app-store.ts';
import { attemptStore } from '../app/learner.ts';
import { SaveError, recordAttempt } from '../app/record-attempt.ts';
import { StorageProblemNotice } from './StorageNotices.tsx';
import { TICK_HZ } from '../core/kernel/index.ts';
import { learnersHand } from '../core/kernel/mirror.ts';
import { pathsNote } from './debrief/paths-note.ts';
import { StepTimeline } from './debrief/StepTimeline.tsx';
import { ErrorList } from './debrief/ErrorList.tsx';
import { SpeedChart } from './debrief/SpeedChart.tsx';
import { MetricComparisons } from './debrief/MetricComparisons.tsx';
import { RatingEstimates } from './debrief/RatingEstimates.tsx';
import { scopeNote } from './debrief/scope-note.ts';
import { OutboxStatus } from './OutboxStatus.tsx';
import { OKABE_ITO } from '../views/palette.ts';

interface Saved {
  attempt: StoredAttempt;
  previous: StoredAttempt[];
}

/**
 * After every attempt: outcome and score, the steps on a timeline with error markers, each error with its
 * specifics and what to do instead, charts of speed and of each metric over the learner's attempts, the tip paths in 3D and
 * estimated global ratings. The attempt is stored when this opens.
 */
export function DebriefScreen({ finished }: { finished: FinishedAttempt }) {
  const { report, protocol } = finished;
  const { t, i18n } = useTranslation();
  const text = protocolText(protocol, i18n.language);
  const variant = protocol.variants.find((v) => v.id === report.variant);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [saveError, setSaveError] = useState<{ kind: 'quota' | 'error'; message: string } | null>(null);
  // Bumped by Try again: the save runs again (recordAttempt remembers only a success).
  const [tries, setTries] = useState(0);
  const [confirmLeave, setConfirmLeave] = useState(false);
  useEffect(() => {
    let live = true;
    void tries;
    setSaveError(null);
    recordAttempt(finished)
      .then(async (attempt) => {
        const previous = (await attemptStore.attemptsOf(attempt.profileId, attempt.procedure)).filter((a) => a.id !== attempt.id);
        if (live) setSaved({ attempt, previous });
      })
      .catch(
        (error: unknown) =>
          live && setSaveError(error instanceof SaveError ? { kind: error.kind, message: error.message } : { kind: 'error', message: String(error) }),
      );
    return () => void (live = false);
  }, [finished, tries]);

  const hand = dominantHand(report);
  // Performed mirrored (a left-handed learner): the figures are canonical, the hands named as the learner used them.
  const { mirrored } = finished;
  const expert = useMemo(() => expertBenchmark(protocol), [protocol]);
  const comparisons = useMemo(
    () =>
      saved
        ? debriefComparisons(
            report,
            hand,
            expert?.report ?? null,
            saved.previous.map((a) => a.report),
          )
        : [],
    [saved, report, hand, expert],
  );
  const scope = scopeNote(report, expert !== null, t);
  // The structures the hook's heat injured (metrics.heatInjured), by name in the learner's language.
  const heatInjured = (report.metrics.heatInjured ?? []).map((s) => t(`structure.${s}`, { defaultValue: s.replace(/-/g, ' ') }));
  const estimates = useMemo(
    () => (['OSATS', 'GOALS'] as const).map((scale) => estimateRatings(estimateInput(report, hand, expert?.report ?? null), scale)),
    [report, hand, expert],
  );

  return (
    <main className="debrief" data-saved={saved ? 'yes' : 'no'}>
      <header>
        <h1>{text.title()}</h1>
        <p className={`outcome ${report.passed ? 'passed' : 'not-passed'}`}>
          {t(`outcome.${report.outcome}`)} · {t(report.passed ? 'debrief.passed' : 'debrief.notPassed')} · {t('debrief.score', { score: report.score })}
          {report.metrics.proficient && ` · ${t('debrief.proficient')}`}
        </p>
        <p className="meta">
          {t(`mode.${report.mode}.label`)} · {t('debrief.patient', { patient: variant ? text.variant(variant).title : report.variant })} ·{' '}
          {report.oneHanded && `${t('debrief.oneHanded')} · `}
          {(report.metrics.timerSec ?? report.metrics.durationSec).toFixed(1)} s ·{' '}
          {report.metrics.bloodLossMl !== undefined && `${t('debrief.bloodLoss', { ml: report.metrics.bloodLossMl })} · `}
          {report.metrics.scopePathMm !== undefined && `${t('debrief.scopePath', { mm: Math.round(report.metrics.scopePathMm) })} · `}
          {heatInjured.length > 0 && `${t('debrief.heatInjured', { structures: heatInjured.join(', ') })} · `}
          {t(saveError ? 'debrief.notSaved' : saved ? 'debrief.saved' : 'debrief.saving')}
          {finished.interrupted &&
            ` · ${t(finished.interrupted.incomplete ? 'debrief.recoveredKept' : 'debrief.recovered', { seconds: (finished.interrupted.atTick / TICK_HZ).toFixed(1) })}`}
        </p>
        {saveError && (
          <StorageProblemNotice
            kind={saveError.kind}
            message={saveError.message}
            running={false}
            onRetry={() => setTries((n) => n + 1)}
            attempt={() => finished}
          />
        )}
        {scope && <p className="scope">{scope}</p>}
        <PatientNote protocol={protocol} variant={report.variant} />
      </header>
      <StepTimeline report={report} protocol={protocol} expert={expert?.report ?? null} />
      <ErrorList report={report} protocol={protocol} mirrored={mirrored} />
      {saved && (
        <>
          <section aria-label={t('debrief.speed')} className="speed">
            <h2>{t('debrief.speed')}</h2>
            <SpeedChart speeds={saved.attempt.speeds} mirrored={mirrored} />
          </section>
          <MetricComparisons comparisons={comparisons} hand={learnersHand(hand, mirrored)} hasExpert={expert !== null} scope={scope} />
          <section aria-label={t('debrief.paths')} className="paths">
            <h2>{t('debrief.paths')}</h2>
            <p className="note">{pathsNote(t, expert !== null, mirrored)}</p>
            <TipPathView
              tracks={[
                { label: 'left', colour: OKABE_ITO.skyBlue, points: saved.attempt.paths.left },
                { label: 'right', colour: OKABE_ITO.orange, points: saved.attempt.paths.right },
                ...(expert
                  ? [
                      { label: 'expert left', colour: OKABE_ITO.bluishGreen, points: expert.paths.left },
                      { label: 'expert right', colour: OKABE_ITO.reddishPurple, points: expert.paths.right },
                    ]
                  : []),
              ]}
            />
          </section>
        </>
      )}
      <RatingEstimates estimates={estimates} />
      <div className="start">
        <button type="button" className="primary" onClick={() => (saved || !saveError ? exitSession() : setConfirmLeave(true))}>
          {t('debrief.back')}
        </button>
        <button type="button" onClick={showProgress}>
          {t('nav.progress')}
        </button>
      </div>
      {confirmLeave && (
        <p role="alert" className="scope">
          {t('debrief.unsavedWarning')}{' '}
          <button type="button" onClick={exitSession}>
            {t('debrief.leaveUnsaved')}
          </button>
        </p>
      )}
      <OutboxStatus />
    </main>
  );
}
