/**
 * lap-chole-cvs judges what the vocabulary now says about a clip, cut or burn (docs/actions.md): how near the
 * bile ducts and the right hepatic artery it came (`nearest`, `nearestMm`), whether it took two structures at
 * once (`across`), and a clip's angle off square (`angle`); and every error that can lead to a bile duct injury
 * fails an assessed attempt. Graded from action logs: the expert's, with one action changed.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, parseActionLog, runAttempt, startAttempt, unknownNames, type Action } from '../../../src/core/procedure/index.ts';
import { actions, grade, protocol } from './helpers.ts';

const p = protocol('lap-chole-cvs');
const expert = actions('lap-chole-cvs', 'expert');

/** The expert's log with the action at time `t` changed … */
function changed(t: number, change: Partial<Action>): Action[] {
  return expert.map((a) => (a.t === t ? { ...a, ...change } : a));
}
/** … or with `action` a second after it. */
function inserted(t: number, action: Omit<Action, 't'>): Action[] {
  return expert.flatMap((a) => (a.t === t ? [a, { t: t + 1, ...action }] : [a]));
}

const codes = (log: readonly Action[], protocolUsed = p) => grade(protocolUsed, log).errors.map((e) => `${e.code}:${e.severity}`);
/** The expert's third duct clip (t 150) and its duct cut (t 160). */
const DUCT_CLIP = 150;
const DUCT_CUT = 160;
/** A burn on the cystic plate while the liver bed is taken down. */
const burn = (nearestMm: number, nearest = 'common-bile-duct'): Omit<Action, 't'> => ({
  type: 'cauterize',
  hand: 'right',
  instrument: 'hook-cautery',
  structure: 'cystic-plate',
  duration: 0.5,
  nearest,
  nearestMm,
});

describe('lap-chole-cvs: proximity to the structures that must not be injured', () => {
  it('passes the expert, whose clips, cuts and burns keep their distance', () => {
    expect(grade(p, expert)).toMatchObject({ outcome: 'completed', passed: true, errors: [] });
    expect(expert.filter((a) => a.nearestMm !== undefined).length).toBeGreaterThan(5);
  });

  it.each([
    ['the common bile duct', 'common-bile-duct'],
    ['the common hepatic duct', 'common-hepatic-duct'],
    ['the right hepatic artery', 'right-hepatic-artery'],
  ])('fails energy within energyClearanceMm (5 mm) of %s: thermal spread', (_name, structure) => {
    expect(codes(inserted(75, burn(4.9, structure)))).toEqual(['energy-near-danger-structure:critical']);
    expect(grade(p, inserted(75, burn(4.9, structure))).passed).toBe(false);
    expect(codes(inserted(75, burn(5, structure)))).toEqual([]);
  });

  it('fails a clip or a cut within clipClearanceMm (3 mm) of the bile duct', () => {
    expect(codes(changed(DUCT_CLIP, { nearest: 'common-bile-duct', nearestMm: 2.9 }))).toEqual(['clip-near-danger-structure:critical']);
    expect(codes(changed(DUCT_CUT, { nearest: 'common-bile-duct', nearestMm: 1 }))).toEqual(['clip-near-danger-structure:critical']);
    expect(codes(changed(DUCT_CLIP, { nearest: 'common-bile-duct', nearestMm: 3 }))).toEqual([]);
  });

  it('takes its thresholds from the protocol: a school that wants 10 mm of clearance sets it there', () => {
    const strict = { ...p, parameters: { ...p.parameters, energyClearanceMm: 10 } };
    expect(codes(inserted(75, burn(6.7, 'right-hepatic-artery')), strict)).toEqual(['energy-near-danger-structure:critical']);
  });
});

describe('lap-chole-cvs: one clip or cut on two structures', () => {
  it('fails a clip across the cystic duct and the common bile duct as a bile duct injury', () => {
    const log = changed(DUCT_CLIP, { across: ['common-bile-duct'] });
    expect(codes(log)).toEqual(['bile-duct-injury:critical', 'two-structures-at-once:critical']);
    expect(grade(p, log).outcome).toBe('failed');
  });

  it('fails a clip across the cystic duct and the cystic artery (neither identified on its own)', () => {
    expect(codes(changed(DUCT_CLIP, { across: ['cystic-artery'] }))).toEqual(['two-structures-at-once:critical']);
  });

  it('fails a cut across the cystic artery and the right hepatic artery as a vascular injury', () => {
    expect(codes(changed(130, { across: ['right-hepatic-artery'] }))).toEqual(['vascular-injury:critical', 'two-structures-at-once:critical']);
  });
});

describe('lap-chole-cvs: clip angle', () => {
  it('marks a clip more than maxClipObliquityDeg (30°) off square as major: passed, not proficient', () => {
    const report = grade(p, changed(DUCT_CLIP, { angle: 31 }));
    expect(report.errors.map((e) => `${e.code}:${e.severity}`)).toEqual(['oblique-clip:major']);
    expect(report).toMatchObject({ outcome: 'completed', passed: true });
    expect(codes(changed(DUCT_CLIP, { angle: 30 }))).toEqual([]);
  });
});

describe('lap-chole-cvs: every error that can lead to a bile duct injury fails the attempt', () => {
  const bileDuctErrors = [
    'clip-before-cvs',
    'cut-before-cvs',
    'cvs-declared-early',
    'bile-duct-injury',
    'energy-near-danger-structure',
    'clip-near-danger-structure',
    'two-structures-at-once',
    'cut-unclipped',
    'cut-through-clip',
  ];

  it.each(bileDuctErrors)('%s is critical, cites its source, and critical errors fail', (code) => {
    const rule = p.errors.find((e) => e.code === code);
    expect(rule).toMatchObject({ severity: 'critical' });
    expect(p.sources.map((s) => s.id)).toContain(rule!.source);
    expect(p.scoring.failOn).toContain('critical');
  });

  it('cites the SAGES Safe Cholecystectomy Program, Strasberg 1995 and 2010, and Way et al. 2003', () => {
    expect(p.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['sages-safe-chole', 'strasberg1995', 'strasberg2010', 'way2003']));
  });
});

describe('lap-chole-cvs: the new fields name only what the protocol has', () => {
  it('reports a misspelt structure in across or nearest at its line, with a did-you-mean', () => {
    const log = [
      '{"t": 1, "type": "clip", "instrument": "clip-applier", "structure": "cystic-duct", "across": ["comon-bile-duct"], "s": 0.3, "complete": true}',
      '{"t": 2, "type": "cauterize", "instrument": "hook-cautery", "structure": "cystic-plate", "nearest": "right-hepatic-arterie", "nearestMm": 4}',
      '{"t": 3, "type": "clip", "instrument": "clip-applier", "structure": "cystic-duct", "across": "cystic-artery", "s": 0.3, "complete": true}',
    ].join('\n');
    expect(parseActionLog(log, (a) => unknownNames(p, a)).errors).toEqual([
      { line: 1, message: "unknown structure 'comon-bile-duct' (did you mean 'common-bile-duct'?)" },
      { line: 2, message: "unknown structure 'right-hepatic-arterie' (did you mean 'right-hepatic-artery'?)" },
      { line: 3, message: 'field \'across\' must be a list of strings, not "cystic-artery"' },
    ]);
  });

  it('rejects such an action live, judging nothing by it', () => {
    const { state } = startAttempt(p, { mode: 'assess' });
    const clip: Action = { t: 1, type: 'clip', instrument: 'clip-applier', structure: 'cystic-duct', across: ['comon-bile-duct'], s: 0.3, complete: true };
    const { findings } = applyAction(p, state, clip);
    expect(findings).toEqual([expect.objectContaining({ type: 'action-rejected' })]);
    expect(runAttempt(p, [clip]).findings.some((f) => f.type === 'error')).toBe(false);
  });
});
