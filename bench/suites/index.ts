import type { Suite } from '../harness.ts';
import { suite as skeleton } from './skeleton.ts';

/** Every benchmark suite, in the order they run. A new suite is one file here and one line below. */
export const suites: Suite[] = [skeleton];
