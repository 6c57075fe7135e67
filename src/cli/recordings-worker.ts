/** A worker thread of `scrub verify`/`scrub grade --jobs N`: processes the files it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { type Task, processFile } from './recordings.ts';

parentPort?.on('message', ({ file, task }: { file: string; task: Task }) => {
  parentPort?.postMessage(processFile(file, task));
});
