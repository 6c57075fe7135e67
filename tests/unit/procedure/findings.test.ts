/**
 * Specific findings: every error says what it was about (structure, instrument, object), which measured value
 * broke which threshold, which criterion was missing, and what to do instead — in the report JSON and in words.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/core/procedure/index.ts';
import { PROCEDURES, actions, expectations, grade, protocol } from './helpers.ts';

function errorOf(procedure: string, fixture: string, code = fixture) {
  const p = protocol(procedure);
  const want = expectations(procedure)[fixture];
  const report = grade(p, actions(procedure, fixture), want?.variant !== undefined ? { variant: want.variant } : {});
  const error = report.errors.find((e) => e.code === code);
  expect(error, `${procedure}/${fixture} raises ${code}`).toBeDefined();
  return error!;
}

describe('specific findings', () => {
  it('a shallow bite: the structure, the depth against the minimum, in mm, and the remedy', () => {
    const e = errorOf('interrupted-suture', 'bite-depth');
    expect(e.about).toMatchObject({ structure: 'wound-edge-b', instrument: 'needle-driver' });
    expect(e.measured).toEqual([{ quantity: 'depth', value: 1, comparison: 'lt', threshold: 2, unit: 'mm' }]);
    expect(e.instead).toBe("Follow the needle's curve down into mid-dermis before crossing the wound.");
    expect(e.message).toBe(
      'The bite was too shallow to hold the dermis — wound edge b, with the needle driver; depth 1 mm < 2 mm minimum. ' +
        "Instead: Follow the needle's curve down into mid-dermis before crossing the wound.",
    );
  });

  it('a range broken: the value, and the range it had to stay inside', () => {
    const e = errorOf('interrupted-suture', 'entry-angle');
    expect(e.measured).toEqual([{ quantity: 'angle', value: 45, comparison: 'outside', threshold: [60, 120], unit: '°' }]);
    expect(e.message).toContain('angle 45° outside 60–120°');
  });

  it('a critical view declared too early: which criteria were missing, each with what was measured', () => {
    const e = errorOf('lap-chole-cvs', 'cvs-declared-early');
    // The fixture has cleared the triangle but neither the liver bed nor the structures entering the gallbladder.
    expect(e.missing).toEqual(['lower-third-off-liver-bed', 'structures-entering-gallbladder-seen']);
    expect(e.measured).toEqual([
      { quantity: 'cleared', value: 0, comparison: 'lt', threshold: 0.33, structure: 'cystic-plate', criterion: 'lower-third-off-liver-bed' },
      { quantity: 'cleared', value: 0, comparison: 'lt', threshold: 0.9, structure: 'cystic-duct', criterion: 'structures-entering-gallbladder-seen' },
      { quantity: 'cleared', value: 0, comparison: 'lt', threshold: 0.9, structure: 'cystic-artery', criterion: 'structures-entering-gallbladder-seen' },
    ]);
    expect(e.message).toContain('not met: lower third off liver bed (cystic plate cleared 0 < 0.33 minimum)');
    expect(e.message).not.toContain('triangle cleared (');
  });

  it('a clip before the view: the structure clipped and the criterion still missing', () => {
    const p = protocol('lap-chole-cvs');
    const log = actions('lap-chole-cvs', 'expert').filter((a) => a.type !== 'declare' && !(a.type === 'dissect' && a.structure === 'cystic-plate'));
    const e = grade(p, log).errors.find((x) => x.code === 'clip-before-cvs')!;
    expect(e.about).toMatchObject({ structure: 'cystic-artery', instrument: 'clip-applier' });
    expect(e.missing).toEqual(['lower-third-off-liver-bed']);
  });

  it('an insecure knot: which of its causes happened', () => {
    expect(errorOf('interrupted-suture', 'knot-insecure').missing).toEqual(['alternating-throws']);
    const p = protocol('interrupted-suture');
    const log = actions('interrupted-suture', 'knot-insecure');
    // The last stitch tied with a single throw: a second insecure knot, for another reason.
    const oneThrow = log.filter((a) => !(a.type === 'throw' && a.t > 108));
    const e = grade(p, oneThrow).errors.find((x) => x.code === 'knot-insecure' && x.t === 118)!;
    expect(e.missing).toEqual(['enough-throws']);
    expect(e.measured).toEqual([{ quantity: 'throws', value: 1, comparison: 'lt', threshold: 3, criterion: 'enough-throws' }]);
  });

  it('a cut without clips: how many clips each side had against how many it needed', () => {
    const e = errorOf('lap-chole-cvs', 'cut-unclipped');
    expect(e.measured).toEqual([{ quantity: 'patient-side-clips', value: 0, comparison: 'lt', threshold: 2 }]);
  });

  it('a scene predicate: strokes on the side against the most allowed', () => {
    const e = errorOf('elliptical-excision', 'ragged-edge');
    expect(e.measured).toEqual([{ quantity: 'strokes', value: 4, comparison: 'gt', threshold: 3 }]);
  });

  it.each(PROCEDURES)('%s: every error fixture carries specifics, the remedy, and the specifics in its message', (procedure) => {
    const p = protocol(procedure);
    for (const [name, want] of Object.entries(expectations(procedure))) {
      if (!('code' in want)) continue;
      const e = errorOf(procedure, name, want.code);
      const rule = p.errors.find((r) => r.code === want.code)!;
      expect(e.instead).toBe(rule.instead);
      expect(e.message.startsWith(rule.message.replace(/\.$/, ''))).toBe(true);
      expect(e.message.endsWith(`Instead: ${rule.instead}`)).toBe(true);
      expect(e.about ?? e.measured ?? e.missing, `${procedure}/${name} says what it was about`).toBeDefined();
      for (const m of e.measured ?? []) expect(e.message).toContain(String(Math.round(m.value * 100) / 100));
    }
  });

  it('keeps the old report fields as they were, adding the new ones', () => {
    const e = errorOf('fls-peg-transfer', 'drop-out-of-view');
    expect(Object.keys(e).slice(0, 5)).toEqual(['code', 'severity', 't', 'step', 'message']);
    expect(e).toMatchObject({ code: 'drop-out-of-view', severity: 'major', about: { object: 'o3' }, occurrences: 1 });
    expect(typeof e.t).toBe('number');
    expect(e.lastT).toBe(e.t);
  });

  it('never throws while explaining, whatever the action carries', () => {
    const p = protocol('lap-chole-cvs');
    const odd = [
      { t: 1, type: 'cut', structure: 'cystic-duct' },
      { t: 2, type: 'cut', structure: 'cystic-duct', s: Number.NaN },
      { t: 3, type: 'contact', force: 99 },
      { t: 4, type: 'declare', what: 'critical-view-of-safety' },
    ] as Action[];
    expect(() => grade(p, odd)).not.toThrow();
  });
});
