import { describe, expect, it } from 'vitest';
import { KeyframePlayer } from '../../../src/core/recording/keyframes.ts';
import { HELD_CHUNKS, heldChunks, playChunks } from '../../support/held-chunks.ts';
import { attemptFor, expertScript } from '../../support/experts.ts';

/**
 * The experts performed as a person (or a test) at the real input paths gives them: each pose held for a
 * chunk of ticks, jaws fully open or closed. The browser tests play these chunks with the mouse
 * (desktop-expert.e2e.ts) and the emulated controllers (vr-expert.e2e.ts), so the scripts must not depend
 * on tick-by-tick motion.
 */
describe.each(['fls-peg-transfer', 'lap-chole-cvs', 'interrupted-suture', 'elliptical-excision'])('expert %s in held chunks', (name) => {
  it(`completes every step with no errors (chunks up to ${HELD_CHUNKS.position * 1000} mm, ${HELD_CHUNKS.maxTicks} ticks)`, () => {
    const script = expertScript(name);
    const player = new KeyframePlayer(script);
    const chunks = heldChunks(player);
    const report = playChunks(attemptFor(script), chunks).report();
    expect(report.errors.map((e) => e.code)).toEqual([]);
    expect(report.steps.filter((s) => s.status !== 'completed').map((s) => s.id)).toEqual([]);
    expect(report.outcome).toBe('completed');
    // Far fewer poses than ticks: what makes the browser runs affordable.
    expect(chunks.length).toBeLessThan(player.ticks / 8);
  }, 120_000);
});
