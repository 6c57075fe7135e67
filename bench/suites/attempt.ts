import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, Suite } from '../harness.ts';
import { Attempt } from '../../src/core/attempt/attempt.ts';
import { loadProtocol } from '../../src/core/procedure/index.ts';
import { KeyframePlayer, parseKeyframeScript } from '../../src/core/recording/keyframes.ts';
import { idleInput } from '../../src/core/kernel/index.ts';

const root = join(import.meta.dirname, '../..');

/**
 * The whole per-tick chain of an attempt (simulation, recognisers, engine, motion metrics) while the
 * expert performs the procedure: the cost a headset pays per tick, and what the headless grader pays.
 */
function expertAttemptTick(procedure: string): () => () => void {
  return () => {
    const loaded = loadProtocol(readFileSync(join(root, 'procedures', `${procedure}.yaml`), 'utf8'), procedure);
    if (!loaded.ok) throw new Error(`${procedure}.yaml does not load`);
    const script = parseKeyframeScript(JSON.parse(readFileSync(join(root, 'assets/experts', `${procedure}.json`), 'utf8')));
    const player = new KeyframePlayer(script);
    const input = idleInput();
    let attempt = new Attempt({ protocol: loaded.protocol, mode: 'assess', seed: script.seed, ...(script.variant ? { variant: script.variant } : {}) });
    return () => {
      // Loop the performance: a fresh attempt when the script runs out.
      if (attempt.world.ticks >= player.ticks) {
        attempt = new Attempt({ protocol: loaded.protocol, mode: 'assess', seed: script.seed, ...(script.variant ? { variant: script.variant } : {}) });
      }
      attempt.tick(player.inputAt(attempt.world.ticks, input));
    };
  };
}

const benchmarks: Benchmark[] = [
  { name: 'attempt.lap-chole', setup: expertAttemptTick('lap-chole-cvs'), runsPerSample: 10, samples: 300, warmup: 50 },
  { name: 'attempt.fls-peg', setup: expertAttemptTick('fls-peg-transfer'), runsPerSample: 10, samples: 300, warmup: 50 },
  // 545 samples: the whole excision (5,425 ticks), specimen freed and carried included.
  { name: 'attempt.skin-excision', setup: expertAttemptTick('elliptical-excision'), runsPerSample: 10, samples: 545, warmup: 0 },
];

export const suite: Suite = { benchmarks };
