/**
 * Plays each expert through human hands (tests/support/human-hand.ts: tremor of amplitude A, 2 mm aim drift
 * corrected after 0.15 s, uneven held-chunk timing) for every amplitude and seed, and prints the markdown table
 * of tests/support/human-table.ts; with --json, every run's step statuses and errors instead. Seeds are 1…N,
 * the same at every amplitude (so a column differs from the next only in the tremor's size). Runs are shared
 * among one child process per core. A run takes about as long as the plain expert (0.6–8 s).
 *
 *   npx tsx scripts/human-table.ts [--seeds 3] [--amplitudes 0,0.5,1,2] [--procedures a,b] [--json]
 *
 * Amplitudes in millimetres.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { type HumanRun, PROCEDURES, humanRun, humanTable } from '../tests/support/human-table.ts';

interface Job {
  procedure: string;
  amplitude: number;
  seed: number;
}

if (process.argv.includes('--child')) {
  process.on('message', (job: Job) => process.send!(humanRun(job.procedure, job.amplitude, job.seed)));
} else {
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const seeds = Number(arg('--seeds') ?? 3);
  const amplitudes = (arg('--amplitudes') ?? '0,0.5,1,2').split(',').map((mm) => Number(mm) / 1000);
  const procedures = arg('--procedures')?.split(',') ?? [...PROCEDURES];
  // Longest scripts first, so no core is left with a suture at the end.
  const order = ['interrupted-suture', 'elliptical-excision', 'lap-chole-cvs', 'fls-peg-transfer'];
  const jobs: Job[] = procedures
    .toSorted((a, b) => order.indexOf(a) - order.indexOf(b))
    .flatMap((procedure) => amplitudes.flatMap((amplitude) => Array.from({ length: seeds }, (_, i) => ({ procedure, amplitude, seed: i + 1 }))));
  const runs: HumanRun[] = [];
  const started = performance.now();
  let next = 0;
  const children = Array.from({ length: Math.min(availableParallelism(), jobs.length) }, () => fork(import.meta.filename, ['--child']));
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          const give = (): void => {
            const job = jobs[next++];
            if (job) child.send(job);
            else {
              child.disconnect();
              done();
            }
          };
          child.on('message', (run: HumanRun) => {
            runs.push(run);
            process.stderr.write(
              `${runs.length}/${jobs.length} ${run.procedure} A=${run.amplitude * 1000} mm seed ${run.seed}: ${run.clean ? 'clean' : run.complete ? 'complete' : 'INCOMPLETE'} (${run.wallSec.toFixed(1)} s)\n`,
            );
            give();
          });
          give();
        }),
    ),
  );
  runs.sort((a, b) => procedures.indexOf(a.procedure) - procedures.indexOf(b.procedure) || a.amplitude - b.amplitude || a.seed - b.seed);
  const wall = (performance.now() - started) / 1000;
  if (process.argv.includes('--json')) console.log(JSON.stringify({ seeds, amplitudes, procedures, runs }, null, 1));
  else {
    console.log(humanTable(runs, procedures, amplitudes));
    const cpu = runs.reduce((s, r) => s + r.wallSec, 0);
    console.log(
      `\n${runs.length} runs, ${cpu.toFixed(0)} s of runs (${(cpu / runs.length).toFixed(1)} s each) in ${wall.toFixed(0)} s on ${children.length} processes.`,
    );
  }
}
