import { describe, expect, it } from 'vitest';
import type { Mode } from '../../../src/core/procedure/index.ts';
import {
  type AttemptRecord,
  DAY_MS,
  type ProcedurePlan,
  drillStep,
  errorCodeCounts,
  hintLevel,
  learningCurve,
  nextVariant,
  procedureStatus,
  recommend,
  retentionState,
  stepFailures,
} from '../../../src/core/progress/index.ts';
import type { ReportError } from '../../../src/core/scoring/index.ts';
import { PEG } from './plans.ts';

const T0 = Date.UTC(2026, 0, 5);
const CHOLE: ProcedurePlan = {
  id: 'lap-chole-cvs',
  variants: ['typical', 'double-cystic-artery', 'short-cystic-duct'],
  requiredVariants: ['double-cystic-artery'],
  proficiency: { maxTimeSec: 900, maxErrors: { critical: 0 }, consecutive: 2, additional: 0 },
  difficulty: 'advanced',
  estimatedMinutes: 35,
};
const STEPS = ['expose', 'dissect', 'clip'];

interface Spec {
  procedure?: string;
  mode?: Mode;
  variant?: string;
  day: number;
  time?: number;
  undone?: string[];
  errors?: Partial<ReportError>[];
  passed?: boolean;
}

function attempt(spec: Spec): AttemptRecord {
  const errors = (spec.errors ?? []).map((e) => ({ code: 'X', severity: 'minor' as const, t: 1, step: null, message: '', ...e }));
  return {
    procedure: spec.procedure ?? PEG.id,
    mode: spec.mode ?? 'practice',
    variant: spec.variant ?? 'standard',
    endedAtMs: T0 + spec.day * DAY_MS,
    timeSec: spec.time ?? 40,
    report: {
      procedure: spec.procedure ?? PEG.id,
      version: '1.0.0',
      outcome: 'done',
      passed: spec.passed ?? !errors.some((e) => e.severity === 'critical'),
      score: 250,
      steps: STEPS.map((id) => ({ id, status: spec.undone?.includes(id) ? 'active' : 'completed', start: 0, end: 1 })),
      errors,
      metrics: {},
    },
  };
}

/** Attempts on consecutive days from `from`. */
const series = (from: number, specs: Omit<Spec, 'day'>[]): AttemptRecord[] => specs.map((s, i) => attempt({ ...s, day: from + i }));

describe('stages: learn → practise → assess → proficient', () => {
  it('is not started, then learning until every step is done twice in a row', () => {
    expect(procedureStatus([], PEG).stage).toBe('not-started');
    const h = series(0, [{ mode: 'learn', undone: ['clip'] }, { mode: 'learn' }]);
    expect(procedureStatus(h, PEG).stage).toBe('learning');
    expect(recommend(h, [PEG], T0 + 2 * DAY_MS)).toMatchObject({ procedure: PEG.id, mode: 'learn', reason: 'learn-steps', hints: 'auto' });
  });

  it('practises to 2 consecutive + 10 proficient attempts, then assesses to confirm', () => {
    const learned = series(0, [{ mode: 'learn' }, { mode: 'learn' }]);
    const practice = series(2, [{ time: 60 }, { time: 45 }, { time: 44 }]);
    const h1 = [...learned, ...practice];
    expect(procedureStatus(h1, PEG).stage).toBe('practising');
    expect(recommend(h1, [PEG], T0 + 6 * DAY_MS)).toMatchObject({
      mode: 'practice',
      reason: 'practise-to-benchmark',
      message: 'Practise fls-peg-transfer: 10 more proficient attempts needed (2 in a row so far)',
    });
    const h2 = [...h1, ...series(10, Array(10).fill({ time: 47 }))];
    expect(procedureStatus(h2, PEG).stage).toBe('assessing');
    expect(recommend(h2, [PEG], T0 + 25 * DAY_MS)).toMatchObject({ mode: 'assess', reason: 'confirm-by-assessment', hints: 'none' });
    const h3 = [...h2, attempt({ mode: 'assess', day: 25, time: 46 })];
    const s = procedureStatus(h3, PEG);
    expect(s.stage).toBe('proficient');
    expect(s.proficientAtMs).toBe(T0 + 25 * DAY_MS);
  });

  it('an out-of-view drop breaks the run', () => {
    const h = series(0, [{ mode: 'learn' }, { mode: 'learn' }, {}, { errors: [{ code: 'drop-out-of-view' }] }, {}]);
    expect(procedureStatus(h, PEG).proficiency).toMatchObject({ currentRun: 1, runAchieved: false });
  });
});

describe('patient variants', () => {
  const base = { procedure: CHOLE.id };
  it('rotate the least-met variant, preferring a required one not yet passed', () => {
    expect(nextVariant([], CHOLE)).toBe('double-cystic-artery');
    const h = series(0, [{ ...base, variant: 'double-cystic-artery', passed: false }]);
    expect(nextVariant(h, CHOLE)).toBe('typical');
    const h2 = [
      ...h,
      ...series(1, [
        { ...base, variant: 'typical' },
        { ...base, variant: 'short-cystic-duct' },
      ]),
    ];
    expect(nextVariant(h2, CHOLE)).toBe('double-cystic-artery');
  });
  it('are required before proficiency: benchmark reached on typical patients only → practise the double cystic artery', () => {
    const h = series(0, [
      { ...base, mode: 'learn' },
      { ...base, mode: 'learn' },
      { ...base, variant: 'typical' },
      { ...base, variant: 'typical' },
    ]);
    const s = procedureStatus(h, CHOLE);
    expect(s).toMatchObject({ stage: 'practising', missingVariants: ['double-cystic-artery'] });
    expect(recommend(h, [CHOLE], T0 + 5 * DAY_MS)).toMatchObject({ mode: 'practice', reason: 'meet-variant', variant: 'double-cystic-artery' });
    const passedIt = [...h, attempt({ ...base, variant: 'double-cystic-artery', day: 5 })];
    expect(procedureStatus(passedIt, CHOLE).stage).toBe('assessing');
  });
});

describe('drill this step and hint fading', () => {
  it('drills the step failed most', () => {
    const h = series(0, [
      { errors: [{ step: 'dissect' }], undone: ['clip'] },
      { errors: [{ step: 'dissect' }, { step: 'clip' }] },
      { errors: [{ step: 'dissect' }] },
    ]);
    expect(drillStep(h, PEG.id)).toBe('dissect');
    expect(drillStep(series(0, [{}]), PEG.id)).toBeNull();
  });
  it('fades hints after clean attempts and brings them back after a failure', () => {
    const clean = {};
    const failed = { errors: [{ step: 'clip' }] };
    expect(hintLevel(series(0, [clean]), PEG.id)).toBe('auto');
    expect(hintLevel(series(0, [clean, clean]), PEG.id)).toBe('on-request');
    expect(hintLevel(series(0, [clean, clean, clean, clean]), PEG.id)).toBe('none');
    expect(hintLevel(series(0, [clean, clean, clean, clean, failed]), PEG.id)).toBe('on-request');
  });
});

describe('retention checks after a gap', () => {
  const proficient = [
    ...series(0, [{ mode: 'learn' }, { mode: 'learn' }]),
    ...series(2, Array(12).fill({ time: 45 })),
    attempt({ mode: 'assess', day: 14, time: 45 }),
  ];
  const at = (day: number): number => T0 + day * DAY_MS;

  it('falls due 30 days after the last attempt, from stored dates only', () => {
    const pAt = procedureStatus(proficient, PEG).proficientAtMs;
    expect(retentionState(proficient, PEG, pAt, at(40))).toMatchObject({ due: false, intervalDays: 30, dueAtMs: at(44) });
    expect(recommend(proficient, [PEG], at(40))).toMatchObject({ reason: 'keep-fresh' });
    expect(recommend(proficient, [PEG], at(50))).toMatchObject({
      mode: 'assess',
      reason: 'retention-check',
      message: 'Retention check on fls-peg-transfer: 36 days since your last attempt',
    });
  });
  it('widens the interval after a passed check', () => {
    const h = [...proficient, attempt({ mode: 'assess', day: 50, time: 55 })];
    const pAt = procedureStatus(h, PEG).proficientAtMs;
    expect(retentionState(h, PEG, pAt, at(60))).toMatchObject({ intervalDays: 60, refresherNeeded: false, dueAtMs: at(110) });
  });
  it('a slow check (over 1.2 × 48 s) calls for a refresher until one proficient attempt', () => {
    const h = [...proficient, attempt({ mode: 'assess', day: 50, time: 70 })];
    const pAt = procedureStatus(h, PEG).proficientAtMs;
    expect(retentionState(h, PEG, pAt, at(51))).toMatchObject({ refresherNeeded: true, intervalDays: 30 });
    expect(recommend(h, [PEG], at(51))).toMatchObject({ mode: 'practice', reason: 'refresher' });
    const refreshed = [...h, attempt({ day: 52, time: 46 })];
    expect(retentionState(refreshed, PEG, pAt, at(53))).toMatchObject({ refresherNeeded: false });
  });
});

describe('across the curriculum', () => {
  it('carries on with the procedure touched last, then starts the next in order', () => {
    const h = [attempt({ procedure: CHOLE.id, mode: 'learn', day: 1 }), attempt({ procedure: PEG.id, mode: 'learn', day: 2 })];
    expect(recommend(h, [CHOLE, PEG], T0 + 3 * DAY_MS)?.procedure).toBe(PEG.id);
    expect(recommend([], [], T0)).toBeNull();
  });

  const SUTURE: ProcedurePlan = {
    id: 'interrupted-suture',
    variants: ['standard'],
    requiredVariants: [],
    proficiency: null,
    difficulty: 'introductory',
    estimatedMinutes: 20,
  };
  const EXCISION: ProcedurePlan = { ...SUTURE, id: 'elliptical-excision', difficulty: 'intermediate', estimatedMinutes: 25 };

  it('guides a learner with no attempts to the shortest introductory task first, and says why', () => {
    // The catalogue's order (by title) puts an intermediate and an advanced procedure before the introductory ones.
    const rec = recommend([], [EXCISION, CHOLE, SUTURE, PEG], T0);
    expect(rec).toMatchObject({ procedure: PEG.id, mode: 'learn', reason: 'first-task', hints: 'auto' });
    expect(rec?.message).toMatch(/^Start with fls-peg-transfer in Learn mode: a short introductory task \(about 5 min\) to learn the controls/);
    // Without an introductory procedure, still the easiest one.
    expect(recommend([], [CHOLE, EXCISION], T0)).toMatchObject({ procedure: EXCISION.id, reason: 'first-task' });
  });

  it('starts the next procedure easiest first: introductory, then intermediate, then advanced', () => {
    const h = [attempt({ procedure: 'retired-procedure', day: 0 })];
    expect(recommend(h, [CHOLE, EXCISION, SUTURE], T0 + DAY_MS)).toMatchObject({ procedure: SUTURE.id, reason: 'start-next' });
    expect(recommend(h, [CHOLE, EXCISION], T0 + DAY_MS)).toMatchObject({ procedure: EXCISION.id, reason: 'start-next' });
    expect(recommend(h, [CHOLE], T0 + DAY_MS)).toMatchObject({ procedure: CHOLE.id, reason: 'start-next', variant: 'typical' });
  });
});

describe('dashboard figures', () => {
  const h = series(0, [
    { mode: 'learn', time: 80, errors: [{ step: 'dissect', code: 'drop-in-view' }] },
    { time: 47 },
    {
      time: 45,
      errors: [
        { step: 'clip', code: 'drop-out-of-view', severity: 'major' },
        { step: 'clip', code: 'drop-in-view' },
      ],
    },
  ]);
  it('learning curve per attempt', () => {
    expect(learningCurve(h, PEG).map((p) => [p.attempt, p.mode, p.timeSec, p.errors, p.proficient])).toEqual([
      [1, 'learn', 80, 1, false],
      [2, 'practice', 47, 0, true],
      [3, 'practice', 45, 2, false],
    ]);
  });
  it('weakest steps and most frequent error codes', () => {
    expect(stepFailures(h, PEG.id)).toEqual([
      { step: 'clip', failures: 2 },
      { step: 'dissect', failures: 1 },
    ]);
    expect(errorCodeCounts(h, PEG.id)).toEqual([
      { code: 'drop-in-view', severity: 'minor', count: 2 },
      { code: 'drop-out-of-view', severity: 'major', count: 1 },
    ]);
  });
});
