import { useTranslation } from 'react-i18next';
import { errorCodeCounts, learningCurve, progressOf, stepFailures } from '../../core/progress/index.ts';
import { type Protocol, protocolText, stepTitle } from '../../core/procedure/index.ts';
import type { AttemptRecord } from '../../core/progress/index.ts';
import { listProcedures } from '../../app/protocol-catalog.ts';
import { exitSession, openStoredAttempt } from '../../app/app-store.ts';
import { currentVerdict } from '../../core/scoring/index.ts';
import type { StoredAttempt } from '../../app/storage/attempts.ts';
import { progressHistory, useLearner } from '../../app/learner.ts';
import { LearningCurve } from './LearningCurve.tsx';
import { procedurePlan } from '../../app/procedure-plan.ts';
import { Recommendation } from './Recommendation.tsx';
import { AttemptFiles } from './AttemptFiles.tsx';

/** The dashboard: per procedure, learning curves, proficiency status, the weakest steps and errors. */
export function ProgressScreen() {
  const { t, i18n } = useTranslation();
  const profile = useLearner((s) => s.profile);
  const attempts = useLearner((s) => s.attempts);
  const history = progressHistory(
    attempts,
    useLearner((s) => s.reviews),
  );
  const tried = listProcedures().filter((p) => history.some((a) => a.procedure === p.id));
  return (
    <main className="progress">
      <header>
        <h1>{profile ? t('progress.titleOf', { name: profile.name }) : t('nav.progress')}</h1>
        <button type="button" onClick={exitSession}>
          {t('debrief.back')}
        </button>
      </header>
      <Recommendation />
      {tried.length === 0 && <p>{t('progress.none')}</p>}
      {tried.map((p) => (
        <ProcedureProgress key={p.id} protocol={p} history={history} />
      ))}
      {tried.length > 0 && <PastAttempts attempts={attempts} titles={new Map(tried.map((p) => [p.id, protocolText(p, i18n.language).title()]))} />}
      <AttemptFiles />
    </main>
  );
}

function ProcedureProgress({ protocol, history }: { protocol: Protocol; history: AttemptRecord[] }) {
  const { t, i18n } = useTranslation();
  const title = protocolText(protocol, i18n.language).title();
  const plan = procedurePlan(protocol);
  const curve = learningCurve(history, plan);
  const { status, retention } = progressOf(history, plan, Date.now());
  const p = status.proficiency;
  const rule = plan.proficiency;
  const steps = stepFailures(history, protocol.id);
  const errors = errorCodeCounts(history, protocol.id);
  return (
    <section className="procedure-progress" aria-label={title} data-procedure={protocol.id}>
      <h2>{title}</h2>
      <p className="stage">
        <strong>{t(`stage.${status.stage}`)}</strong> · {t('progress.attempts', { count: status.attempts })}
      </p>
      <LearningCurve points={curve} title={title} />
      <p className="proficiency">
        {rule
          ? `${t('progress.rule', { time: rule.maxTimeSec !== undefined ? t('progress.ruleTime', { seconds: rule.maxTimeSec }) : '', consecutive: rule.consecutive, additional: rule.additional })} ` +
            t('progress.standing', { proficient: p.proficientAttempts, inARow: p.currentRun }) +
            (p.achieved ? t('progress.achieved') : t('progress.needed', { count: p.remaining })) +
            (p.capReached ? t('progress.capReached') : '')
          : t('progress.noBenchmark')}
      </p>
      {retention && <p className="meta">{t('progress.retentionDue', { date: new Date(retention.dueAtMs).toLocaleDateString(i18n.language) })}</p>}
      <div className="weakest">
        <div>
          <h3>{t('progress.weakestSteps')}</h3>
          {steps.length === 0 ? (
            <p>{t('progress.noFailedSteps')}</p>
          ) : (
            <ol>
              {steps.slice(0, 5).map((s) => (
                <li key={s.step}>
                  {stepTitle(protocol, s.step, i18n.language)} <span className="meta">{t('progress.failures', { count: s.failures })}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3>{t('progress.frequentErrors')}</h3>
          {errors.length === 0 ? (
            <p>{t('progress.noErrors')}</p>
          ) : (
            <ol>
              {errors.slice(0, 5).map((e) => (
                <li key={e.code}>
                  {e.code}{' '}
                  <span className="meta">
                    {t(`severity.${e.severity}.name`)} · {e.count}×
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}

/** The learner's attempts, newest first, each opening its debrief (with the instructor's review, when reviewed). */
function PastAttempts({ attempts, titles }: { attempts: readonly StoredAttempt[]; titles: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const reviews = useLearner((s) => s.reviews);
  const recent = [...attempts].reverse().slice(0, 20);
  return (
    <section aria-label={t('progress.yourAttempts')} className="past-attempts">
      <h2>{t('progress.yourAttempts')}</h2>
      <ol>
        {recent.map((a) => {
          const review = reviews.get(a.id) ?? null;
          const verdict = currentVerdict(review);
          return (
            <li key={a.id} data-attempt={a.id}>
              {titles.get(a.procedure) ?? a.procedure} · {new Date(a.endedAtMs).toLocaleString(i18n.language)} · {t(`outcome.${a.report.outcome}`)} ·{' '}
              {t('debrief.score', { score: a.report.score })}
              {verdict && <strong className="reviewed"> · {t('progress.reviewedBy', { reviewer: verdict.reviewer })}</strong>}
              {review && review.annotations.length > 0 && <span className="meta"> · {t('progress.notes', { count: review.annotations.length })}</span>}{' '}
              <button type="button" className="small" onClick={() => openStoredAttempt(a.id, 'learner')}>
                {t('progress.debrief')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
