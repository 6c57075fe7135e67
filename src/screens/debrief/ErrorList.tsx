import { useTranslation } from 'react-i18next';
import { type ProtocolText, describeSpecifics, type Protocol, protocolText } from '../../core/procedure/index.ts';
import { SEVERITY_GLYPH } from '../../views/palette.ts';
import { type AttemptReview, type FindingVerdict, type Report, type ReportError, currentVerdict, reviewedFindings } from '../../core/scoring/index.ts';

/**
 * Each mistake: what went wrong, what it was about (structure, instrument, the value against its threshold, the
 * criteria missing), how often it was repeated, and what to do instead. A report stored before errors carried
 * their specifics shows its message, with "instead" looked up in the protocol. `mirrored`: the specifics name a
 * hand as the learner used it (the report's stored message stays canonical).
 */
export function ErrorList({
  report,
  protocol,
  review,
  mirrored = false,
}: {
  report: Report;
  protocol: Protocol;
  review?: AttemptReview | null;
  mirrored?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const text = protocolText(protocol, i18n.language);
  const reviewer = currentVerdict(review)?.reviewer ?? '';
  const findings = reviewedFindings(report, review);
  return (
    <section aria-label={t('debrief.errors')}>
      <h2>{t('debrief.errors')}</h2>
      {report.errors.length === 0 ? (
        <p>{t('debrief.noErrors')}</p>
      ) : (
        <ul className="errors">
          {findings.map(({ error: e, index: i, verdict }) => (
            <ErrorItem key={`${e.code}@${e.t}#${i}`} error={e} protocol={protocol} text={text} verdict={verdict} reviewer={reviewer} mirrored={mirrored} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ErrorItem({
  error: e,
  protocol,
  text,
  verdict,
  reviewer,
  mirrored,
}: {
  error: ReportError;
  protocol: Protocol;
  text: ProtocolText;
  verdict: FindingVerdict | null;
  reviewer: string;
  mirrored: boolean;
}) {
  const { t } = useTranslation();
  const rule = protocol.errors.find((r) => r.code === e.code);
  // A specific message reads "message — specifics. Instead: …": shown here in its parts, from the rule's own message.
  const inParts = e.instead !== undefined && rule !== undefined;
  const specifics = inParts ? describeSpecifics(e, { mirrored }) : '';
  const english = inParts ? e.instead : e.instead === undefined ? rule?.instead : undefined;
  // The engine's "instead" may name specifics (a value, a structure): only the rule's own sentence is translated.
  const instead = english !== undefined && english === rule?.instead ? text.error(e.code, rule).instead : english;
  const message = inParts ? text.error(e.code, rule).message : e.message;
  const repeats = (e.occurrences ?? 1) > 1 ? ` ${t('debrief.repeats', { count: e.occurrences, last: (e.lastT ?? e.t).toFixed(1) })}` : '';
  return (
    <li className={`${e.severity}${verdict && verdict.verdict !== 'upheld' ? ` ${verdict.verdict}` : ''}`} data-code={e.code}>
      <strong>
        <span aria-hidden="true">{SEVERITY_GLYPH[e.severity]}</span> {t(`severity.${e.severity}.name`)}
      </strong>{' '}
      {t('debrief.at', { seconds: e.t.toFixed(1) })}
      {repeats}: {message}
      {specifics !== '' && <p className="specifics">{specifics}</p>}
      {instead !== undefined && (
        <p className="instead">
          {t('debrief.instead')} {instead}
        </p>
      )}
      {verdict && (
        <p className="finding-verdict">
          {verdict.verdict === 'dismissed'
            ? t('review.dismissed', { reviewer })
            : verdict.verdict === 'regraded'
              ? t('review.regraded', { reviewer, from: t(`severity.${e.severity}.name`), to: t(`severity.${verdict.severity ?? e.severity}.name`) })
              : t('review.upheld', { reviewer })}
          {verdict.reason.trim() && ` ${t('review.reason', { reason: verdict.reason.trim() })}`}
        </p>
      )}
    </li>
  );
}
