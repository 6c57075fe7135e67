import { describe, expect, it } from 'vitest';
import { Assistant, assistedInput } from '../../../src/core/attempt/assistant.ts';
import { Button, type ToolInput, idleInput } from '../../../src/core/kernel/input.ts';
import { plannedSteps } from '../../../src/core/procedure/plan.ts';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { Replayer, recordInputs } from '../../../src/core/recording/replayer.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { quantiseInput } from '../../../src/core/kernel/quantise.ts';
import { LiveSession } from '../../../src/app/live-session.ts';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { expertScript, protocol } from '../../support/experts.ts';

/** Procedures whose protocol allows the one-handed mode, played by their expert's dominant hand alone. */
const ONE_HANDED = ['lap-chole-cvs'];

/**
 * The expert's inputs with its non-dominant hand replaced by `learnerOther` (what the learner's ignored hand
 * does), then by the assistant, as the app merges them before every tick.
 */
function oneHandedSource(name: string, learnerOther: (tick: number, input: ToolInput) => void) {
  const script = expertScript(name);
  const attempt = new Attempt({
    protocol: protocol(script.procedure),
    mode: script.mode ?? 'assess',
    seed: script.seed,
    oneHanded: true,
    ...(script.variant !== undefined ? { variant: script.variant } : {}),
  });
  const assistant = new Assistant(attempt.protocol, attempt.world.scene);
  const player = new KeyframePlayer(script);
  const learner = idleInput();
  const merged = assistedInput();
  const source = {
    ticks: player.ticks,
    inputAt(tick: number, out: ToolInput): ToolInput {
      player.inputAt(tick, learner);
      learnerOther(tick, learner);
      assistant.merge(learner, tick, merged);
      out.hands.left = merged.hands.left;
      out.hands.right = merged.hands.right;
      return out;
    },
  };
  return { attempt, assistant, script, source };
}

/** The learner's non-dominant hand waving about with another instrument: the one-handed mode ignores it. */
function flailing(hand: 'left' | 'right') {
  return (tick: number, input: ToolInput) => {
    const h = input.hands[hand];
    h.pose.position = [0.05 * Math.sin(tick / 50), 1.0 + 0.02 * Math.cos(tick / 30), -0.42];
    h.jaw = tick % 240 < 120 ? 1 : 0;
    h.instrument = 'maryland-dissector';
  };
}

describe.each(ONE_HANDED)('one-handed %s: the expert’s dominant hand, the assistant the other', (name) => {
  const { attempt, assistant, script, source } = oneHandedSource(name, flailing('left'));
  const bytes = recordInputs(attempt, script.seed, source, {
    app: { name: 'scrub', version: 'test' },
    learner: null,
    handedness: 'right',
    oneHanded: true,
    inputKind: 'script',
    startedAt: null,
  });
  const report = attempt.report();

  it('the assistant takes the non-dominant hand', () => {
    expect(assistant.hand).toBe('left');
  });

  it('completes every step, passes, with no errors and no blood lost', () => {
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe('completed');
    expect(report.passed).toBe(true);
    expect(report.metrics.bloodLossMl ?? 0).toBe(0);
    expect(report.steps.filter((s) => s.status !== 'completed')).toEqual([]);
    expect([...new Set(report.steps.map((s) => s.id.replace(/#\d+$/, '')))]).toEqual(plannedSteps(attempt.protocol, report.variant));
  });

  it('ignores the learner’s own non-dominant hand: the same attempt whatever it does', () => {
    const still = oneHandedSource(name, () => {});
    const other = still.attempt;
    for (let tick = 0; tick < still.source.ticks; tick++) other.tick(still.source.inputAt(tick, idleInput()));
    other.finish();
    expect(other.stateHash()).toBe(attempt.stateHash());
  }, 120_000);

  it('records the mode in the header, and the recording verifies by re-simulation', () => {
    const recording = readScrub(bytes);
    expect(recording.header.oneHanded).toBe(true);
    const replayer = Replayer.load(bytes, attempt.protocol);
    const result = replayer.verify();
    expect(result.divergence).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.stateHash).toBe(attempt.stateHash());
    expect(replayer.report()).toEqual(report);
    expect(report.oneHanded).toBe(true);
  }, 120_000);
});

describe('a live session in the one-handed mode', () => {
  const info = { app: { name: 'scrub', version: 'test' }, learner: 'Ada', handedness: 'left' as const, inputKind: 'controllers' as const, startedAt: null };
  const session = (id: string, oneHanded: boolean) =>
    new LiveSession({ protocol: protocol(id), mode: 'practice', seed: 5, recording: info, handedness: 'left', oneHanded });

  it('merges the assistant into every tick before the simulation and records it; the learner’s other hand never reaches it', () => {
    const live = session('lap-chole-cvs', true);
    expect(live.assistant?.hand).toBe('left');
    const wave = flailing('left');
    for (let tick = 0; tick < 360; tick++) {
      wave(tick, live.input);
      live.input.hands.right.pose.position = [0.01, 1.02, -0.42 - tick * 1e-5];
      live.stepTicks(1);
    }
    live.attempt.finish();
    live.tape.finish(0);
    const rec = readScrub(live.tape.bytes());
    expect(rec.header.oneHanded).toBe(true);
    expect(live.attempt.report().oneHanded).toBe(true);
    for (const tick of [0, 100, 200, 359]) {
      const expected = quantiseInput({ hands: { left: live.assistant!.handAt(tick, idleInput().hands.left), right: idleInput().hands.right } }, idleInput());
      expect(rec.inputAt(tick).hands.left).toEqual(expected.hands.left);
      expect(rec.inputAt(tick).hands.right.pose.position[2]).toBeCloseTo(-0.42 - tick * 1e-5, 4);
    }
    expect(rec.inputAt(359).hands.left.instrument).toBe('atraumatic-grasper');
    expect(rec.inputAt(359).hands.left.jaw).toBe(1);
  }, 60_000);

  it('keeps the learner’s declarations from the ignored hand: X on the left controller held 1 s decides to bail out', () => {
    const live = session('lap-chole-cvs', true);
    live.input.hands.left.buttons = Button.decide;
    live.stepTicks(130);
    expect(live.attempt.actions.filter((a) => a.type === 'decide')).toMatchObject([{ hand: 'right', decision: 'bail-out' }]);
    expect(live.world.hands.left.instrument).toBe('atraumatic-grasper');
  });

  it('combines with the left-handed mirror: the mirror gives the learner’s left hand the dominant instrument, the assistant the other', () => {
    const mirroredChole = { ...protocol('lap-chole-cvs'), handedness: { leftHanded: 'mirror' as const } };
    const live = new LiveSession({ protocol: mirroredChole, mode: 'practice', seed: 5, recording: info, handedness: 'left', oneHanded: true });
    expect(live.mirrored).toBe(true);
    expect(live.assistant?.hand).toBe('left');
    // The input sources write the canonical input (the learner's left, through the mirror, is the simulation's right).
    live.input.hands.right.instrument = 'maryland-dissector';
    live.input.hands.left.instrument = 'hook-cautery';
    live.stepTicks(120);
    expect(live.world.hands.left.instrument).toBe('atraumatic-grasper');
    expect(live.world.hands.right.instrument).toBe('maryland-dissector');
  });

  it('is not given where the protocol does not allow it, nor when not asked for: no assistant, the header says two-handed', () => {
    for (const [id, asked] of [
      ['fls-peg-transfer', true],
      ['interrupted-suture', true],
      ['lap-chole-cvs', false],
    ] as const) {
      const live = session(id, asked);
      expect(live.assistant).toBeNull();
      expect(readScrub(live.tape.bytes(), { allowUnfinished: true }).header.oneHanded).toBe(false);
    }
  });
});
