import { describeSpecifics, type Protocol } from '../../core/procedure/index.ts';
import { SEVERITY_GLYPH } from '../palette.ts';
import { type AttemptReview, type FindingVerdict, type Report, type ReportError, currentVerdict, reviewedFindings } from '../../core/scoring/index.ts';

/**
 * Each mistake: what went wrong, what it was about (structure, instrument, the value against its threshold, the
 * criteria missing), how often it was repeated, and what to do instead. A report stored before errors carried
 * their specifics shows its message, with "instead" looked up in the protocol.
 */
export function ErrorList({ report, protocol, review }: { report: Report; protocol: Protocol; review?: AttemptReview | null }) {
  const reviewer = currentVerdict(review)?.reviewer ?? '';
  const findings = reviewedFindings(report, review);
  return (
    <section aria-label="Errors">
      <h2>Errors</h2>
      {report.errors.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="errors">
          {findings.map(({ error: e, index: i, verdict }) => (
            <ErrorItem key={`${e.code}@${e.t}#${i}`} error={e} protocol={protocol} verdict={verdict} reviewer={reviewer} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ErrorItem({ error: e, protocol, verdict, reviewer }: { error: ReportError; protocol: Protocol; verdict: FindingVerdict | null; reviewer: string }) {
  const rule = protocol.errors.find((r) => r.code === e.code);
  // A specific message reads "message — specifics. Instead: …": shown here in its parts, from the rule's own message.
  const inParts = e.instead !== undefined && rule !== undefined;
  const specifics = inParts ? describeSpecifics(e) : '';
  const instead = inParts ? e.instead : e.instead === undefined ? rule?.instead : undefined;
  const repeats = (e.occurrences ?? 1) > 1 ? ` (×${e.occurrences}, last at ${(e.lastT ?? e.t).toFixed(1)} s)` : '';
  return (
    <li className={`${e.severity}${verdict && verdict.verdict !== 'upheld' ? ` ${verdict.verdict}` : ''}`} data-code={e.code}>
      <strong>
        <span aria-hidden="true">{SEVERITY_GLYPH[e.severity]}</span> {e.severity}
      </strong>{' '}
      at {e.t.toFixed(1)} s{repeats}: {inParts ? rule.message : e.message}
      {specifics !== '' && <p className="specifics">{specifics}</p>}
      {instead !== undefined && <p className="instead">Instead: {instead}</p>}
      {verdict && (
        <p className="finding-verdict">
          {verdict.verdict === 'dismissed'
            ? `Dismissed by ${reviewer}: not counted as a mistake.`
            : verdict.verdict === 'regraded'
              ? `Regraded by ${reviewer} from ${e.severity} to ${verdict.severity}.`
              : `Upheld by ${reviewer}.`}
          {verdict.reason.trim() && ` Reason: ${verdict.reason.trim()}`}
        </p>
      )}
    </li>
  );
}
