import type { Suite } from '../harness.ts';
import { suite as skeleton } from './skeleton.ts';
import { suite as metrics } from './metrics.ts';
import { suite as engine } from './engine.ts';
import { suite as tissue } from './tissue.ts';
import { suite as attempt } from './attempt.ts';
import { suite as recording } from './recording.ts';
import { suite as scaling } from './scaling.ts';

/** Every benchmark suite, in the order they run. A new suite is one file here and one line below. */
export const suites: Suite[] = [skeleton, engine, metrics, tissue, attempt, recording, scaling];
