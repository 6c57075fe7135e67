import { describe, expect, it } from 'vitest';
import { play } from '../../support/experts.ts';

/** Expert scripts (assets/experts/<procedure>.json) that complete their procedure with no errors. */
const EXPERTS = ['fls-peg-transfer', 'lap-chole-cvs', 'interrupted-suture', 'elliptical-excision'];

/** Scripted mistakes (assets/experts/<procedure>.<mistake>.json) and the error codes they must raise. */
const MISTAKES: [string, string[]][] = [
  ['fls-peg-transfer.drop-out-of-view', ['drop-out-of-view']],
  ['lap-chole-cvs.cut-unclipped', ['cut-unclipped', 'cut-before-cvs']],
  ['lap-chole-cvs.clip-bile-duct', ['bile-duct-injury']],
  ['elliptical-excision.margin-too-small', ['margin-too-small']],
];

describe.each(EXPERTS)('expert script %s', (name) => {
  const attempt = play(name);
  const report = attempt.report();

  it('completes the procedure, passes, with no errors', () => {
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe('completed');
    expect(report.passed).toBe(true);
  });

  it('completes every step (every iteration of a repeated one, `id#n`)', () => {
    expect(report.steps.filter((s) => s.status !== 'completed')).toEqual([]);
    expect([...new Set(report.steps.map((s) => s.id.replace(/#\d+$/, '')))]).toEqual(attempt.protocol.steps.map((s) => s.id));
  });
});

describe.each(MISTAKES)('mistake script %s', (name, codes) => {
  it(`raises ${codes.join(', ')}`, () => {
    const raised = play(name).report().errors.map((e) => e.code);
    for (const code of codes) expect(raised).toContain(code);
  }, 60_000);
});

describe('determinism', () => {
  it.each(EXPERTS)('%s: two runs give the same state hash', (name) => {
    expect(play(name).stateHash()).toBe(play(name).stateHash());
  }, 60_000);
});
