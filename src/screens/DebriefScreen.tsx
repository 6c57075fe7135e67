import { useEffect, useMemo, useState } from 'react';
import { comparisonNote, debriefComparisons, dominantHand, estimateInput, estimateRatings } from '../core/scoring/index.ts';
import type { StoredAttempt } from '../app/storage/attempts.ts';
import { TipPathView } from '../views/TipPathView.tsx';
import { expertBenchmark } from '../app/expert-benchmark.ts';
import type { FinishedAttempt } from '../app/app-store.ts';
import { exitSession, showProgress } from '../app/app-store.ts';
import { attemptStore } from '../app/learner.ts';
import { SaveError, recordAttempt } from '../app/record-attempt.ts';
import { StorageProblemNotice } from './StorageNotices.tsx';
import { TICK_HZ } from '../core/kernel/index.ts';
import { StepTimeline } from './debrief/StepTimeline.tsx';
import { ErrorList } from './debrief/ErrorList.tsx';
import { SpeedChart } from './debrief/SpeedChart.tsx';
import { MetricComparisons } from './debrief/MetricComparisons.tsx';
import { RatingEstimates } from './debrief/RatingEstimates.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';

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
  const scope = comparisonNote(report, expert !== null);
  const estimates = useMemo(
    () => (['OSATS', 'GOALS'] as const).map((scale) => estimateRatings(estimateInput(report, hand, expert?.report ?? null), scale)),
    [report, hand, expert],
  );

  return (
    <main className="debrief" data-saved={saved ? 'yes' : 'no'}>
      <header>
        <h1>{protocol.title}</h1>
        <p className={`outcome ${report.passed ? 'passed' : 'not-passed'}`}>
          {report.outcome} · {report.passed ? 'passed' : 'not passed'} · score {report.score}
          {report.metrics.proficient && ' · proficient'}
        </p>
        <p className="meta">
          {report.mode} mode · patient {report.variant} · {(report.metrics.timerSec ?? report.metrics.durationSec).toFixed(1)} s
          {report.metrics.bloodLossMl !== undefined && ` · blood loss ${report.metrics.bloodLossMl} ml`}
          {saveError ? ' · not saved' : saved ? ' · saved' : ' · saving…'}
          {finished.interrupted &&
            ` · recovered after an interruption at ${(finished.interrupted.atTick / TICK_HZ).toFixed(1)} s${finished.interrupted.incomplete ? ', kept as it was' : ''}`}
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
      </header>
      <StepTimeline report={report} protocol={protocol} expert={expert?.report ?? null} />
      <ErrorList report={report} protocol={protocol} />
      {saved && (
        <>
          <section aria-label="Speed" className="speed">
            <h2>Tip speed</h2>
            <SpeedChart speeds={saved.attempt.speeds} />
          </section>
          <MetricComparisons comparisons={comparisons} hand={hand} hasExpert={expert !== null} scope={scope} />
          <section aria-label="Tip paths" className="paths">
            <h2>Tip paths</h2>
            <p className="note">
              Your instrument tips as your hands moved them (left blue, right orange)
              {expert ? ', and the expert’s (green).' : '. No expert performance ships for this procedure yet.'}
            </p>
            <TipPathView
              tracks={[
                { label: 'left', colour: '#4f8fe6', points: saved.attempt.paths.left },
                { label: 'right', colour: '#e6884f', points: saved.attempt.paths.right },
                ...(expert
                  ? [
                      { label: 'expert left', colour: '#2a9d5b', points: expert.paths.left },
                      { label: 'expert right', colour: '#5fd08a', points: expert.paths.right },
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
          Back to procedures
        </button>
        <button type="button" onClick={showProgress}>
          Progress
        </button>
      </div>
      {confirmLeave && (
        <p role="alert" className="scope">
          This attempt is not saved: leaving loses it (export it first to keep it).{' '}
          <button type="button" onClick={exitSession}>
            Leave without saving
          </button>
        </p>
      )}
      <OutboxStatus />
    </main>
  );
}
