/**
 * Like with like: an attempt that did little is never "at the expert level" and never rated highly; an
 * unfinished one is compared with the expert only on the steps it completed, and the debrief says so.
 */
import { describe, expect, it } from 'vitest';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { HANDS, Rng, type ToolInput, WORKSITE, idleInput } from '../../../src/core/kernel/index.ts';
import type { Protocol } from '../../../src/core/procedure/index.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import {
  MIN_COMPLETED_FRACTION,
  type Report,
  comparisonNote,
  debriefComparisons,
  dominantHand,
  estimateInput,
  estimateRatings,
  objectiveMetrics,
} from '../../../src/core/scoring/index.ts';
import { attemptFor, expertScript, play, protocol } from '../../support/experts.ts';

const PROCEDURES = ['fls-peg-transfer', 'lap-chole-cvs'] as const;
const experts = new Map<string, Report>();
const expertOf = (id: string): Report => {
  if (!experts.has(id)) experts.set(id, play(id).report());
  return experts.get(id)!;
};

/** Ticks `count` inputs through a new attempt at `p` and ends it. */
function attemptWith(p: Protocol, count: number, input: (tick: number) => ToolInput): Report {
  const attempt = new Attempt({ protocol: p, mode: 'assess', seed: 7 });
  for (let tick = 0; tick < count; tick++) attempt.tick(input(tick));
  attempt.finish();
  return attempt.report();
}

/** The protocol's instruments in hand, tips wandering at random over the worksite, jaws opening and closing. */
function wandering(p: Protocol, seed: number): (tick: number) => ToolInput {
  const rng = new Rng(seed);
  const input = idleInput();
  const held = (hand: 'left' | 'right'): string | null => p.instruments.find((i) => i.hand === hand || i.hand === 'either')?.id ?? null;
  for (const hand of HANDS) {
    input.hands[hand].instrument = held(hand);
    input.hands[hand].pose.position = [WORKSITE[0] + (hand === 'left' ? -0.03 : 0.03), WORKSITE[1] + 0.03, WORKSITE[2]];
  }
  return () => {
    for (const hand of HANDS) {
      const h = input.hands[hand];
      for (let axis = 0; axis < 3; axis++) {
        const centre = WORKSITE[axis]! + (axis === 1 ? 0.03 : 0);
        h.pose.position[axis] = Math.min(centre + 0.08, Math.max(centre - 0.08, h.pose.position[axis]! + rng.range(-0.002, 0.002)));
      }
      if (rng.next() < 0.02) h.jaw = h.jaw > 0.5 ? 0 : 1;
    }
    return input;
  };
}

function expectNothingFlattering(report: Report, expert: Report): void {
  const hand = dominantHand(report);
  const comparisons = debriefComparisons(report, hand, expert, []);
  expect(comparisons.length).toBeGreaterThan(0);
  expect(comparisons.filter((c) => c.reachedExpert === true).map((c) => c.key)).toEqual([]);
  expect(comparisons.map((c) => c.key)).not.toContain('path_length_m');
  for (const scale of ['OSATS', 'GOALS'] as const) {
    const estimate = estimateRatings(estimateInput(report, hand, expert), scale);
    for (const d of estimate.domains) expect(d.rating, `${scale} ${d.domain}`).toBeLessThanOrEqual(2);
    expect(estimate.withheld).toMatch(/fewer than half/);
  }
  expect(comparisonNote(report, true)).toMatch(
    /^Unfinished attempt: no step of \d+ was completed, so nothing is compared with the expert, and time, path length and movements are not shown\.$/,
  );
}

describe.each(PROCEDURES)('%s: attempts that did little are not flattered', (id) => {
  const p = protocol(id);

  it('idle for five seconds: nothing at the expert level, no rating', () => {
    const idle = idleInput();
    const report = attemptWith(p, 600, () => idle);
    expect(report.outcome).toBe('incomplete');
    expectNothingFlattering(report, expertOf(id));
  }, 60_000);

  it.each([1, 2, 3])(
    'wandering at random for ten seconds (seed %i): nothing at the expert level, no domain above 2',
    (seed) => {
      const report = attemptWith(p, 1200, wandering(p, seed));
      expect(report.metrics.motion!.hands.right!.path_length_m).toBeGreaterThan(0.05);
      expectNothingFlattering(report, expertOf(id));
    },
    60_000,
  );
});

describe('an expert performance cut at half its steps', () => {
  const id = 'lap-chole-cvs';
  const script = expertScript(id);
  const expert = expertOf(id);
  const total = expert.steps.length;
  const attempt = attemptFor(script);
  const player = new KeyframePlayer(script);
  const input = idleInput();
  for (let tick = 0; tick < player.ticks; tick++) {
    attempt.tick(player.inputAt(tick, input));
    if (attempt.engine.steps.filter((s) => s.status === 'completed').length >= total * MIN_COMPLETED_FRACTION) break;
  }
  attempt.finish();
  const report = attempt.report();
  const done = report.steps.filter((s) => s.status === 'completed');
  const hand = dominantHand(report);

  it('is unfinished, with half the steps done', () => {
    expect(report.outcome).toBe('incomplete');
    expect(done.length).toBe(total / 2);
  });

  it('is rated only on the steps it did: its time and motion there are the expert’s own', () => {
    const input = estimateInput(report, hand, expert);
    const sum = (r: Report, f: (s: Report['steps'][number]) => number): number => done.reduce((a, s) => a + f(r.steps.find((x) => x.id === s.id)!), 0);
    expect(input.metrics.timeSec).toBeCloseTo(
      sum(report, (s) => s.end! - s.start!),
      9,
    );
    expect(input.expert.timeSec).toBeCloseTo(
      sum(expert, (s) => s.end! - s.start!),
      9,
    );
    expect(input.metrics.pathLength).toBeCloseTo(input.expert.pathLength!, 9);
    expect(input.metrics.movements).toBe(input.expert.movements);
    // Smoothness and idle ratio cannot be split by step: left out, not taken from the unfinished whole.
    expect([input.metrics.ldlj, input.metrics.idleRatio, input.metrics.bothActiveFraction]).toEqual([undefined, undefined, undefined]);
    const osats = estimateRatings(input, 'OSATS');
    expect(osats.withheld).toBeNull();
    expect(osats.coverage).toBe(
      `Rated on the ${total / 2} completed steps of ${total} only: time, path and movements over those steps against the expert's same steps; errors wherever they happened.`,
    );
    expect(osats.domains.find((d) => d.domain === 'time and motion')).toEqual({
      domain: 'time and motion',
      rating: 5,
      basis: ['time', 'pathLength', 'movements'],
    });
    expect(osats.domains.map((d) => d.domain)).not.toContain('instrument handling');
    expect(osats.domains.find((d) => d.domain === 'knowledge of specific procedure')?.rating).toBe(3);
  });

  it('the debrief says so, and compares time, path and movements on those steps only', () => {
    expect(comparisonNote(report, true)).toBe(
      `Unfinished attempt: ${total / 2} of ${total} steps completed. Time, path length and movements are over those steps (both hands), set against the expert's same steps; the other metrics are not compared with the expert.`,
    );
    const comparisons = debriefComparisons(report, hand, expert, []);
    const withExpert = comparisons.filter((c) => c.expert !== null).map((c) => c.key);
    expect(withExpert.sort()).toEqual(['duration_s', 'movements', 'path_length_m']);
    const path = comparisons.find((c) => c.key === 'path_length_m')!;
    expect(path.value).toBeCloseTo(path.expert!, 9);
    expect(path.value).toBeLessThan(objectiveMetrics(expert, 'left').pathLength! + objectiveMetrics(expert, 'right').pathLength!);
  });
});
