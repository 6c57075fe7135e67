import type { RatingEstimate } from '../../core/scoring/index.ts';

/** Estimated OSATS / GOALS domain ratings, always labelled as estimates (docs/metrics.md). */
export function RatingEstimates({ estimates }: { estimates: RatingEstimate[] }) {
  return (
    <section aria-label="Estimated ratings" className="ratings">
      <h2>Estimated ratings</h2>
      {estimates.map((e) => (
        <div key={e.scale}>
          <h3>{e.scale} (estimate)</h3>
          <p className="note">{e.label}.</p>
          <p className={e.withheld ? 'scope withheld' : 'scope'}>{e.coverage}</p>
          {e.withheld ? null : e.domains.length === 0 ? (
            <p>Not enough data to estimate any domain.</p>
          ) : (
            <dl>
              {e.domains.map((d) => (
                <div key={d.domain} className="rating">
                  <dt>{d.domain}</dt>
                  <dd>
                    ≈ {d.rating.toFixed(1)} / 5 <span className="meta">from {d.basis.join(', ')}</span>
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      ))}
    </section>
  );
}
