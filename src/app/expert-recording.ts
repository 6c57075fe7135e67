import { idleInput } from '../core/kernel/index.ts';
import type { Protocol } from '../core/procedure/index.ts';
import { KeyframePlayer, type KeyframeScript } from '../core/recording/keyframes.ts';
import { attemptForScript } from '../core/recording/play.ts';
import { AttemptRecorder } from '../core/recording/replayer.ts';
import { assembleScrub } from '../core/recording/scrub-file.ts';
import type { Report } from '../core/scoring/index.ts';
import { PoseTrack } from './replay-tracks.ts';
import { APP_VERSION } from './app-version.ts';

/** A shipped script, simulated and recorded in the browser: its `.scrub` bytes, its report and its poses. */
export interface ScriptRun {
  bytes: Uint8Array;
  report: Report;
  track: PoseTrack;
}

/** Milliseconds of simulation per slice before the page gets the main thread back. */
const SLICE_MS = 24;

const cache = new Map<string, Promise<ScriptRun>>();

/**
 * Records a keyframe script (an expert, or a scripted mistake) as a `.scrub` file, the way `recordInputs` does,
 * but in slices of a few milliseconds so the page stays responsive. One run per script and protocol version is
 * kept for the page's life: the expert's ghost and "Replay the expert" share it.
 */
export function recordScript(protocol: Protocol, script: KeyframeScript, name: string, onProgress?: (done: number) => void): Promise<ScriptRun> {
  const key = `${name}@${protocol.id}/${protocol.version}`;
  let run = cache.get(key);
  if (!run) {
    run = runScript(protocol, script, name, onProgress);
    cache.set(key, run);
    run.catch(() => cache.delete(key));
  }
  return run;
}

async function runScript(protocol: Protocol, script: KeyframeScript, name: string, onProgress?: (done: number) => void): Promise<ScriptRun> {
  const attempt = attemptForScript(protocol, script);
  const player = new KeyframePlayer(script);
  const recorder = new AttemptRecorder(
    attempt,
    { app: { name: 'scrub', version: APP_VERSION }, learner: null, handedness: null, inputKind: 'script', startedAt: null, source: `script ${name}` },
    script.seed,
  );
  const parts = [recorder.headerBytes];
  const track = new PoseTrack(
    player.ticks + 1,
    protocol.instruments.map((i) => i.id),
  );
  track.write(0, attempt.world);
  const input = idleInput();
  let tick = 0;
  while (tick < player.ticks) {
    const until = performance.now() + SLICE_MS;
    while (tick < player.ticks && performance.now() < until) {
      player.inputAt(tick, input);
      attempt.tick(input);
      const chunk = recorder.afterTick(input);
      if (chunk) parts.push(chunk);
      tick++;
      track.write(tick, attempt.world);
    }
    onProgress?.(tick / player.ticks);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  attempt.finish();
  parts.push(...recorder.afterFinish(null));
  return { bytes: assembleScrub(parts), report: attempt.report(), track };
}
