import { useMemo } from 'react';
import { recommend } from '../../core/progress/index.ts';
import { stepTitle } from '../../core/procedure/index.ts';
import { listProcedures } from '../../app/protocol-catalog.ts';
import { chooseMode, startDrill, startSession } from '../../app/app-store.ts';
import { progressHistory, useLearner } from '../../app/learner.ts';
import { procedurePlan } from '../../app/procedure-plan.ts';

/** What to practise next, from the learner's history, with "drill this step" when one step stands out. */
export function Recommendation() {
  const attempts = useLearner((s) => s.attempts);
  const reviews = useLearner((s) => s.reviews);
  const procedures = listProcedures();
  const rec = useMemo(() => recommend(progressHistory(attempts, reviews), procedures.map(procedurePlan), Date.now()), [attempts, reviews, procedures]);
  const protocol = procedures.find((p) => p.id === rec?.procedure);
  if (!rec || !protocol) return null;
  return (
    <section aria-label="Recommended next" className="recommendation">
      <p>
        <strong>Next:</strong> {rec.message.replace(rec.procedure, protocol.title)} <span className="meta">({rec.mode} mode)</span>
      </p>
      <button
        type="button"
        onClick={() => {
          chooseMode(rec.mode);
          startSession(protocol);
        }}
      >
        Start {protocol.title} in {rec.mode} mode
      </button>
      {rec.drillStep && (
        <button type="button" onClick={() => startDrill(protocol, rec.drillStep!)}>
          Drill this step: {stepTitle(protocol, rec.drillStep)}
        </button>
      )}
    </section>
  );
}
