/**
 * Construct validity inside the simulator: the expert and its synthetic novices (novices.ts) graded as the
 * debrief grades them (the report's score, outcome and pass; the rating estimates of the dominant hand
 * against the expert benchmark, src/screens/DebriefScreen.tsx), the checks that they come out in order, and
 * the figures table. Shared by tests/unit/scoring/construct-validity.test.ts and scripts/construct-validity.ts.
 */
import type { Outcome, Report } from '../../src/core/scoring/report.ts';
import { DOMAIN_PROXIES, type Scale, dominantHand, estimateInput, estimateRatings } from '../../src/core/scoring/index.ts';
import { protocol } from './experts.ts';
import { NOVICE_LEVELS, type Procedure, expertReport, playNovice } from './novices.ts';

const SCALES: readonly Scale[] = ['OSATS', 'GOALS'];

export interface Graded {
  procedure: Procedure;
  /** 0: the expert; 1 … 3: the novice levels. */
  level: number;
  seed: number;
  report: Report;
  /** The debrief's figures: timer (else duration) seconds, the dominant hand's path (m) and movements. */
  timeSec: number;
  pathM: number | null;
  movements: number | null;
  /** Each rated domain, keyed `SCALE domain`; a withheld scale has none. */
  ratings: Record<string, number>;
  /** The reasons a scale was withheld or some of its figures not rated (its coverage, when not the whole plain procedure). */
  notes: string[];
}

/** The expert and each novice level on one seed, graded against the expert benchmark. */
export function gradeLevels(procedure: Procedure, seed: number, expert: Report = expertReport(procedure)): Graded[] {
  return [expert, ...NOVICE_LEVELS.map((level) => playNovice(procedure, level, seed).report)].map((report, level) =>
    grade(procedure, level, seed, report, expert),
  );
}

export function grade(procedure: Procedure, level: number, seed: number, report: Report, expert: Report): Graded {
  const hand = dominantHand(report);
  const motion = report.metrics.motion?.hands[hand];
  const ratings: Record<string, number> = {};
  const notes: string[] = [];
  for (const scale of SCALES) {
    const estimate = estimateRatings(estimateInput(report, hand, expert), scale);
    for (const d of estimate.domains) ratings[`${scale} ${d.domain}`] = d.rating;
    if (estimate.coverage !== 'Rated on the whole procedure.' && !notes.includes(estimate.coverage)) notes.push(estimate.coverage);
  }
  return {
    procedure,
    level,
    seed,
    report,
    timeSec: report.metrics.timerSec ?? report.metrics.durationSec,
    pathM: motion?.path_length_m ?? null,
    movements: motion?.movements ?? null,
    ratings,
    notes,
  };
}

const OUTCOME_RANK: Record<Outcome, number> = { completed: 2, incomplete: 1, failed: 0 };

/**
 * What is out of order between a better (`a`) and a worse (`b`) performance on the same procedure, in words
 * (empty: in order). Score: lower, or equal only on a checklist with as many errors (a checklist counts steps
 * and mistakes, not time or motion); outcome and pass: never better; each rating domain rated for both:
 * never higher; the mean of those domains: lower on each scale.
 */
export function outOfOrder(a: Graded, b: Graded): string[] {
  const problems: string[] = [];
  const who = `${name(b)} against ${name(a)}`;
  const checklist = protocol(a.procedure).scoring.method === 'checklist';
  const tieAllowed = checklist && a.report.errors.length === b.report.errors.length;
  if (b.report.score > a.report.score || (b.report.score === a.report.score && !tieAllowed)) {
    problems.push(`${who}: score ${b.report.score}, not below ${a.report.score}`);
  }
  if (OUTCOME_RANK[b.report.outcome] > OUTCOME_RANK[a.report.outcome]) problems.push(`${who}: outcome ${b.report.outcome} after ${a.report.outcome}`);
  if (b.report.passed && !a.report.passed) problems.push(`${who}: passed where the better one did not`);
  for (const scale of SCALES) {
    const common = Object.keys(a.ratings).filter((k) => k.startsWith(`${scale} `) && k in b.ratings);
    for (const k of common) if (b.ratings[k]! > a.ratings[k]!) problems.push(`${who}: ${k} ${b.ratings[k]} above ${a.ratings[k]}`);
    const mean = (g: Graded): number => common.reduce((sum, k) => sum + g.ratings[k]!, 0) / common.length;
    if (common.length === 0) problems.push(`${who}: no ${scale} domain rated for both`);
    else if (!(mean(b) < mean(a))) problems.push(`${who}: ${scale} mean ${mean(b).toFixed(2)} not below ${mean(a).toFixed(2)} over ${common.join(', ')}`);
  }
  return problems;
}

/** Every consecutive pair (expert > novice 1 > novice 2 > novice 3) of each seed's levels. */
export function orderProblems(levels: readonly Graded[]): string[] {
  return levels.slice(1).flatMap((b, i) => outOfOrder(levels[i]!, b));
}

export function name(g: Graded): string {
  return g.level === 0 ? 'expert' : `novice ${g.level} (seed ${g.seed})`;
}

/** The domains in the table's columns, short: `OSATS time and motion` → `O: time and motion`. */
const short = (key: string): string => key.replace(/^OSATS /, 'O: ').replace(/^GOALS /, 'G: ');

/** The markdown figures table: one row per procedure × level × seed. */
export function figuresTable(rows: readonly Graded[]): string {
  const rated = new Set(rows.flatMap((r) => Object.keys(r.ratings)));
  const domains = SCALES.flatMap((scale) => Object.keys(DOMAIN_PROXIES[scale]).map((d) => `${scale} ${d}`)).filter((k) => rated.has(k));
  const head = ['procedure', 'who', 'score', 'passed', 'time s', 'path m', 'movements', 'errors', ...domains.map(short)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---|').join('')}`];
  for (const r of rows) {
    const errors = r.report.errors.map((e) => `${e.code} (${e.severity})`).join(', ') || '—';
    const cells = [
      r.procedure,
      r.level === 0 ? 'expert' : `novice ${r.level} · seed ${r.seed}`,
      String(r.report.score),
      `${r.report.passed ? 'yes' : 'no'} (${r.report.outcome})`,
      r.timeSec.toFixed(1),
      r.pathM === null ? '—' : r.pathM.toFixed(2),
      r.movements === null ? '—' : String(r.movements),
      errors,
      ...domains.map((d) => (d in r.ratings ? r.ratings[d]!.toFixed(1) : '—')),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
