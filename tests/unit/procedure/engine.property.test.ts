/** Property tests: random action sequences never throw, are deterministic, and never move a step backwards. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, applyAction, startAttempt, type Action, type Protocol } from '../../../src/core/procedure/index.ts';
import { buildReport } from '../../../src/core/scoring/index.ts';
import { PROCEDURES, protocol } from './helpers.ts';

const RANK = { pending: 0, active: 1, completed: 2 } as const;

function arbitraryActions(p: Protocol): fc.Arbitrary<Action[]> {
  // Mostly ids of the protocol's own kind (the engine rejects the rest), sometimes anything.
  const any = [...p.structures, ...p.objects, ...p.instruments.map((i) => i.id), 'critical-view-of-safety', 'hand', 'a', 'b', '__proto__', 'L1', 'R1'];
  const idFrom = (own: readonly string[]) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own, 'x') }, { weight: 1, arbitrary: fc.constantFrom(...any) });
  const what = [...p.places, 'critical-view-of-safety', 'hand', 'a', 'b', '__proto__'];
  const number = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0, 0.5, 1, 4, 90), fc.double());
  const action = fc.record(
    {
      dt: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 30, noNaN: true }), fc.constant(-1)),
      type: fc.oneof(fc.constantFrom(...ACTION_TYPES), fc.string()),
      hand: fc.constantFrom('left', 'right'),
      instrument: idFrom(p.instruments.map((i) => i.id)),
      structure: idFrom(p.structures),
      object: idFrom(p.objects),
      what: fc.constantFrom(...what),
      peg: idFrom(p.pegs),
      from: fc.constantFrom('left', 'right'),
      to: fc.constantFrom('left', 'right'),
      s: number,
      fraction: number,
      angle: number,
      depth: number,
      distance: number,
      margin: number,
      ratio: number,
      force: number,
      wraps: fc.integer({ min: 0, max: 3 }),
      direction: fc.constantFrom('clockwise', 'counterclockwise'),
      complete: fc.boolean(),
      inView: fc.boolean(),
      midAir: fc.boolean(),
    },
    { requiredKeys: ['dt', 'type'] },
  );
  return fc.array(action, { maxLength: 80 }).map((list) => {
    let t = 0;
    return list.map(({ dt, ...rest }) => {
      t += dt;
      return { ...rest, t } as unknown as Action;
    });
  });
}

function run(p: Protocol, log: Action[], seed: number): string {
  let { state, findings } = startAttempt(p, { seed, mode: 'learn' });
  const all = [...findings];
  let statuses = new Map(state.steps.map((s) => [s.key, RANK[s.status]]));
  for (const action of log) {
    ({ state, findings } = applyAction(p, state, action));
    all.push(...findings);
    for (const [key, rank] of statuses) {
      const now = state.steps.find((s) => s.key === key);
      expect(now, `step ${key} disappeared`).toBeDefined();
      expect(RANK[now!.status]).toBeGreaterThanOrEqual(rank);
    }
    statuses = new Map(state.steps.map((s) => [s.key, RANK[s.status]]));
  }
  return JSON.stringify({ state, all, report: buildReport(p, state) });
}

describe.each(PROCEDURES)('%s engine properties', (id) => {
  const p = protocol(id);
  it('never throws, is deterministic, and steps only move forward', () => {
    fc.assert(
      fc.property(arbitraryActions(p), fc.integer({ min: 0, max: 1000 }), (log, seed) => {
        expect(run(p, log, seed)).toBe(run(p, log, seed));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects malformed actions without changing the state', () => {
    const { state } = startAttempt(p);
    for (const junk of [null, 42, 'clip', {}, { t: 1 }, { type: 'clip' }, { type: 'clip', t: NaN }, { type: 'nope', t: 1 }]) {
      const result = applyAction(p, state, junk as unknown as Action);
      expect(result.state).toBe(state);
      expect(result.findings[0]?.type).toBe('action-rejected');
    }
  });
});
