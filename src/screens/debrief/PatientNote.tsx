import type { Protocol } from '../../core/procedure/index.ts';

/**
 * The patient of the attempt, when the protocol says more about it than its id: what was particular about
 * this patient, the plan it called for where that differs from the usual (a bail-out), and the source.
 */
export function PatientNote({ protocol, variant }: { protocol: Protocol; variant: string }) {
  const v = protocol.variants.find((x) => x.id === variant);
  if (!v?.description) return null;
  const plan = v.ordering?.flatMap((entry) => (typeof entry === 'string' ? [entry] : 'anyOrder' in entry ? entry.anyOrder : []));
  const title = (id: string) => protocol.steps.find((s) => s.id === id)?.title ?? id;
  const source = protocol.sources.find((s) => s.id === v.source);
  return (
    <section className="patient-note" aria-label="The patient">
      <p>
        <strong>{v.title}.</strong> {v.description}
      </p>
      {plan && <p>This patient's plan: {plan.map(title).join(' → ')}.</p>}
      {source && <p className="meta">Source: {source.citation}</p>}
    </section>
  );
}
