import { describe, expect, it } from 'vitest';
import { runAttempt, type Finding } from '../../../src/core/procedure/index.ts';
import { actions, grade, protocol } from './helpers.ts';

const p = protocol('lap-chole-cvs');
const expert = actions('lap-chole-cvs', 'expert');

describe('lap-chole-cvs: the double cystic artery variant', () => {
  it('needs three structures seen and two arteries clipped and divided', () => {
    const report = grade(p, actions('lap-chole-cvs', 'expert-double-cystic-artery'), { variant: 'double-cystic-artery' });
    expect(report).toMatchObject({ variant: 'double-cystic-artery', outcome: 'completed', passed: true, errors: [] });
  });

  it('fails the single-artery expert path: the view is declared, then clips placed, with one artery unseen', () => {
    const report = grade(p, expert, { variant: 'double-cystic-artery' });
    expect(report.outcome).toBe('failed');
    expect([...new Set(report.errors.map((e) => e.code))]).toEqual(['cvs-declared-early', 'clip-before-cvs', 'cut-before-cvs']);
    expect(report.steps.find((s) => s.id === 'dissect-hepatocystic-triangle')?.status).toBe('active');
  });

  it('is chosen by some seeds, reproducibly', () => {
    const variantOf = (seed: number) => grade(p, [], { seed }).variant;
    const seen = new Set(Array.from({ length: 60 }, (_, seed) => variantOf(seed)));
    expect(seen).toContain('double-cystic-artery');
    expect(seen).toContain('standard');
    for (let seed = 0; seed < 10; seed++) expect(variantOf(seed)).toBe(variantOf(seed));
  });
});

describe('lap-chole-cvs: order', () => {
  it('accepts the duct divided before the artery, completing the steps in protocol order', () => {
    const report = grade(p, actions('lap-chole-cvs', 'duct-before-artery'));
    expect(report.outcome).toBe('completed');
    const ends = report.steps.map((s) => s.end ?? Infinity);
    expect(ends.slice(3)).toEqual([...ends.slice(3)].sort((a, b) => a - b));
    const byId = Object.fromEntries(report.steps.map((s) => [s.id, s]));
    // The duct steps were already satisfied; they complete the moment they become active.
    expect(byId['clip-cystic-duct']).toMatchObject({ start: byId['divide-cystic-artery']!.end, end: byId['divide-cystic-artery']!.end });
  });

  it('keeps the two exposure steps active together (any order)', () => {
    const report = grade(p, expert);
    const dissect = report.steps.find((s) => s.id === 'dissect-hepatocystic-triangle')!;
    const bed = report.steps.find((s) => s.id === 'separate-liver-bed')!;
    expect(dissect.start).toBe(bed.start);
    expect(dissect.end).toBeLessThan(bed.end!);
  });

  it('reports steps never reached as pending', () => {
    const report = grade(p, expert.slice(0, 4));
    expect(report.outcome).toBe('incomplete');
    expect(report.steps.map((s) => s.status)).toEqual(['completed', 'active', 'active', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(report.score).toBe(5);
  });
});

describe('lap-chole-cvs: modes', () => {
  const hints = (findings: Finding[]) => findings.filter((f) => f.type === 'hint-due').map((f) => `${f.t}:${'step' in f ? f.step : ''}`);

  it('learn mode gives a hint after a minute on a step; assess mode never', () => {
    expect(hints(runAttempt(p, expert, { mode: 'learn' }).findings)).toEqual(['75:separate-liver-bed']);
    expect(hints(runAttempt(p, expert, { mode: 'assess' }).findings)).toEqual([]);
  });

  it('practice mode gives hints on request only', () => {
    const log = [...expert.slice(0, 3), { t: 12, type: 'request-hint' as const }, ...expert.slice(3)];
    expect(hints(runAttempt(p, log, { mode: 'practice' }).findings)).toEqual(['12:dissect-hepatocystic-triangle', '12:separate-liver-bed']);
  });

  it('scores the same in every mode', () => {
    const scores = (['learn', 'practice', 'assess'] as const).map((mode) => grade(p, expert, { mode }).score);
    expect(new Set(scores).size).toBe(1);
  });

  it('notes an instrument the active steps do not use', () => {
    const log = [{ t: 1, type: 'grasp' as const, instrument: 'laparoscopic-scissors', structure: 'gallbladder' }];
    expect(runAttempt(p, log).findings).toContainEqual({
      type: 'instrument-not-allowed',
      t: 1,
      instrument: 'laparoscopic-scissors',
      step: 'retract-infundibulum',
    });
  });
});
