import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { play } from '../../support/experts.ts';
import { plannedSteps } from '../../../src/core/procedure/plan.ts';

/**
 * The final state hash of every shipped script, as recorded: a refactoring must leave them all as they are.
 * After a deliberate change of behaviour, record the new ones with SCRUB_UPDATE_HASHES=1 and say why in the commit.
 */
const HASHES_FILE = join(import.meta.dirname, '../../fixtures/state-hashes.json');
const HASHES: Record<string, string> = JSON.parse(readFileSync(HASHES_FILE, 'utf8'));
const UPDATE = process.env.SCRUB_UPDATE_HASHES === '1';
const seen: Record<string, string> = {};

function expectRecordedHash(name: string, hash: string): void {
  seen[name] = hash;
  if (!UPDATE) expect(hash, `${name}: state hash differs from tests/fixtures/state-hashes.json`).toBe(HASHES[name]);
}

afterAll(() => {
  if (UPDATE) writeFileSync(HASHES_FILE, `${JSON.stringify({ ...HASHES, ...seen }, null, 2)}\n`);
});

/** Expert scripts (assets/experts/<procedure>.json) that complete their procedure with no errors. */
const EXPERTS = ['fls-peg-transfer', 'lap-chole-cvs', 'interrupted-suture', 'elliptical-excision', 'lap-camera-navigation'];

/** Scripted mistakes (assets/experts/<procedure>.<mistake>.json) and the error codes they must raise. */
const MISTAKES: [string, string[]][] = [
  ['fls-peg-transfer.drop-out-of-view', ['drop-out-of-view']],
  ['lap-chole-cvs.cut-unclipped', ['cut-unclipped', 'cut-before-cvs']],
  ['lap-chole-cvs.artery-unclipped', ['cut-unclipped', 'cut-before-cvs', 'uncontrolled-bleeding']],
  ['lap-chole-cvs.clip-bile-duct', ['bile-duct-injury']],
  ['lap-chole-cvs.burn-near-duct', ['bile-duct-heat-injury', 'energy-near-danger-structure']],
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

  it('loses no blood (where the scene bleeds: an expert clips before cutting)', () => {
    expect(report.metrics.bloodLossMl ?? 0).toBe(0);
  });

  it('names only what its protocol has: the engine rejects none of its actions', () => {
    expect(attempt.findingLog.filter((f) => f.type === 'action-rejected')).toEqual([]);
  });

  it('completes every step (every iteration of a repeated one, `id#n`)', () => {
    expect(report.steps.filter((s) => s.status !== 'completed')).toEqual([]);
    expect([...new Set(report.steps.map((s) => s.id.replace(/#\d+$/, '')))]).toEqual(plannedSteps(attempt.protocol, report.variant));
  });

  it('ends in the recorded state hash', () => expectRecordedHash(name, attempt.stateHash()));
});

describe.each(MISTAKES)('mistake script %s', (name, codes) => {
  it(`raises ${codes.join(', ')}`, () => {
    const attempt = play(name);
    const report = attempt.report();
    const raised = report.errors.map((e) => e.code);
    if (codes.includes('uncontrolled-bleeding')) expect(report.metrics.bloodLossMl).toBeGreaterThan(50);
    // Burnt by the hook's lateral spread alone: the duct was never touched (that is bile-duct-injury).
    if (codes.includes('bile-duct-heat-injury')) {
      expect(report.metrics.heatInjured).toContain('common-bile-duct');
      expect(raised).not.toContain('bile-duct-injury');
    }
    for (const code of codes) expect(raised).toContain(code);
    expect(attempt.findingLog.filter((f) => f.type === 'action-rejected')).toEqual([]);
    expectRecordedHash(name, attempt.stateHash());
  }, 60_000);
});

/** Scripted decisions (assets/experts/<procedure>.<decision>.json): the right call completes its patient's plan. */
const DECISIONS: [string, string][] = [['lap-chole-cvs.bail-out', 'bail-out']];

describe.each(DECISIONS)('decision script %s', (name, decision) => {
  it(`decides ${decision} through the input, completes its patient's plan and passes with no errors`, () => {
    const attempt = play(name);
    const report = attempt.report();
    expect(attempt.actions.filter((a) => a.type === 'decide').map((a) => a.decision)).toEqual([decision]);
    expect(report).toMatchObject({ outcome: 'completed', passed: true, errors: [] });
    expect(report.steps.every((s) => s.status === 'completed')).toBe(true);
    expect(attempt.findingLog.filter((f) => f.type === 'action-rejected')).toEqual([]);
    expectRecordedHash(name, attempt.stateHash());
  }, 60_000);
});

describe('determinism', () => {
  it.each(EXPERTS)(
    '%s: two runs give the same state hash',
    (name) => {
      expect(play(name).stateHash()).toBe(play(name).stateHash());
    },
    60_000,
  );
});
