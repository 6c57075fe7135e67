/**
 * Plays expert scripts the ways a person or a browser test gives input, and says whether each still
 * completes every step with no errors: tick by tick, and in held chunks (tests/support/held-chunks.ts)
 * with HELD_CHUNKS, HELD_CHUNKS ×0.5 and ×1.5, and fixed 12-tick chunks. About 10 s per play of a
 * two-minute script, so it is kept out of the unit tests (which play HELD_CHUNKS only).
 *
 *   npx tsx scripts/held-chunks-check.ts interrupted-suture [more names…] [--file path.json]
 *
 * Exits 1 if any play fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attemptForScript, playKeyframes } from '../src/core/recording/play.ts';
import { KeyframePlayer, type KeyframeScript, parseKeyframeScript } from '../src/core/recording/keyframes.ts';
import { HELD_CHUNKS, heldChunks, playChunks } from '../tests/support/held-chunks.ts';
import { loadProcedure } from './experts-planner.ts';

type Limits = { position: number; angle: number; maxTicks: number };

const scaled = (k: number): Limits => ({ position: HELD_CHUNKS.position * k, angle: HELD_CHUNKS.angle * k, maxTicks: Math.round(HELD_CHUNKS.maxTicks * k) });
const PLAYS: [string, Limits | null][] = [
  ['tick by tick', null],
  ['held chunks', scaled(1)],
  ['held chunks ×0.5', scaled(0.5)],
  ['held chunks ×1.5', scaled(1.5)],
  ['fixed 12-tick chunks', { position: Infinity, angle: Infinity, maxTicks: 12 }],
];

function play(script: KeyframeScript, limits: Limits | null): { line: string; ok: boolean } {
  const player = new KeyframePlayer(script);
  const attempt = attemptForScript(loadProcedure(script.procedure), script);
  let poses = player.ticks;
  if (limits === null) playKeyframes(attempt, player);
  else {
    const chunks = heldChunks(player, limits);
    poses = chunks.length;
    playChunks(attempt, chunks);
  }
  const report = attempt.report();
  const pending = report.steps.filter((s) => s.status !== 'completed').map((s) => s.id);
  const errors = report.errors.map((e) => e.code);
  const ok = pending.length === 0 && errors.length === 0 && report.outcome === 'completed';
  const steps = `${report.steps.length - pending.length}/${report.steps.length} steps`;
  return { ok, line: `${ok ? 'ok  ' : 'FAIL'} ${steps}, ${poses} poses, errors [${errors.join(', ')}], not completed [${pending.join(', ')}]` };
}

const args = process.argv.slice(2);
const fileAt = args.indexOf('--file');
const files = fileAt >= 0 ? [args[fileAt + 1]!] : [];
const names = args.filter((a, i) => a !== '--file' && i !== fileAt + 1);
for (const name of names) files.push(join(import.meta.dirname, '../assets/experts', `${name}.json`));
if (files.length === 0) files.push(join(import.meta.dirname, '../assets/experts/interrupted-suture.json'));
let failed = false;
for (const file of files) {
  const script = parseKeyframeScript(JSON.parse(readFileSync(file, 'utf8')));
  console.log(`${file}: ${new KeyframePlayer(script).ticks} ticks`);
  for (const [label, limits] of PLAYS) {
    const { ok, line } = play(script, limits);
    failed ||= !ok;
    console.log(`  ${label.padEnd(22)} ${line}`);
  }
}
process.exit(failed ? 1 : 0);
