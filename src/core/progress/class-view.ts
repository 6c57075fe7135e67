/**
 * The instructor's class view (docs/instructor.md): learners × procedures with attempts, latest and best
 * score, proficiency stage, the most frequent errors and the time trend; an error heat map by step; the table
 * as CSV. Pure: the app loads the attempts (from this device, later from `.scrub` files) and passes them in,
 * each already as its review left it (`effectiveReport`).
 */
import { errorCodeCounts, learningCurve, type CurvePoint } from './dashboard.ts';
import { type AttemptRecord, type ProcedurePlan, attemptsOf } from './history.ts';
import { type Stage, procedureStatus } from './status.ts';

/** One learner's attempts, as progress counts them. */
export interface ClassLearner {
  id: string;
  name: string;
  history: readonly AttemptRecord[];
}

export interface ClassRow {
  learnerId: string;
  learner: string;
  procedure: string;
  attempts: number;
  latestScore: number;
  bestScore: number;
  latestPassed: boolean;
  stage: Stage;
  /** Up to three error codes, most frequent first, over the recent attempts. */
  frequentErrors: { code: string; count: number }[];
  /** Time of the first and of the latest attempt, s. */
  firstTimeSec: number;
  latestTimeSec: number;
  /** Least-squares slope of the time over the attempts, s per attempt (negative: getting faster); null under 2. */
  timeTrendSecPerAttempt: number | null;
  lastAttemptMs: number;
}

/** A row per learner and procedure attempted, in learner order then plan order. */
export function classRows(learners: readonly ClassLearner[], plans: readonly ProcedurePlan[]): ClassRow[] {
  const rows: ClassRow[] = [];
  for (const learner of learners) {
    for (const plan of plans) {
      const attempts = attemptsOf(learner.history, plan.id);
      if (attempts.length === 0) continue;
      const latest = attempts.at(-1)!;
      const times = attempts.map((a) => a.timeSec);
      rows.push({
        learnerId: learner.id,
        learner: learner.name,
        procedure: plan.id,
        attempts: attempts.length,
        latestScore: latest.report.score,
        bestScore: Math.max(...attempts.map((a) => a.report.score)),
        latestPassed: latest.report.passed,
        stage: procedureStatus(learner.history, plan).stage,
        frequentErrors: errorCodeCounts(learner.history, plan.id)
          .slice(0, 3)
          .map(({ code, count }) => ({ code, count })),
        firstTimeSec: times[0]!,
        latestTimeSec: times.at(-1)!,
        timeTrendSecPerAttempt: slope(times),
        lastAttemptMs: latest.endedAtMs,
      });
    }
  }
  return rows;
}

/** Least-squares slope of y over 0, 1, 2, …; null with fewer than two points. */
export function slope(y: readonly number[]): number | null {
  const n = y.length;
  if (n < 2) return null;
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (y[i]! - my);
    den += (i - mx) ** 2;
  }
  return num / den;
}

export type ClassSortKey = 'learner' | 'procedure' | 'attempts' | 'latestScore' | 'bestScore' | 'stage' | 'timeTrend' | 'lastAttempt';

const STAGE_ORDER: Record<Stage, number> = { 'not-started': 0, learning: 1, practising: 2, assessing: 3, proficient: 4 };

export function sortClassRows(rows: readonly ClassRow[], key: ClassSortKey, descending = false): ClassRow[] {
  const value = (r: ClassRow): number | string => {
    switch (key) {
      case 'learner':
        return r.learner.toLowerCase();
      case 'procedure':
        return r.procedure;
      case 'attempts':
        return r.attempts;
      case 'latestScore':
        return r.latestScore;
      case 'bestScore':
        return r.bestScore;
      case 'stage':
        return STAGE_ORDER[r.stage];
      case 'timeTrend':
        return r.timeTrendSecPerAttempt ?? Number.POSITIVE_INFINITY;
      case 'lastAttempt':
        return r.lastAttemptMs;
    }
  };
  const sign = descending ? -1 : 1;
  // Stable: ties keep learner then procedure order.
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const va = value(a.r);
      const vb = value(b.r);
      return (va < vb ? -1 : va > vb ? 1 : 0) * sign || a.i - b.i;
    })
    .map(({ r }) => r);
}

export interface ClassFilter {
  /** Part of the learner's name, any case. */
  learner?: string | undefined;
  procedure?: string | undefined;
  stage?: Stage | undefined;
}

export function filterClassRows(rows: readonly ClassRow[], filter: ClassFilter): ClassRow[] {
  const name = filter.learner?.trim().toLowerCase() ?? '';
  return rows.filter(
    (r) =>
      (name === '' || r.learner.toLowerCase().includes(name)) &&
      (filter.procedure === undefined || r.procedure === filter.procedure) &&
      (filter.stage === undefined || r.stage === filter.stage),
  );
}

/** The columns of the CSV (docs/instructor.md). */
export const CLASS_CSV_COLUMNS = [
  'learner',
  'learner_id',
  'procedure',
  'attempts',
  'latest_score',
  'best_score',
  'latest_passed',
  'stage',
  'frequent_errors',
  'first_time_s',
  'latest_time_s',
  'time_trend_s_per_attempt',
  'last_attempt',
] as const;

/**
 * The table as CSV (RFC 4180): CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF, and
 * quotes inside doubled. `isoTime` formats the last attempt's time (the core reads no clock nor locale).
 * A field that a spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function classCsv(rows: readonly ClassRow[], isoTime: (ms: number) => string): string {
  const lines = [CLASS_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        text(r.learner),
        text(r.learnerId),
        text(r.procedure),
        String(r.attempts),
        String(r.latestScore),
        String(r.bestScore),
        r.latestPassed ? 'yes' : 'no',
        r.stage,
        text(r.frequentErrors.map((e) => `${e.code} (${e.count})`).join('; ')),
        r.firstTimeSec.toFixed(1),
        r.latestTimeSec.toFixed(1),
        r.timeTrendSecPerAttempt === null ? '' : r.timeTrendSecPerAttempt.toFixed(2),
        isoTime(r.lastAttemptMs),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One CSV field of free text. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function text(value: string): string {
  return csvField(/^[=+\-@]/.test(value) ? `'${value}` : value);
}

/** Errors by step and learner over one procedure's attempts: the heat map's cells. */
export interface ErrorHeatMap {
  procedure: string;
  /** Step ids (repeat iterations folded: `pass-needle#3` counts as `pass-needle`), in first-seen order; `null` for errors not attributed to a step. */
  steps: (string | null)[];
  learners: { id: string; name: string }[];
  /** counts[step][learner]: errors (mistakes, not occurrences) over all the learner's attempts. */
  counts: number[][];
  max: number;
}

export function errorHeatMap(learners: readonly ClassLearner[], procedure: string): ErrorHeatMap {
  const steps: (string | null)[] = [];
  const stepIndex = (id: string | null): number => {
    const key = id === null ? null : id.replace(/#\d+$/, '');
    let i = steps.indexOf(key);
    if (i < 0) i = steps.push(key) - 1;
    return i;
  };
  const cells = new Map<string, number>();
  const present = learners.filter((l) => l.history.some((a) => a.procedure === procedure));
  present.forEach((l, li) => {
    for (const a of attemptsOf(l.history, procedure)) {
      for (const s of a.report.steps) stepIndex(s.id);
      for (const e of a.report.errors) {
        const key = `${stepIndex(e.step)}:${li}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    }
  });
  const counts = steps.map((_, si) => present.map((_, li) => cells.get(`${si}:${li}`) ?? 0));
  // Leave out a "no step" row with no errors.
  const keep = steps.map((s, si) => s !== null || counts[si]!.some((c) => c > 0));
  return {
    procedure,
    steps: steps.filter((_, i) => keep[i]),
    learners: present.map((l) => ({ id: l.id, name: l.name })),
    counts: counts.filter((_, i) => keep[i]),
    max: Math.max(0, ...counts.flat()),
  };
}

/** Each learner's learning curve on one procedure (for curves side by side). */
export function classCurves(learners: readonly ClassLearner[], plan: ProcedurePlan): { id: string; name: string; points: CurvePoint[] }[] {
  return learners.map((l) => ({ id: l.id, name: l.name, points: learningCurve(l.history, plan) })).filter((c) => c.points.length > 0);
}
