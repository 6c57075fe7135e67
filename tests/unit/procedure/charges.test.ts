/**
 * Penalties per mistake: an error rule's `charge` decides when a repeat is the same mistake (counted on it,
 * charged nothing more) and when it is a new one — once per attempt, per structure or object, or per event
 * with a cooldown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocol, runAttempt, type Action, type ErrorRule, type Protocol } from '../../../src/core/procedure/index.ts';
import { PROCEDURES, ROOT, actions, grade, protocol } from './helpers.ts';

const lapChole = protocol('lap-chole-cvs');
const expert = actions('lap-chole-cvs', 'expert');

/** lap-chole with one rule's charge replaced. */
function charging(code: string, charge: Pick<ErrorRule, 'charge' | 'cooldownSec' | 'once'>): Protocol {
  return {
    ...lapChole,
    errors: lapChole.errors.map((r) =>
      r.code === code ? { code: r.code, severity: r.severity, when: r.when, message: r.message, instead: r.instead, ...charge } : r,
    ),
  };
}

const pull = (t: number, structure = 'gallbladder'): Action => ({ t, type: 'retract', hand: 'left', instrument: 'atraumatic-grasper', structure, force: 6 });
const clip = (t: number, structure: string): Action => ({ t, type: 'clip', hand: 'right', instrument: 'clip-applier', structure, s: 0.5, complete: true });
const cut = (t: number, structure: string): Action => ({ t, type: 'cut', hand: 'right', instrument: 'laparoscopic-scissors', structure, s: 0.5 });

const mistakes = (p: Protocol, log: Action[], code: string) =>
  grade(p, log)
    .errors.filter((e) => e.code === code)
    .map((e) => ({ t: e.t, occurrences: e.occurrences, lastT: e.lastT, structure: e.about?.structure }));

describe('charging mistakes', () => {
  it('once: one mistake per attempt, however often and on whatever it happens', () => {
    const p = charging('excessive-force', { charge: 'once' });
    expect(mistakes(p, [pull(1), pull(30), pull(60, 'liver')], 'excessive-force')).toEqual([{ t: 1, occurrences: 3, lastT: 60, structure: 'gallbladder' }]);
  });

  it('once: true is the same as charge: once', () => {
    const p = charging('excessive-force', { once: true });
    expect(mistakes(p, [pull(1), pull(30)], 'excessive-force')).toEqual([{ t: 1, occurrences: 2, lastT: 30, structure: 'gallbladder' }]);
  });

  it('per-structure: a misidentified duct is one mistake however many clips and cuts follow; another duct is another', () => {
    const p = charging('bile-duct-injury', { charge: 'per-structure' });
    const log = [clip(1, 'common-bile-duct'), clip(2, 'common-bile-duct'), cut(3, 'common-bile-duct'), clip(4, 'common-hepatic-duct')];
    expect(mistakes(p, log, 'bile-duct-injury')).toEqual([
      { t: 1, occurrences: 3, lastT: 3, structure: 'common-bile-duct' },
      { t: 4, occurrences: 1, lastT: 4, structure: 'common-hepatic-duct' },
    ]);
  });

  it('per-structure is the default', () => {
    const p = charging('excessive-force', {});
    expect(mistakes(p, [pull(1), pull(30), pull(60, 'liver')], 'excessive-force').map((m) => m.occurrences)).toEqual([2, 1]);
  });

  it('per-event: a repeat within the cooldown of the previous occurrence is the same event; after a pause, a new one', () => {
    const p = charging('excessive-force', { charge: 'per-event', cooldownSec: 5 });
    expect(mistakes(p, [pull(1), pull(4), pull(8), pull(20)], 'excessive-force')).toEqual([
      { t: 1, occurrences: 3, lastT: 8, structure: 'gallbladder' },
      { t: 20, occurrences: 1, lastT: 20, structure: 'gallbladder' },
    ]);
  });

  it('per-event without a cooldown: every occurrence is a mistake', () => {
    const p = charging('excessive-force', { charge: 'per-event' });
    expect(mistakes(p, [pull(1), pull(1), pull(2)], 'excessive-force').map((m) => m.t)).toEqual([1, 1, 2]);
  });

  it('per-event: the cooldown can be a parameter', () => {
    const p = { ...charging('excessive-force', { charge: 'per-event', cooldownSec: '$cool' }), parameters: { ...lapChole.parameters, cool: 100 } };
    const attempt = runAttempt(p, [pull(1), pull(50)], { mode: 'assess', variant: 'standard' });
    expect(attempt.state.errors).toHaveLength(1);
  });

  it('a repeat raises no new finding', () => {
    const p = charging('excessive-force', { charge: 'once' });
    const { findings } = runAttempt(p, [pull(1), pull(30)], { mode: 'learn' });
    expect(findings.filter((f) => f.type === 'error').map((f) => f.t)).toEqual([1]);
  });

  it('penalties and error counts follow mistakes, not actions', () => {
    const withForce = [...expert.slice(0, 2), pull(3), pull(4), pull(5), ...expert.slice(2)];
    const perEvent = grade(charging('excessive-force', { charge: 'per-event' }), withForce);
    const once = grade(charging('excessive-force', { charge: 'once' }), withForce);
    expect(grade(lapChole, expert).score).toBe(100);
    expect(perEvent).toMatchObject({ score: 94, metrics: { errorCounts: { minor: 3 } } });
    expect(once).toMatchObject({ score: 98, metrics: { errorCounts: { minor: 1 } } });
  });
});

describe('charge in the protocol file', () => {
  const text = readFileSync(join(ROOT, 'procedures', 'lap-chole-cvs.yaml'), 'utf8');
  const errorsOf = (source: string) => {
    const result = loadProtocol(source, 'x.yaml');
    return result.ok ? [] : result.errors.map((e) => `${e.line}: ${e.message}`);
  };
  const lineOf = (source: string, needle: string) => source.slice(0, source.indexOf(needle)).split('\n').length;

  it('every shipped error rule says how it is charged', () => {
    for (const id of PROCEDURES) {
      for (const rule of protocol(id).errors) expect(rule.charge, `${id}: ${rule.code}`).toBeDefined();
    }
  });

  it('rejects a cooldown on a rule not charged per event, at its line', () => {
    const source = text.replace(
      '    charge: per-structure  # one misidentified artery',
      '    charge: per-structure\n    cooldownSec: 3  # one misidentified artery',
    );
    expect(errorsOf(source)).toEqual([`${lineOf(source, 'cooldownSec: 3')}: errors[3].cooldownSec: cooldownSec applies only with charge: per-event`]);
  });

  it('rejects once: true beside another charge', () => {
    const source = text.replace(
      '    charge: per-structure  # one misidentified artery',
      '    once: true\n    charge: per-structure  # one misidentified artery',
    );
    expect(errorsOf(source)).toEqual([`${lineOf(source, 'once: true')}: errors[3].once: once: true means charge: once; give charge: per-structure alone`]);
  });

  it('rejects an unknown charge with the choices', () => {
    const source = text.replace('    charge: per-structure  # one misidentified artery', '    charge: per-artery');
    expect(errorsOf(source)[0]).toMatch(/errors\[3\]\.charge: .*once.*per-structure.*per-event/);
  });
});
