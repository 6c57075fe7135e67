/**
 * Estimated OSATS / GOALS-style domain ratings from objective metrics. No validated mapping exists
 * (handcrafted features predict GRS weakly: R² ≈ 0.13 on JIGSAWS), so every result carries `estimate: true`
 * and a label saying so; the mapping is documented in docs/metrics.md and is a design choice:
 * - "lower is better" metrics (time, path length, movements, idle ratio, depth travel) rate by the ratio to
 *   the expert's value r: 5 at r ≤ 1, 1 at r ≥ 3, linear between;
 * - smoothness (LDLJ, SPARC; higher is better, already logarithmic) by the gap below the expert:
 *   5 at no gap, 1 at a gap of 3 (LDLJ) or 1.5 (SPARC);
 * - both-hands-active fraction by the ratio to the expert's: 5 at ≥ 1, 1 at ≤ 1/3;
 * - events (tissue errors, and excessive force from the simulation or the engine): 5 with none, one point
 *   less per event, 1 at worst;
 * - procedure knowledge: completed steps fraction, 1 at none … 5 at all, one point less per order error.
 * A domain is the mean of the ratings of the proxies available to it; a domain with none is left out.
 * Only measured figures are read (an unmeasured one is null and never in a basis). An attempt that completed
 * fewer than half of its steps gets no estimate, with the reason; one that completed at least half but not
 * all is rated on the work it completed (the caller passes figures over the completed steps only).
 * A tip that never rested (idle under a tenth of the expert's idle ratio) is not rated on the
 * figures that tell motion from rest by raw speed (see `restless`).
 */
import type { ReportError } from './report.ts';

export interface ObjectiveMetrics {
  timeSec?: number | null;
  pathLength?: number | null;
  movements?: number | null;
  idleRatio?: number | null;
  ldlj?: number | null;
  sparc?: number | null;
  depthPerception?: number | null;
  bothActiveFraction?: number | null;
  forceEvents?: number | null;
}

export interface EstimateInput {
  /** The attempt's figures: for an unfinished attempt, over its completed steps only. */
  metrics: ObjectiveMetrics;
  /** The expert benchmark on the same procedure (the same steps). */
  expert: ObjectiveMetrics;
  steps: { completed: number; total: number };
  errors: readonly Pick<ReportError, 'code' | 'severity'>[];
  /** Which error codes are tissue damage, which are wrong order / flow (defaults below). */
  tissueErrorCodes?: (code: string) => boolean;
  orderErrorCodes?: (code: string) => boolean;
}

export type Scale = 'OSATS' | 'GOALS';

export interface DomainEstimate {
  domain: string;
  /** 1 … 5, one decimal. */
  rating: number;
  /** The proxies it was computed from. */
  basis: string[];
}

export interface RatingEstimate {
  scale: Scale;
  estimate: true;
  label: string;
  /** What was rated: the whole procedure, or the completed steps of an unfinished attempt. */
  coverage: string;
  /** Why no domain is rated (too little was done); null when rated. */
  withheld: string | null;
  domains: DomainEstimate[];
  /** What the sentences above say, as figures, for views that word them in another language. */
  steps: { completed: number; total: number };
  /** The tip never came to rest, so the figures that would read jitter as motion were not rated. */
  unsteady: boolean;
}

/** The least fraction of its steps an attempt must complete to be rated at all. */
export const MIN_COMPLETED_FRACTION = 0.5;

/** A tip idle less than this share of the expert's idle ratio never rested: tremor or tracking jitter moved it between motions. */
export const MIN_REST_OF_EXPERT = 0.1;

/**
 * The figures that tell motion from rest by the tip's raw speed: idle ratio and both-hands-active (speed above
 * 1 mm/s), movements (filtered speed above 20 mm/s until it falls below 10), LDLJ and SPARC (the speed profile
 * between motions). A tremor of 0.1 mm (physiological; tracked controllers jitter as much) keeps the speed
 * at 2–5 mm/s with the hand held still, and each of them then flatters it: no idle time, both hands always
 * active, movements merged into fewer, a profile that never comes to rest read as smooth. A surgeon sees an
 * unsteady hand, so these figures are not rated for such a tip: its pauses, waste and tremor are left to time
 * and path length (which the tremor lengthens).
 */
const RAW_SPEED_FIGURES = ['idleRatio', 'bothActiveFraction', 'movements', 'ldlj', 'sparc'] as const;

/** Whether the attempt's tip never rested while the expert's did (the raw-speed figures then measure jitter). */
export function restless({ metrics, expert }: Pick<EstimateInput, 'metrics' | 'expert'>): boolean {
  return metrics.idleRatio != null && expert.idleRatio != null && expert.idleRatio > 0 && metrics.idleRatio < MIN_REST_OF_EXPERT * expert.idleRatio;
}

// Matched against the protocols' error codes (e.g. gallbladder-perforation, clip-before-cvs).
const TISSUE = /perforat|bleed|thermal|injur|tear|avuls|damage|crush|too-deep|over-tension/i;
const FORCE = /force/i;
const ORDER = /before|order|early|skip|sequence|unclipped/i;

type Proxy = (input: EstimateInput) => number | null;

const lowerIsBetter =
  (key: keyof ObjectiveMetrics): Proxy =>
  ({ metrics, expert }) => {
    const value = metrics[key];
    const reference = expert[key];
    if (value == null || reference == null || !(reference > 0)) return null;
    return 5 - 4 * clamp01((value / reference - 1) / 2);
  };

const gapBelow =
  (key: 'ldlj' | 'sparc', worstGap: number): Proxy =>
  ({ metrics, expert }) => {
    const value = metrics[key];
    const reference = expert[key];
    if (value == null || reference == null) return null;
    return 5 - 4 * clamp01((reference - value) / worstGap);
  };

const bothActive: Proxy = ({ metrics, expert }) => {
  const value = metrics.bothActiveFraction;
  const reference = expert.bothActiveFraction;
  if (value == null || reference == null || !(reference > 0)) return null;
  return 1 + 4 * clamp01((value / reference - 1 / 3) / (2 / 3));
};

const events =
  (count: (input: EstimateInput) => number | null): Proxy =>
  (input) => {
    const n = count(input);
    return n === null ? null : Math.max(1, 5 - n);
  };

/** Tissue errors, plus force events: the simulation's count or the engine's force errors, whichever saw more (the same events). */
const tissueEvents = events((i) => {
  const tissue = i.errors.filter((e) => (i.tissueErrorCodes ?? TISSUE.test.bind(TISSUE))(e.code)).length;
  const forceErrors = i.errors.filter((e) => FORCE.test(e.code)).length;
  return tissue + Math.max(i.metrics.forceEvents ?? 0, forceErrors);
});
const orderErrors = (i: EstimateInput): number => i.errors.filter((e) => (i.orderErrorCodes ?? ORDER.test.bind(ORDER))(e.code)).length;

const knowledge: Proxy = (i) => (i.steps.total > 0 ? Math.max(1, 1 + (4 * i.steps.completed) / i.steps.total - orderErrors(i)) : null);
const flow: Proxy = (i) => Math.max(1, 5 - orderErrors(i));

const PROXIES: Record<string, Proxy> = {
  time: lowerIsBetter('timeSec'),
  pathLength: lowerIsBetter('pathLength'),
  movements: lowerIsBetter('movements'),
  idleRatio: lowerIsBetter('idleRatio'),
  ldlj: gapBelow('ldlj', 3),
  sparc: gapBelow('sparc', 1.5),
  depthPerception: lowerIsBetter('depthPerception'),
  bothActiveFraction: bothActive,
  tissueEvents,
  stepOrder: flow,
  stepsCompleted: knowledge,
};

/** The measured figure a proxy reads besides the engine's errors and steps, where it may be unmeasured: named in the basis only when measured. */
const ALSO_READS: Partial<Record<string, keyof ObjectiveMetrics>> = { tissueEvents: 'forceEvents' };

/** Which proxies feed each domain (assessment reference §3.4). */
export const DOMAIN_PROXIES: Record<Scale, Record<string, string[]>> = {
  OSATS: {
    'respect for tissue': ['tissueEvents'],
    'time and motion': ['time', 'pathLength', 'movements'],
    'instrument handling': ['ldlj', 'sparc'],
    'flow of operation': ['stepOrder', 'idleRatio'],
    'knowledge of specific procedure': ['stepsCompleted'],
  },
  GOALS: {
    'depth perception': ['depthPerception'],
    'bimanual dexterity': ['bothActiveFraction'],
    efficiency: ['time', 'pathLength', 'movements', 'idleRatio'],
    'tissue handling': ['tissueEvents'],
  },
};

export function estimateRatings(input: EstimateInput, scale: Scale): RatingEstimate {
  const label = `Estimated from objective metrics; not a validated ${scale} rating`;
  const { completed, total } = input.steps;
  const coverage =
    completed >= total
      ? 'Rated on the whole procedure.'
      : `Rated on the ${completed} completed step${completed === 1 ? '' : 's'} of ${total} only: time, path and movements over those steps against the expert's same steps; errors wherever they happened.`;
  if (total > 0 && completed / total < MIN_COMPLETED_FRACTION) {
    const withheld = `Not rated: ${completed} of ${total} steps completed, fewer than half, too little to rate.`;
    return { scale, estimate: true, label, coverage: withheld, withheld, domains: [], steps: input.steps, unsteady: false };
  }
  const unsteady = restless(input);
  const rated: EstimateInput = unsteady ? { ...input, metrics: { ...input.metrics, ...Object.fromEntries(RAW_SPEED_FIGURES.map((k) => [k, null])) } } : input;
  const domains: DomainEstimate[] = [];
  for (const [domain, proxies] of Object.entries(DOMAIN_PROXIES[scale])) {
    const ratings: number[] = [];
    const basis: string[] = [];
    for (const name of proxies) {
      const r = PROXIES[name]?.(rated) ?? null;
      if (r === null) continue;
      ratings.push(r);
      basis.push(name);
      const also = ALSO_READS[name];
      if (also && rated.metrics[also] != null) basis.push(also);
    }
    if (ratings.length === 0) continue;
    const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
    domains.push({ domain, rating: Math.round(mean * 10) / 10, basis });
  }
  const note = unsteady
    ? ' The tip never came to rest (tremor or tracking jitter kept it above 1 mm/s), so movements, smoothness, idle time and both-hands-active, which would read the jitter as motion, are not rated.'
    : '';
  return { scale, estimate: true, label, coverage: coverage + note, withheld: null, domains, steps: input.steps, unsteady };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
