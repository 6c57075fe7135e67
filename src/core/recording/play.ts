/** Runs a keyframe script through an attempt, headlessly: every tick's input, then the trainee ends it. */
import { Attempt } from '../attempt/attempt.ts';
import type { Mode, Protocol } from '../procedure/index.ts';
import { idleInput } from '../kernel/input.ts';
import { KeyframePlayer, type KeyframeScript } from './keyframes.ts';

/** Ticks the attempt through every input of the script (one reused ToolInput), then `finish()`. */
export function playKeyframes(attempt: Attempt, player: KeyframePlayer): Attempt {
  const input = idleInput();
  for (let tick = 0; tick < player.ticks; tick++) attempt.tick(player.inputAt(tick, input));
  attempt.finish();
  return attempt;
}

/** A new attempt at the script's seed and variant (mode: the script's, else `assess`), not yet played. */
export function attemptForScript(protocol: Protocol, script: KeyframeScript, mode: Mode = script.mode ?? 'assess'): Attempt {
  if (protocol.id !== script.procedure) throw new Error(`the script performs ${script.procedure}, not ${protocol.id}`);
  return new Attempt({ protocol, mode, seed: script.seed, ...(script.variant !== undefined ? { variant: script.variant } : {}) });
}

/** A new attempt at the script's seed and variant (mode: the script's, else `assess`), played to the end. */
export function runKeyframeScript(protocol: Protocol, script: KeyframeScript, mode: Mode = script.mode ?? 'assess'): Attempt {
  return playKeyframes(attemptForScript(protocol, script, mode), new KeyframePlayer(script));
}
