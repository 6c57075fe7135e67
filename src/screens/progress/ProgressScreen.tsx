import { errorCodeCounts, learningCurve, progressOf, stepFailures } from '../../core/progress/index.ts';
import { type Protocol, stepTitle } from '../../core/procedure/index.ts';
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

const STAGES: Record<string, string> = {
  'not-started': 'not started',
  learning: 'learning the steps',
  practising: 'practising to the benchmark',
  assessing: 'benchmark met: confirm in an assessment',
  proficient: 'proficient',
};

/** The dashboard: per procedure, learning curves, proficiency status, the weakest steps and errors. */
export function ProgressScreen() {
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
        <h1>Progress{profile && ` — ${profile.name}`}</h1>
        <button type="button" onClick={exitSession}>
          Back to procedures
        </button>
      </header>
      <Recommendation />
      {tried.length === 0 && <p>No attempts yet. Finish an attempt (F) and it appears here.</p>}
      {tried.map((p) => (
        <ProcedureProgress key={p.id} protocol={p} history={history} />
      ))}
      {tried.length > 0 && <PastAttempts attempts={attempts} titles={new Map(tried.map((p) => [p.id, p.title]))} />}
      <AttemptFiles />
    </main>
  );
}

function ProcedureProgress({ protocol, history }: { protocol: Protocol; history: AttemptRecord[] }) {
  const plan = procedurePlan(protocol);
  const curve = learningCurve(history, plan);
  const { status, retention } = progressOf(history, plan, Date.now());
  const p = status.proficiency;
  const rule = plan.proficiency;
  const steps = stepFailures(history, protocol.id);
  const errors = errorCodeCounts(history, protocol.id);
  return (
    <section className="procedure-progress" aria-label={protocol.title} data-procedure={protocol.id}>
      <h2>{protocol.title}</h2>
      <p className="stage">
        <strong>{STAGES[status.stage] ?? status.stage}</strong> · {status.attempts} attempt{status.attempts === 1 ? '' : 's'}
      </p>
      <LearningCurve points={curve} title={protocol.title} />
      <p className="proficiency">
        {rule
          ? `Proficiency (practice and assess attempts; ${rule.maxTimeSec !== undefined ? `≤ ${rule.maxTimeSec} s, ` : ''}${rule.consecutive} in a row + ${rule.additional} more): ` +
            `${p.proficientAttempts} proficient, ${p.currentRun} in a row now, ${p.achieved ? 'achieved' : `${p.remaining} more needed`}` +
            (p.capReached ? ' — attempt limit reached: ask your instructor' : '')
          : 'This procedure has no proficiency benchmark: one passed attempt counts.'}
      </p>
      {retention && <p className="meta">Retention check due {new Date(retention.dueAtMs).toLocaleDateString()}.</p>}
      <div className="weakest">
        <div>
          <h3>Weakest steps</h3>
          {steps.length === 0 ? (
            <p>None failed in the last attempts.</p>
          ) : (
            <ol>
              {steps.slice(0, 5).map((s) => (
                <li key={s.step}>
                  {stepTitle(protocol, s.step)}{' '}
                  <span className="meta">
                    {s.failures} failure{s.failures === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <h3>Most frequent errors</h3>
          {errors.length === 0 ? (
            <p>None in the last attempts.</p>
          ) : (
            <ol>
              {errors.slice(0, 5).map((e) => (
                <li key={e.code}>
                  {e.code}{' '}
                  <span className="meta">
                    {e.severity} · {e.count}×
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
  const reviews = useLearner((s) => s.reviews);
  const recent = [...attempts].reverse().slice(0, 20);
  return (
    <section aria-label="Your attempts" className="past-attempts">
      <h2>Your attempts</h2>
      <ol>
        {recent.map((a) => {
          const review = reviews.get(a.id) ?? null;
          const verdict = currentVerdict(review);
          return (
            <li key={a.id} data-attempt={a.id}>
              {titles.get(a.procedure) ?? a.procedure} · {new Date(a.endedAtMs).toLocaleString()} · {a.report.outcome} · score {a.report.score}
              {verdict && <strong className="reviewed"> · reviewed by {verdict.reviewer}</strong>}
              {review && review.annotations.length > 0 && (
                <span className="meta">
                  {' '}
                  · {review.annotations.length} note{review.annotations.length === 1 ? '' : 's'}
                </span>
              )}{' '}
              <button type="button" className="small" onClick={() => openStoredAttempt(a.id, 'learner')}>
                Debrief
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
