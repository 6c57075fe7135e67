import { describe, expect, it } from 'vitest';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { HANDS, type ToolInput } from '../../../src/core/kernel/index.ts';
import { isLaparoscopic } from '../../../src/core/world/instruments/catalog.ts';
import { heldChunks, playChunks } from '../../support/held-chunks.ts';
import { appReads } from '../../e2e/support/vr-drive.ts';
import { attemptFor, expertScript } from '../../support/experts.ts';

/**
 * The experts as tests/e2e/vr-expert.e2e.ts performs them with the emulated controllers: the held chunks
 * (held-chunks.test.ts), each hand's input as the app reads it from a controller set for it (vr-drive.ts
 * `appReads`): a laparoscopic tip through its port, the jaw from the trigger, which an energy instrument's
 * activation holds down, declaring on the thumbstick.
 */
const EXPERTS = ['fls-peg-transfer', 'lap-chole-cvs', 'interrupted-suture', 'elliptical-excision'];

function asRead(input: ToolInput): ToolInput {
  return { hands: { left: appReads('left', input.hands.left), right: appReads('right', input.hands.right) } };
}

describe.each(EXPERTS)('expert %s through the VR controllers', (name) => {
  const script = expertScript(name);
  const chunks = heldChunks(new KeyframePlayer(script));

  it("a controller gives every chunk; an open instrument's input reaches the app unchanged", () => {
    for (const chunk of chunks) {
      const read = asRead(chunk.input);
      for (const hand of HANDS) {
        const want = chunk.input.hands[hand];
        if (isLaparoscopic(want.instrument)) continue;
        expect(read.hands[hand], `${hand} at tick ${chunk.start}`).toEqual(want);
      }
    }
  });

  if (!chunks.some((c) => HANDS.some((h) => isLaparoscopic(c.input.hands[h].instrument)))) return;
  it('played headlessly as the app reads it: every step done, no errors', () => {
    const report = playChunks(attemptFor(script), chunks, (chunk) => asRead(chunk.input)).report();
    expect(report.errors.map((e) => e.code)).toEqual([]);
    expect(report.steps.filter((s) => s.status !== 'completed').map((s) => s.id)).toEqual([]);
    expect(report.outcome).toBe('completed');
  }, 120_000);
});
