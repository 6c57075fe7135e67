import { describe, expect, it } from 'vitest';
import { InputRecorder } from '../../../src/core/recording/input-recorder.ts';
import { Rng, idleInput, type ToolInput } from '../../../src/core/kernel/index.ts';

function randomInput(rng: Rng): ToolInput {
  const input = idleInput();
  for (const hand of ['left', 'right'] as const) {
    const h = input.hands[hand];
    h.pose.position = [rng.next(), rng.next(), rng.next()];
    h.pose.orientation = [rng.next(), rng.next(), rng.next(), rng.next()];
    h.jaw = rng.next();
    h.buttons = rng.int(8);
    h.instrument = [null, 'scalpel', 'adson-forceps', 'needle-driver'][rng.int(4)]!;
  }
  return input;
}

describe('InputRecorder', () => {
  it('gives back every tick’s input exactly, across growth of its buffer', () => {
    const rng = new Rng(3);
    const inputs = Array.from({ length: 5000 }, () => randomInput(rng));
    const recorder = new InputRecorder();
    for (const input of inputs) recorder.record(input);
    expect(recorder.ticks).toBe(5000);
    expect(recorder.toInputs()).toEqual(inputs);
    expect(recorder.inputAt(4321)).toEqual(inputs[4321]);
  });
});
