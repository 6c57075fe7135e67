/**
 * Every action log under tests/fixtures/actions/<procedure>/ graded against its protocol, with the
 * result in that folder's expected.json: expert paths complete and pass with no errors; each
 * error log raises its error exactly once, at the right step, with the right severity.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROCEDURES, actions, expectations, fixtureNames, grade, protocol } from './helpers.ts';

for (const procedure of PROCEDURES) {
  if (!existsSync(join(FIXTURES, procedure, 'expected.json'))) continue;
  describe(procedure, () => {
    const p = protocol(procedure);
    const expected = expectations(procedure);

    it('has an expectation for every log, and a log for every error code', () => {
      expect(Object.keys(expected).sort()).toEqual(fixtureNames(procedure).sort());
      const codes = new Set(p.errors.map((e) => e.code));
      for (const code of codes) expect(expected[code], `a fixture for ${code}`).toMatchObject({ code });
    });

    for (const [name, want] of Object.entries(expected)) {
      it(name, () => {
        const options = want.variant !== undefined ? { variant: want.variant } : {};
        const report = grade(p, actions(procedure, name), options);
        if ('code' in want) {
          const raised = report.errors.filter((e) => e.code === want.code);
          expect(raised).toHaveLength(1);
          expect(raised[0]).toMatchObject({ severity: want.severity, step: want.step });
          const others = [...new Set(report.errors.map((e) => e.code).filter((c) => c !== want.code))].sort();
          expect(others).toEqual([...(want.alsoRaised ?? [])].sort());
          if (want.outcome !== undefined) expect(report.outcome).toBe(want.outcome);
          if (want.severity === 'critical') expect(report.outcome).toBe('failed');
        } else {
          expect(report.errors.map((e) => e.code)).toEqual(want.errors);
          expect(report.outcome).toBe(want.outcome);
          expect(report.passed).toBe(want.passed);
          if (want.outcome === 'completed') expect(report.steps.every((s) => s.status === 'completed')).toBe(true);
        }
      });
    }
  });
}
