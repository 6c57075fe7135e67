import './strict-csp.ts'; // zod without its eval probe, before the first parse below
import { type KeyframeScript, parseKeyframeScript } from '../core/recording/keyframes.ts';

// The expert performances shipped with the app (assets/experts/<procedure>.json). The files with a second
// dot (<procedure>.<mistake>.json) are scripted mistakes, test material: not matched here, so not in the
// production bundle (the browser-test hook loads them, src/dev/mistake-scripts.ts).
const files = import.meta.glob<unknown>(['/assets/experts/*.json', '!/assets/experts/*.*.json'], { import: 'default', eager: true });

const scripts = new Map<string, KeyframeScript>();
for (const [path, data] of Object.entries(files)) {
  scripts.set(path.slice(path.lastIndexOf('/') + 1, -'.json'.length), parseKeyframeScript(data));
}

/** The expert performance of a procedure, if one ships with the app. */
export function expertScript(procedureId: string): KeyframeScript | undefined {
  return scripts.get(procedureId);
}
