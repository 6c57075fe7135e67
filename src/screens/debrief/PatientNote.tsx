import { useTranslation } from 'react-i18next';
import { type Protocol, protocolText, stepTitle } from '../../core/procedure/index.ts';

/**
 * The patient of the attempt, when the protocol says more about it than its id: what was particular about
 * this patient, the plan it called for where that differs from the usual (a bail-out), and the source.
 */
export function PatientNote({ protocol, variant }: { protocol: Protocol; variant: string }) {
  const { t, i18n } = useTranslation();
  const v = protocol.variants.find((x) => x.id === variant);
  if (!v?.description) return null;
  const text = protocolText(protocol, i18n.language).variant(v);
  const plan = v.ordering?.flatMap((entry) => (typeof entry === 'string' ? [entry] : 'anyOrder' in entry ? entry.anyOrder : []));
  const source = protocol.sources.find((s) => s.id === v.source);
  return (
    <section className="patient-note" aria-label={t('patient.label')}>
      <p>
        <strong>{text.title}.</strong> {text.description}
      </p>
      {plan && <p>{t('patient.plan', { plan: plan.map((id) => stepTitle(protocol, id, i18n.language)).join(' → ') })}</p>}
      {source && <p className="meta">{t('patient.source', { citation: source.citation })}</p>}
    </section>
  );
}
