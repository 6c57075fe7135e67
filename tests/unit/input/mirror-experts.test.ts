/**
 * Handedness-fair scores: a left-handed expert performing a mirrored procedure makes the mirror image of the
 * expert's movements, each hand doing what the other hand of the expert did. Their physical input, mapped
 * through the mirror at the input boundary, must be the expert's input bit for bit, tick by tick; the attempt
 * being deterministic, it then has the very same actions, findings, metrics, score and state. The first is
 * checked for every procedure that mirrors, and the second, end to end, for the shortest one.
 */
import { describe, expect, it } from 'vitest';
import { HANDS, idleInput, quantiseInput, type ToolInput } from '../../../src/core/kernel/index.ts';
import { mirrorOrientation, mirrorPosition, mirrorToolInput } from '../../../src/core/kernel/mirror.ts';
import type { Keyframe, KeyframeScript } from '../../../src/core/recording/keyframes.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { attemptForScript, runKeyframeScript } from '../../../src/core/recording/play.ts';
import { performsMirrored } from '../../../src/core/procedure/handedness.ts';
import { expertScript, protocol } from '../../support/experts.ts';

const PROCEDURES = ['fls-peg-transfer', 'interrupted-suture', 'elliptical-excision', 'lap-chole-cvs'];
/** The one played through the simulation both ways (the shortest expert: ≈ 8 s a run). */
const SIMULATED = 'fls-peg-transfer';

/** What a left-handed expert physically does: each hand's keyframes given to the other hand, reflected. */
function mirroredScript(script: KeyframeScript): KeyframeScript {
  const mirrorTrack = (frames: readonly Keyframe[]): Keyframe[] =>
    frames.map((f) => ({
      ...f,
      position: mirrorPosition([...f.position]),
      ...(f.orientation ? { orientation: mirrorOrientation([...f.orientation]) } : {}),
    }));
  return { ...script, hands: { left: mirrorTrack(script.hands.right), right: mirrorTrack(script.hands.left) } };
}

/** The left-handed expert's attempt: their physical input, through the mirror, into an attempt at the expert's seed. */
function playMirrored(id: string, mapped: boolean, ticks = Number.POSITIVE_INFINITY) {
  const script = expertScript(id);
  const physical = new KeyframePlayer(mirroredScript(script));
  const attempt = attemptForScript(protocol(id), script);
  const seen = idleInput();
  const canonical = idleInput();
  for (let tick = 0; tick < Math.min(ticks, physical.ticks); tick++)
    attempt.tick(mapped ? mirrorToolInput(physical.inputAt(tick, seen), canonical) : physical.inputAt(tick, seen));
  return attempt;
}

/** Every number of an input, as bits (+0 and −0 told apart), and its buttons and instruments. */
function bits(input: ToolInput): unknown[] {
  const q = quantiseInput(input, idleInput());
  return HANDS.flatMap((h) => {
    const hand = q.hands[h];
    const numbers: unknown[] = [...hand.pose.position, ...hand.pose.orientation, hand.jaw].map((x) => (Object.is(x, -0) ? '-0' : x));
    return numbers.concat([hand.buttons, hand.instrument]);
  });
}

describe.each(PROCEDURES)('%s, performed by a left-handed expert', (id) => {
  const p = protocol(id);
  if (!performsMirrored(p, 'left')) {
    it('keeps the standard layout (the protocol says so, with a source): nothing to mirror', () => {
      expect(p.handedness.leftHanded).toBe('standard');
      expect(p.sources.map((s) => s.id)).toContain(p.handedness.source);
    });
    return;
  }

  it('mapped through the mirror, gives the expert’s input bit for bit at every tick', () => {
    const script = expertScript(id);
    const expert = new KeyframePlayer(script);
    const physical = new KeyframePlayer(mirroredScript(script));
    expect(physical.ticks).toBe(expert.ticks);
    const seen = idleInput();
    const mapped = idleInput();
    const reference = idleInput();
    let differing = 0;
    let handsApart = 0;
    for (let tick = 0; tick < expert.ticks; tick++) {
      const physicalInput = physical.inputAt(tick, seen);
      if (physicalInput.hands.left.instrument !== expert.inputAt(tick, reference).hands.left.instrument) handsApart++;
      if (JSON.stringify(bits(mirrorToolInput(physicalInput, mapped))) !== JSON.stringify(bits(expert.inputAt(tick, reference)))) differing++;
    }
    expect(differing).toBe(0);
    // The physical input is not the expert's: the left-handed expert's left hand holds what the expert's right did.
    expect(handsApart).toBeGreaterThan(0);
  });

  if (id !== SIMULATED) return;

  it('played through the simulation, has the same actions, findings, metrics, score and state', () => {
    const expert = runKeyframeScript(p, expertScript(id));
    const lefty = playMirrored(id, true);
    lefty.finish();
    expect(lefty.actions).toEqual(expert.actions);
    expect(lefty.findingLog).toEqual(expert.findingLog);
    expect(lefty.warningLog).toEqual(expert.warningLog);
    const report = lefty.report();
    const expected = expert.report();
    // Every metric: the engine's figures, both hands' motion (path, speed, jerk, bimanual, per step), blood, heat.
    expect(report.metrics).toEqual(expected.metrics);
    expect(report.score).toEqual(expected.score);
    expect(report).toEqual(expected);
    expect(report.passed).toBe(true);
    expect(lefty.stateHash()).toBe(expert.stateHash());
  }, 60_000);

  it('without the mapping (the mirrored movements fed in as they are), is not the expert’s attempt', () => {
    const ticks = 6 * 120;
    const unmapped = playMirrored(id, false, ticks);
    const expert = attemptForScript(p, expertScript(id));
    const player = new KeyframePlayer(expertScript(id));
    for (let tick = 0; tick < ticks; tick++) expert.tick(player.inputAt(tick, idleInput()));
    expect(unmapped.stateHash()).not.toBe(expert.stateHash());
  }, 30_000);
});
