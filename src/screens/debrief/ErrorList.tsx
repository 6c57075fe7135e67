import { describeSpecifics, type Protocol } from '../../core/procedure/index.ts';
import type { Report, ReportError } from '../../core/scoring/index.ts';

/**
 * Each mistake: what went wrong, what it was about (structure, instrument, the value against its threshold, the
 * criteria missing), how often it was repeated, and what to do instead. A report stored before errors carried
 * their specifics shows its message, with "instead" looked up in the protocol.
 */
export function ErrorList({ report, protocol }: { report: Report; protocol: Protocol }) {
  return (
    <section aria-label="Errors">
      <h2>Errors</h2>
      {report.errors.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="errors">
          {report.errors.map((e, i) => (
            <ErrorItem key={`${e.code}@${e.t}#${i}`} error={e} protocol={protocol} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ErrorItem({ error: e, protocol }: { error: ReportError; protocol: Protocol }) {
  const rule = protocol.errors.find((r) => r.code === e.code);
  // A specific message reads "message — specifics. Instead: …": shown here in its parts, from the rule's own message.
  const inParts = e.instead !== undefined && rule !== undefined;
  const specifics = inParts ? describeSpecifics(e) : '';
  const instead = inParts ? e.instead : e.instead === undefined ? rule?.instead : undefined;
  const repeats = (e.occurrences ?? 1) > 1 ? ` (×${e.occurrences}, last at ${(e.lastT ?? e.t).toFixed(1)} s)` : '';
  return (
    <li className={e.severity} data-code={e.code}>
      <strong>{e.severity}</strong> at {e.t.toFixed(1)} s{repeats}: {inParts ? rule.message : e.message}
      {specifics !== '' && <p className="specifics">{specifics}</p>}
      {instead !== undefined && <p className="instead">Instead: {instead}</p>}
    </li>
  );
}
