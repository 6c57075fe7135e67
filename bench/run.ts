/**
 * `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object mapping each
 * benchmark's name to its figures. `--filter <text>` runs only the benchmarks whose name contains it, and the
 * derived figures of their suites (or, on their own, the derived figures whose name contains it).
 */
import os from 'node:os';
import { type Figures, round, runInterleaved } from './harness.ts';
import { suites } from './suites/index.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? (args[filterAt + 1] ?? '') : '';

const results: Record<string, Figures> = {};
for (const suite of suites) {
  const chosen = suite.benchmarks.filter((b) => b.name.includes(filter));
  // A figure that times nothing (a file's size) is also run by its own name, without the suite's timings.
  const derived = (suite.derived ?? []).filter((d) => chosen.length > 0 || d.name.includes(filter));
  if (chosen.length === 0 && derived.length === 0) continue;
  if (!json) process.stderr.write(`running ${[...chosen, ...derived].map((b) => b.name).join(', ')}…\n`);
  if (chosen.length > 0) Object.assign(results, runInterleaved(chosen));
  for (const r of suite.ratios ?? []) {
    const n = results[r.numerator];
    const d = results[r.denominator];
    if (n?.median_ms !== undefined && d?.median_ms) results[r.name] = { ratio: round(n.median_ms / d.median_ms, 3) };
  }
  for (const d of derived) results[d.name] = d.compute(results);
  if (chosen.length === 0) continue;
  for (const d of suite.derivedAsync ?? []) results[d.name] = await d.compute(results);
}

if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Scrub benchmarks — ${cpu}, ${os.cpus().length} cores, Node ${process.version}\n`);
  const rows = Object.entries(results).map(([name, f]) => [
    name,
    Object.entries(f)
      .filter(([k]) => k !== 'samples')
      .map(([k, v]) => `${k}=${v}`)
      .join('  '),
  ]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [name, figs] of rows) console.log(`${name!.padEnd(width)}  ${figs}`);
}
