/** Records keyframe scripts into .scrub files headlessly, for the recording and CLI tests. */
import { KeyframePlayer, type KeyframeScript } from '../../src/core/recording/keyframes.ts';
import { type InputSource, type RecordingInfo, recordInputs } from '../../src/core/recording/replayer.ts';
import { attemptFor, expertScript } from './experts.ts';

export const TEST_INFO: RecordingInfo = {
  app: { name: 'scrub', version: '0.1.0' },
  learner: 'Test Learner',
  handedness: 'right',
  inputKind: 'script',
  startedAt: '2026-12-01T09:00:00.000Z',
};

/** The first `ticks` ticks of a script (all when left out). */
export function scriptSource(script: KeyframeScript, ticks?: number): InputSource {
  const player = new KeyframePlayer(script);
  return { ticks: Math.min(ticks ?? player.ticks, player.ticks), inputAt: (t, out) => player.inputAt(t, out) };
}

/** Records a stored script (or its first ticks) and returns the file and the attempt that made it. */
export function recordScript(name: string, options: { ticks?: number; chunkTicks?: number; info?: Partial<RecordingInfo> } = {}) {
  const script = expertScript(name);
  const attempt = attemptFor(script);
  const bytes = recordInputs(attempt, script.seed, scriptSource(script, options.ticks), {
    ...TEST_INFO,
    ...options.info,
    ...(options.chunkTicks ? { chunkTicks: options.chunkTicks } : {}),
    endedAt: '2026-12-01T09:05:00.000Z',
  });
  return { script, attempt, bytes };
}
