import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
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
import { protocolText, stepTitle } from '../../core/procedure/index.ts';
import { listProcedures } from '../../app/protocol-catalog.ts';
import { procedurePlan } from '../../app/procedure-plan.ts';
import { type ClassAttempt, type ClassSource, classLearners, deviceClass } from '../../app/review.ts';
import { downloadBytes } from '../../app/attempt-files-browser.ts';
import { exitSession, openAttemptReplay, openStoredAttempt } from '../../app/app-store.ts';
import { ClassCurves } from './ClassCurves.tsx';
import { ErrorHeatMapView } from './ErrorHeatMap.tsx';

/** The sortable columns, in order; their headings are `classView.column.<key>` in the locales. */
const COLUMNS: ClassSortKey[] = ['learner', 'procedure', 'attempts', 'latestScore', 'bestScore', 'stage', 'timeTrend', 'lastAttempt'];

const STAGES: Stage[] = ['learning', 'practising', 'assessing', 'proficient'];

/**
 * The instructor's class view: learners × procedures from a class source (the attempts on this device for
 * now), sortable and filterable, exported as CSV; a row's latest score and each listed attempt open its replay,
 * each listed attempt its debrief to review; learning curves side by side and an error heat map by step.
 */
export function ClassScreen({ source = deviceClass }: { source?: ClassSource }) {
  const { t, i18n } = useTranslation();
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
  const titleOf = (id: string): string => {
    const p = procedures.find((x) => x.id === id);
    return p ? protocolText(p, i18n.language).title() : id;
  };

  const exportCsv = (): void =>
    downloadBytes(
      new TextEncoder().encode(classCsv(shown, (ms) => new Date(ms).toISOString())),
      `scrub-class-${new Date().toISOString().slice(0, 10)}.csv`,
      'text/csv;charset=utf-8',
    );
  const replay = (a: ClassAttempt): void => {
    const label = `${a.learner.name} · ${new Date(a.attempt.endedAtMs).toLocaleString(i18n.language)}`;
    setNoReplay(null);
    void openAttemptReplay(a.attempt.id, label).then((ok) => ok || setNoReplay(t('classView.noRecording', { label })));
  };
  const latestOf = (r: ClassRow): ClassAttempt | undefined =>
    (rows ?? [])
      .filter((a) => a.learner.id === r.learnerId && a.attempt.procedure === r.procedure)
      .reduce<ClassAttempt | undefined>((latest, a) => (latest && latest.attempt.endedAtMs >= a.attempt.endedAtMs ? latest : a), undefined);
  const sortBy = (key: ClassSortKey): void => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }));

  return (
    <main className="class-view">
      <header>
        <h1>{t('classView.title')}</h1>
        <p className="meta">{source.label}</p>
        <nav className="home-nav">
          <button type="button" onClick={exitSession}>
            {t('debrief.back')}
          </button>
          <button type="button" onClick={exportCsv} disabled={shown.length === 0}>
            {t('classView.exportCsv')}
          </button>
        </nav>
      </header>
      {rows === null ? (
        <p>{t('attempt.loading')}</p>
      ) : table.length === 0 ? (
        <p>{t('classView.empty')}</p>
      ) : (
        <>
          <div className="filters" role="search" aria-label={t('classView.filter')}>
            <label className="field">
              {t('learner.label')}
              <input
                value={filter.learner ?? ''}
                onChange={(e) => setFilter({ ...filter, learner: e.target.value })}
                placeholder={t('classView.namePlaceholder')}
              />
            </label>
            <label className="field">
              {t('session.procedure')}
              <select value={filter.procedure ?? ''} onChange={(e) => setFilter({ ...filter, procedure: e.target.value || undefined })}>
                <option value="">{t('classView.all')}</option>
                {attempted.map((p) => (
                  <option key={p.id} value={p.id}>
                    {titleOf(p.id)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t('classView.column.stage')}
              <select value={filter.stage ?? ''} onChange={(e) => setFilter({ ...filter, stage: (e.target.value || undefined) as Stage | undefined })}>
                <option value="">{t('classView.all')}</option>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stageName.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <table className="class-table" aria-label={t('classView.table')}>
            <thead>
              <tr>
                {COLUMNS.map((key) => (
                  <th key={key} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="sort" onClick={() => sortBy(key)}>
                      {t(`classView.column.${key}`)}
                      {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                ))}
                <th>{t('classView.reviewed')}</th>
                <th>{t('progress.frequentErrors')}</th>
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
                        aria-label={t('classView.rowAttempts', { learner: r.learner, title: titleOf(r.procedure) })}
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
                        aria-label={t('classView.replayLatest', { score: r.latestScore, learner: r.learner, title: titleOf(r.procedure) })}
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
                      <span className={`stage ${r.stage}`}>{t(`stageName.${r.stage}`)}</span>
                    </td>
                    <td className="num">{trend(r, t)}</td>
                    <td>{new Date(r.lastAttemptMs).toLocaleDateString(i18n.language)}</td>
                    <td className="num">{reviewedOf(rows ?? [], r, t)}</td>
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
              <ClassCurves curves={classCurves(learners, plans.find((p) => p.id === plotted.id)!)} title={titleOf(plotted.id)} />
              <ErrorHeatMapView map={errorHeatMap(learners, plotted.id)} title={titleOf(plotted.id)} stepName={(s) => stepTitle(plotted, s, i18n.language)} />
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
function reviewedOf(rows: readonly ClassAttempt[], r: ClassRow, t: TFunction): string {
  const mine = rows.filter((a) => a.learner.id === r.learnerId && a.attempt.procedure === r.procedure);
  return t('replay.of', { done: mine.filter((a) => currentVerdict(a.review) !== null).length, total: mine.length });
}

/** "−4.2 s/attempt" (faster) or "+1.0 s/attempt"; "—" with one attempt. */
function trend(r: ClassRow, t: TFunction): string {
  const s = r.timeTrendSecPerAttempt;
  if (s === null) return '—';
  return t('classView.trend', { sign: s <= 0 ? '−' : '+', seconds: Math.abs(s).toFixed(1) });
}

function AttemptList({ rows, title, onReplay }: { rows: ClassAttempt[]; title: string; onReplay: (a: ClassAttempt) => void }) {
  const { t, i18n } = useTranslation();
  const sorted = [...rows].sort((a, b) => b.attempt.endedAtMs - a.attempt.endedAtMs);
  return (
    <section aria-label={t('classView.column.attempts')} className="attempt-list">
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
                {new Date(attempt.endedAtMs).toLocaleString(i18n.language)} · {t(`mode.${r.mode}.label`)} · {t(`outcome.${r.outcome}`)} ·{' '}
                {t('debrief.score', { score: r.score })} · {t('debrief.errorCount', { count: r.errors.length })}
              </span>{' '}
              <span className="meta">
                {verdict
                  ? t(`classView.verdict.${verdict.decision}`, {
                      reviewer: verdict.reviewer,
                      score: effective?.score,
                      passed: t(effective?.passed ? 'debrief.passed' : 'debrief.notPassed'),
                    })
                  : t('classView.notReviewed')}
                {review && review.annotations.length > 0 && ` · ${t('progress.notes', { count: review.annotations.length })}`}
              </span>{' '}
              <button type="button" onClick={() => onReplay(row)}>
                {t('replay.title')}
              </button>{' '}
              <button type="button" onClick={() => openStoredAttempt(attempt.id, 'instructor')}>
                {t('reviewPanel.label')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
