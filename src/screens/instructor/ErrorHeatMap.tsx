import type { ErrorHeatMap } from '../../core/progress/index.ts';

/** Errors by step (rows) and learner (columns) over one procedure: darker is more. A table, so it reads aloud. */
export function ErrorHeatMapView({ map, title, stepName }: { map: ErrorHeatMap; title: string; stepName: (step: string) => string }) {
  if (map.learners.length === 0) return null;
  return (
    <section aria-label="Error heat map" className="heat-map">
      <h2>Errors by step — {title}</h2>
      <p className="note">Mistakes over all attempts (as reviewed), attributed to the step they happened in.</p>
      <table className="heat" aria-label={`Errors by step and learner, ${title}`}>
        <thead>
          <tr>
            <th scope="col">Step</th>
            {map.learners.map((l) => (
              <th key={l.id} scope="col">
                {l.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.steps.map((step, si) => (
            <tr key={step ?? '(none)'}>
              <th scope="row">{step === null ? 'no step' : stepName(step)}</th>
              {map.counts[si]!.map((n, li) => (
                <td
                  key={map.learners[li]!.id}
                  className="cell"
                  data-count={n}
                  style={{ background: n === 0 ? 'transparent' : `rgba(255, 90, 60, ${(0.2 + (0.8 * n) / Math.max(1, map.max)).toFixed(2)})` }}
                  title={`${map.learners[li]!.name}, ${step === null ? 'no step' : stepName(step)}: ${n} error${n === 1 ? '' : 's'}`}
                >
                  {n > 0 ? n : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
