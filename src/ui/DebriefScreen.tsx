import type { FinishedAttempt } from './app-store.ts';
import { exitSession } from './app-store.ts';

/** After every attempt: outcome, score, steps and errors with what to do instead. */
export function DebriefScreen({ finished }: { finished: FinishedAttempt }) {
  const { report, protocol } = finished;
  const advice = (code: string): string | undefined => protocol.errors.find((e) => e.code === code)?.instead;
  return (
    <main className="debrief">
      <h1>{protocol.title}</h1>
      <p className={`outcome ${report.passed ? 'passed' : 'not-passed'}`}>
        {report.outcome} · {report.passed ? 'passed' : 'not passed'} · score {report.score}
      </p>
      <section aria-label="Steps">
        <h2>Steps</h2>
        <ol>
          {report.steps.map((s) => (
            <li key={`${s.id}@${s.start}`}>
              {protocol.steps.find((p) => p.id === s.id)?.title ?? s.id} — {s.status}
            </li>
          ))}
        </ol>
      </section>
      <section aria-label="Errors">
        <h2>Errors</h2>
        {report.errors.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {report.errors.map((e) => (
              <li key={`${e.code}@${e.t}`}>
                <strong>{e.severity}</strong> at {e.t.toFixed(1)} s: {e.message} {advice(e.code) && <em>Instead: {advice(e.code)}</em>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <button className="primary" onClick={exitSession}>
        Back to procedures
      </button>
    </main>
  );
}
