import type { AttemptReport } from '../../../src/core/scoring/index.ts';
import { type AttemptStatementsInput, attemptStatements } from '../../../src/core/xapi/index.ts';

/** Deterministic UUIDs (version 4 shape) from a counter. */
export function uuids(prefix = 0): () => string {
  let n = 0;
  return () => `${(prefix + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

export const REPORT: AttemptReport = {
  procedure: 'lap-chole-cvs',
  version: '1.0.0',
  outcome: 'all-steps-completed',
  passed: true,
  score: 82.5,
  steps: [
    { id: 'retract-fundus', status: 'completed', start: 1, end: 20.5 },
    { id: 'dissect-triangle', status: 'completed', start: 20.5, end: 140 },
    { id: 'clip-and-divide', status: 'completed', start: 140, end: 200 },
  ],
  errors: [{ code: 'BLEEDING_EVENT', severity: 'minor', t: 95.25, step: 'dissect-triangle', message: 'Bleeding from the liver bed' }],
  metrics: { hands: { right: { path_length_m: 3.2, ldlj: -9.1, sparc: null } }, both_active_fraction: 0.4 },
};

export function input(overrides: Partial<AttemptStatementsInput> = {}): AttemptStatementsInput {
  return {
    report: REPORT,
    actor: { objectType: 'Agent', account: { homePage: 'https://scrub.dev', name: 'maya' } },
    activityId: 'https://scrub.dev/activities/procedures/lap-chole-cvs',
    activityName: 'Laparoscopic cholecystectomy: critical view of safety',
    registration: 'aaaaaaaa-0000-4000-8000-000000000001',
    sessionId: 'bbbbbbbb-0000-4000-8000-000000000001',
    newId: uuids(),
    startedAtMs: Date.UTC(2026, 10, 25, 9, 30, 0),
    durationSec: 200,
    sessionSec: 230.5,
    scoreRange: { min: 0, max: 100 },
    variant: 'double-cystic-artery',
    mode: 'assess',
    platform: 'WebXR',
    ...overrides,
  };
}

export const statementsOf = (overrides: Partial<AttemptStatementsInput> = {}) => attemptStatements(input(overrides));
