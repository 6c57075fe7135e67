/**
 * A script split into chunks over which its input is held still, as a person at a mouse or a tester
 * moving emulated controllers gives it: one pose per chunk, run for the chunk's ticks. A chunk ends where
 * either hand's wanted tip leaves the held one by more than `position` (m) or turns by more than `angle`
 * (rad), where a jaw crosses half-closed or the buttons or instrument change, or at `maxTicks`.
 * The unit test tests/unit/experts/held-chunks.test.ts checks that each expert still completes when
 * played this way; the browser tests then play the same chunks through the real input paths.
 */
import { type HandInput, type ToolInput, idleInput } from '../../src/core/kernel/input.ts';
import type { KeyframePlayer } from '../../src/core/recording/keyframes.ts';
import type { Attempt } from '../../src/core/attempt/attempt.ts';

export interface HeldChunk {
  start: number;
  ticks: number;
  /** The input held for the chunk: the script's at its first tick, jaws fully open or closed (a mouse button). */
  input: ToolInput;
}

export const HELD_CHUNKS = { position: 0.015, angle: (12 * Math.PI) / 180, maxTicks: 60 } as const;

export function heldChunks(player: KeyframePlayer, limits: { position: number; angle: number; maxTicks: number } = HELD_CHUNKS): HeldChunk[] {
  const chunks: HeldChunk[] = [];
  const now = idleInput();
  let held: ToolInput | null = null;
  for (let tick = 0; tick < player.ticks; tick++) {
    player.inputAt(tick, now);
    const last = chunks[chunks.length - 1];
    if (held && last && last.ticks < limits.maxTicks && same(held.hands.left, now.hands.left, limits) && same(held.hands.right, now.hands.right, limits)) {
      last.ticks++;
      continue;
    }
    held = structuredClone(now);
    for (const hand of [held.hands.left, held.hands.right]) hand.jaw = hand.jaw > 0.5 ? 1 : 0;
    chunks.push({ start: tick, ticks: 1, input: held });
  }
  return chunks;
}

function same(a: HandInput, b: HandInput, limits: { position: number; angle: number }): boolean {
  if (a.instrument !== b.instrument || a.buttons !== b.buttons || a.jaw > 0.5 !== b.jaw > 0.5) return false;
  const [ax, ay, az] = a.pose.position;
  const [bx, by, bz] = b.pose.position;
  if (Math.hypot(ax - bx, ay - by, az - bz) > limits.position) return false;
  const qa = a.pose.orientation,
    qb = b.pose.orientation;
  const dot = Math.abs(qa[0] * qb[0] + qa[1] * qb[1] + qa[2] * qb[2] + qa[3] * qb[3]);
  return 2 * Math.acos(Math.min(1, dot)) <= limits.angle;
}

/** Ticks the attempt through the chunks, each held for its ticks (as `inputOf` gives it: by default as it is), then `finish()`. */
export function playChunks(attempt: Attempt, chunks: readonly HeldChunk[], inputOf: (chunk: HeldChunk) => ToolInput = (chunk) => chunk.input): Attempt {
  for (const chunk of chunks) {
    const input = inputOf(chunk);
    for (let i = 0; i < chunk.ticks; i++) attempt.tick(input);
  }
  attempt.finish();
  return attempt;
}
