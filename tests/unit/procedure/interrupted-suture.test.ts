import { describe, expect, it } from 'vitest';
import { actions, grade, protocol } from './helpers.ts';

const p = protocol('interrupted-suture');

describe('interrupted-suture: repeated stitches', () => {
  it('repeats the stitch block until the wound is closed (four stitches here), then asks for the needle', () => {
    const report = grade(p, actions('interrupted-suture', 'expert'));
    const ids = report.steps.map((s) => s.id);
    expect(ids.filter((id) => id.startsWith('cut-tails#'))).toEqual(['cut-tails#1', 'cut-tails#2', 'cut-tails#3', 'cut-tails#4']);
    expect(ids[ids.length - 1]).toBe('dispose-needle');
  });

  it('needs a fifth stitch when four leave a gap', () => {
    const report = grade(p, actions('interrupted-suture', 'five-stitches'));
    expect(report.outcome).toBe('completed');
    expect(report.steps.filter((s) => s.id.startsWith('pass-needle#'))).toHaveLength(5);
  });

  it('lists the rest of the current stitch as pending mid-way', () => {
    const report = grade(p, actions('interrupted-suture', 'expert').slice(0, 11));
    expect(report.steps.filter((s) => s.status !== 'completed').map((s) => `${s.id}:${s.status}`)).toEqual([
      'evert-edge#2:active',
      'pass-needle#2:pending',
      'tie-knot#2:pending',
      'cut-tails#2:pending',
      'dispose-needle:pending',
    ]);
  });

  it('finishes a knot that is cut early (too few throws) and blames the knot', () => {
    const log = actions('interrupted-suture', 'expert').filter((a, i) => !(i === 8 && a.type === 'throw'));
    const report = grade(p, log);
    expect(report.errors.map((e) => [e.code, e.step])).toEqual([['knot-insecure', 'tie-knot#1']]);
    expect(report.outcome).toBe('completed');
  });
});
