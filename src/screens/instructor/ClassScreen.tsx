import { useEffect, useMemo, useState } from 'react';
import {
  type ClassFilter,
  type ClassRow,
  type ClassSortKey,
  type Stage,
  classCsv,
  classCurves,
  classRows,
  errorHeatMap,
  filterClassRows,
  sortClassRows,
} from '../../core/progress/index.ts';
import { currentVerdict, effectiveReport } from '../../core/scoring/index.ts';
import { stepTitle } from '../../core/procedure/index.ts';
import { listProcedures } from '../../app/protocol-catalog.ts';
import { procedurePlan } from '../../app/procedure-plan.ts';
import { type ClassAttempt, type ClassSource, classLearners, deviceClass } from '../../app/review.ts';
import { downloadBytes } from '../../app/attempt-files-browser.ts';
import { exitSession, openAttemptReplay, openStoredAttempt } from '../../app/app-store.ts';
import { ClassCurves } from './ClassCurves.tsx';
import { ErrorHeatMapView } from './ErrorHeatMap.tsx';

const COLUMNS: { key: ClassSortKey; label: string }[] = [
  { key: 'learner', label: 'Learner' },
  { key: 'procedure', label: 'Procedure' },
  { key: 'attempts', label: 'Attempts' },
  { key: 'latestScore', label: 'Latest' },
  { key: 'bestScore', label: 'Best' },
  { key: 'stage', label: 'Proficiency' },
  { key: 'timeTrend', label: 'Time trend' },
  { key: 'lastAttempt', label: 'Last attempt' },
];

const STAGES: Stage[] = ['learning', 'practising', 'assessing', 'proficient'];

/**
 * The instructor's class view: learners × procedures from a class source (the attempts on this device for
 * now), sortable and filterable, exported as CSV; a row's latest score and each listed attempt open its replay,
 * each listed attempt its debrief to review; learning curves side by side and an error heat map by step.
 */
export function ClassScreen({ source = deviceClass }: { source?: ClassSource }) {
  const [rows, setRows] = useState<ClassAttempt[] | null>(null);
  const [sort, setSort] = useState<{ key: ClassSortKey; descending: boolean }>({ key: 'learner', descending: false });
  const [filter, setFilter] = useState<ClassFilter>({});
  const [selected, setSelected] = useState<{ learnerId: string; procedure: string } | null>(null);
  const [noReplay, setNoReplay] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void source.load().then((r) => live && setRows(r));
    return () => void (live = false);
  }, [source]);

  const procedures = listProcedures();
  const plans = useMemo(() => procedures.map(procedurePlan), [procedures]);
  const learners = useMemo(() => classLearners(rows ?? []), [rows]);
  const table = useMemo(() => classRows(learners, plans), [learners, plans]);
  const shown = useMemo(() => sortClassRows(filterClassRows(table, filter), sort.key, sort.descending), [table, filter, sort]);
  const attempted = procedures.filter((p) => table.some((r) => r.procedure === p.id));
  const plotted = attempted.find((p) => p.id === filter.procedure) ?? attempted[0] ?? null;
  const titleOf = (id: string): string => procedures.find((p) => p.id === id)?.title ?? id;

  const exportCsv = (): void =>
    downloadBytes(
      new TextEncoder().encode(classCsv(shown, (ms) => new Date(ms).toISOString())),
      `scrub-class-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv;charset=utf-8',
    );
  const replay = (a: ClassAttempt): void => {
    const label = `${a.learner.name} · ${new Date(a.attempt.endedAtMs).toLocaleString()}`;
    setNoReplay(null);
    void openAttemptReplay(a.attempt.id, label).then((ok) => ok || setNoReplay(`${label}: this attempt has no recording on this device to replay.`));
  };
  const latestOf = (r: ClassRow): ClassAttempt | undefined =>
    (rows ?? [])
      .filter((a) => a.learner.id === r.learnerId && a.attempt.procedure === r.procedure)
      .reduce<ClassAttempt | undefined>((latest, a) => (latest && latest.attempt.endedAtMs >= a.attempt.endedAtMs ? latest : a), undefined);
  const sortBy = (key: ClassSortKey): void => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));

  return (
    <main className="class-view">
      <header>
        <h1>Class</h1>
        <p className="meta">{source.label}</p>
        <nav className="home-nav">
          <button type="button" onClick={exitSession}>
            Back to procedures
          </button>
          <button type="button" onClick={exportCsv} disabled={shown.length === 0}>
            Export CSV
          </button>
        </nav>
      </header>
      {rows === null ? (
        <p>Loading…</p>
      ) : table.length === 0 ? (
        <p>No attempts on this device yet.</p>
      ) : (
        <>
          <div className="filters" role="search" aria-label="Filter the class">
            <label className="field">
              Learner
              <input value={filter.learner ?? ''} onChange={(e) => setFilter({ ...filter, learner: e.target.value })} placeholder="name" />
            </label>
            <label className="field">
              Procedure
              <select value={filter.procedure ?? ''} onChange={(e) => setFilter({ ...filter, procedure: e.target.value || undefined })}>
                <option value="">all</option>
                {attempted.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Proficiency
              <select value={filter.stage ?? ''} onChange={(e) => setFilter({ ...filter, stage: (e.target.value || undefined) as Stage | undefined })}>
                <option value="">all</option>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <table className="class-table" aria-label="Learners and procedures">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                ))}
                <th>Reviewed</th>
                <th>Most frequent errors</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const isSelected = selected?.learnerId === r.learnerId && selected.procedure === r.procedure;
                return (
                  <tr key={`${r.learnerId}/${r.procedure}`} className={isSelected ? 'selected' : ''} data-learner={r.learner} data-procedure={r.procedure}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-expanded={isSelected}
                        aria-label={`${r.learner}: ${titleOf(r.procedure)} attempts`}
                        onClick={() => setSelected(isSelected ? null : { learnerId: r.learnerId, procedure: r.procedure })}
                      >
                        {r.learner}
                      </button>
                    </td>
                    <td>{titleOf(r.procedure)}</td>
                    <td className="num">{r.attempts}</td>
                    <td className={`num ${r.latestPassed ? 'passed' : 'not-passed'}`}>
                      <button
                        type="button"
                        className="link"
                        // The name starts with the score it shows (a spoken command names what is seen).
                        aria-label={`${r.latestScore}: replay ${r.learner}'s latest ${titleOf(r.procedure)} attempt`}
                        onClick={() => {
                          const latest = latestOf(r);
                          if (latest) replay(latest);
                        }}
                      >
                        {r.latestScore}
                      </button>
                    </td>
                    <td className="num">{r.bestScore}</td>
                    <td>
                      <span className={`stage ${r.stage}`}>{r.stage}</span>
                    </td>
                    <td className="num">{trend(r)}</td>
                    <td>{new Date(r.lastAttemptMs).toLocaleDateString()}</td>
                    <td className="num">{reviewedOf(rows ?? [], r)}</td>
                    <td>{r.frequentErrors.map((e) => `${e.code} ×${e.count}`).join(', ') || '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {selected && (
            <AttemptList
              rows={(rows ?? []).filter((r) => r.learner.id === selected.learnerId && r.attempt.procedure === selected.procedure)}
              onReplay={replay}
              title={`${learners.find((l) => l.id === selected.learnerId)?.name ?? ''} — ${titleOf(selected.procedure)}`}
            />
          )}
          {plotted && plans.find((p) => p.id === plotted.id) && (
            <>
              <ClassCurves curves={classCurves(learners, plans.find((p) => p.id === plotted.id)!)} title={plotted.title} />
              <ErrorHeatMapView map={errorHeatMap(learners, plotted.id)} title={plotted.title} stepName={(s) => stepTitle(plotted, s)} />
            </>
          )}
        </>
      )}
      {noReplay && (
        <p role="alert" className="storage-problem">
          {noReplay}
        </p>
      )}
    </main>
  );
}

/** "1 of 4": the learner's attempts at the procedure that an instructor has ruled on (invalid ones included). */
function reviewedOf(rows: readonly ClassAttempt[], r: ClassRow): string {
  const mine = rows.filter((a) => a.learner.id === r.learnerId && a.attempt.procedure === r.procedure);
  return `${mine.filter((a) => currentVerdict(a.review) !== null).length} of ${mine.length}`;
}

/** "−4.2 s/attempt" (faster) or "+1.0 s/attempt"; "—" with one attempt. */
function trend(r: ClassRow): string {
  const t = r.timeTrendSecPerAttempt;
  if (t === null) return '—';
  return `${t <= 0 ? '−' : '+'}${Math.abs(t).toFixed(1)} s/attempt`;
}

function AttemptList({ rows, title, onReplay }: { rows: ClassAttempt[]; title: string; onReplay: (a: ClassAttempt) => void }) {
  const sorted = [...rows].sort((a, b) => b.attempt.endedAtMs - a.attempt.endedAtMs);
  return (
    <section aria-label="Attempts" className="attempt-list">
      <h2>{title}</h2>
      <ol>
        {sorted.map((row) => {
          const { attempt, review } = row;
          const verdict = currentVerdict(review);
          const effective = effectiveReport(attempt.report, review);
          const r = attempt.report;
          return (
            <li key={attempt.id} data-attempt={attempt.id}>
              <span>
                {new Date(attempt.endedAtMs).toLocaleString()} · {r.mode} · {r.outcome} · score {r.score} · {r.errors.length} error
                {r.errors.length === 1 ? '' : 's'}
              </span>{' '}
              <span className="meta">
                {verdict
                  ? verdict.decision === 'confirmed'
                    ? `confirmed by ${verdict.reviewer}`
                    : verdict.decision === 'invalid'
                      ? `declared invalid by ${verdict.reviewer}`
                      : `overridden by ${verdict.reviewer}: score ${effective?.score}, ${effective?.passed ? 'passed' : 'not passed'}`
                  : 'not reviewed'}
                {review && review.annotations.length > 0 && ` · ${review.annotations.length} note${review.annotations.length === 1 ? '' : 's'}`}
              </span>{' '}
              <button type="button" onClick={() => onReplay(row)}>
                Replay
              </button>{' '}
              <button type="button" onClick={() => openStoredAttempt(attempt.id, 'instructor')}>
                Review
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
