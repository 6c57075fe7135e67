import { Attempt } from '../core/attempt/attempt.ts';
import type { Protocol } from '../core/procedure/index.ts';
import type { Report } from '../core/scoring/index.ts';
import { KeyframePlayer } from '../core/recording/keyframes.ts';
import { HANDS, type Hand, idleInput } from '../core/kernel/index.ts';
import { expertScript } from './experts.ts';

export interface ExpertBenchmark {
  report: Report;
  /** The expert's simulated tip paths, xyz per point, at 10 Hz. */
  paths: Record<Hand, Float32Array>;
}

const PATH_EVERY_TICKS = 12;
const cache = new Map<string, ExpertBenchmark | null>();

/**
 * The expert's figures for a procedure: its shipped performance replayed through the same simulation and
 * grading as the learner's (about a second of work, once per procedure per page), so every metric can be
 * set against the expert's. Null where no expert performance ships.
 */
export function expertBenchmark(protocol: Protocol): ExpertBenchmark | null {
  const cached = cache.get(protocol.id);
  if (cached !== undefined) return cached;
  const script = expertScript(protocol.id);
  let result: ExpertBenchmark | null = null;
  if (script) {
    const attempt = new Attempt({ protocol, mode: 'assess', seed: script.seed, ...(script.variant !== undefined ? { variant: script.variant } : {}) });
    const player = new KeyframePlayer(script);
    const input = idleInput();
    const points: Record<Hand, number[]> = { left: [], right: [] };
    for (let tick = 0; tick < player.ticks; tick++) {
      attempt.tick(player.inputAt(tick, input));
      if (tick % PATH_EVERY_TICKS !== 0) continue;
      for (const hand of HANDS) if (attempt.world.hands[hand].instrument !== null) points[hand].push(...attempt.world.hands[hand].tip);
    }
    attempt.finish();
    result = { report: attempt.report(), paths: { left: Float32Array.from(points.left), right: Float32Array.from(points.right) } };
  }
  cache.set(protocol.id, result);
  return result;
}
