import '../app/strict-csp.ts'; // zod without its eval probe, before the first parse below
import { type KeyframeScript, parseKeyframeScript } from '../core/recording/keyframes.ts';
import { expertScript } from '../app/experts.ts';

// The scripted mistakes (assets/experts/<procedure>.<mistake>.json): test material, loaded only with the
// browser-test hook (dev and test builds), never in the production bundle.
const files = import.meta.glob<unknown>('/assets/experts/*.*.json', { import: 'default', eager: true });

const mistakes = new Map<string, KeyframeScript>();
for (const [path, data] of Object.entries(files)) {
  mistakes.set(path.slice(path.lastIndexOf('/') + 1, -'.json'.length), parseKeyframeScript(data));
}

/** Any shipped script by file name: an expert (`fls-peg-transfer`) or a scripted mistake (`fls-peg-transfer.drop-out-of-view`). */
export function recordedScript(name: string): KeyframeScript | undefined {
  return mistakes.get(name) ?? expertScript(name);
}
