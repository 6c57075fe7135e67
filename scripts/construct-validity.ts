/**
 * Construct validity inside the simulator: prints the figures table of the experts and their synthetic novices
 * (tests/support/novices.ts, graded as the debrief grades them by tests/support/construct-validity.ts) — per
 * procedure × level × seed: score, passed, time, path, movements, errors and each estimated rating domain —
 * then any pair out of order (expert > novice 1 > novice 2 > novice 3). Exit status 1 when one is.
 * One seed of all four procedures takes about 3 minutes on this machine (the suture most of it).
 *
 *   npx tsx scripts/construct-validity.ts [--seeds 1] [--procedures fls-peg-transfer,lap-chole-cvs]
 */
import { type Graded, figuresTable, gradeLevels, orderProblems } from '../tests/support/construct-validity.ts';
import { PROCEDURES, type Procedure, expertReport } from '../tests/support/novices.ts';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const seeds = Number(arg('--seeds') ?? 1);
const procedures = (arg('--procedures')?.split(',') ?? [...PROCEDURES]) as Procedure[];
for (const p of procedures) {
  if (!PROCEDURES.includes(p)) {
    console.error(`scrub construct-validity: no expert ships for '${p}'; one of ${PROCEDURES.join(', ')}`);
    process.exit(2);
  }
}

const rows: Graded[] = [];
const problems: string[] = [];
for (const procedure of procedures) {
  const expert = expertReport(procedure);
  for (let seed = 1; seed <= seeds; seed++) {
    const levels = gradeLevels(procedure, seed, expert);
    rows.push(...(seed === 1 ? levels : levels.slice(1)));
    problems.push(...orderProblems(levels).map((p) => `${procedure}: ${p}`));
    process.stderr.write(`${procedure} seed ${seed} done\n`);
  }
}
rows.sort((a, b) => procedures.indexOf(a.procedure) - procedures.indexOf(b.procedure) || a.level - b.level || a.seed - b.seed);
console.log(figuresTable(rows));
const notes = [...new Set(rows.flatMap((r) => r.notes))];
if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
console.log(problems.length === 0 ? '\nIn order on every procedure and seed.' : `\nOut of order:\n${problems.map((p) => `- ${p}`).join('\n')}`);
process.exitCode = problems.length === 0 ? 0 : 1;
