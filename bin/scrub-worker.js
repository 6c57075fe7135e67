// A worker thread of the command line (scrub verify/grade --jobs): registers tsx in this thread, as bin/scrub.js does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/recordings-worker.ts');
