import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import { shardOf } from '../../../src/cli/recordings.ts';
import { CSV_COLUMNS } from '../../../src/cli/commands/grade.ts';
import { play } from '../../support/experts.ts';

const ROOT = join(import.meta.dirname, '../../..');

function scrub(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scrub.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'scrub-recordings-'));
const LC = join(tmp, 'lap-chole-cut.scrub');
const FLS = join(tmp, 'fls-drop.scrub');

describe('scrub simulate', () => {
  it('records a keyframe script headlessly', () => {
    const r = scrub(
      'simulate',
      '--procedure',
      'lap-chole-cvs',
      '--script',
      'assets/experts/lap-chole-cvs.cut-unclipped.json',
      '--learner',
      'Ann, B',
      '--out',
      LC,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`^wrote ${LC}: lap-chole-cvs \\d+\\.\\d+\\.\\d+, seed 1, 505 ticks \\(4\\.2 s\\), [\\d.]+ KB; \\w+, score \\d+, errors: .*cut-unclipped`),
    );
    const rec = readScrub(new Uint8Array(readFileSync(LC)));
    expect(rec.header).toMatchObject({ learner: 'Ann, B', inputKind: 'script', seed: 1, variant: 'standard', app: { name: 'scrub' } });
    expect(Date.parse(rec.header.startedAt!)).toBeLessThanOrEqual(Date.parse(rec.trailer!.endedAt!));
    expect(rec.trailer!.stateHash).toBe(play('lap-chole-cvs.cut-unclipped').stateHash());
    expect(scrub('simulate', '--procedure', 'fls-peg-transfer', '--script', 'assets/experts/fls-peg-transfer.drop-out-of-view.json', '--out', FLS).code).toBe(
      0,
    );
  }, 60_000);

  it('explains usage mistakes', () => {
    expect(scrub('simulate', '--procedure', 'lap-chole-cvs', '--script', 'expert')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--out is required'),
    });
    expect(scrub('simulate', '--procedure', 'lap-chole-cvs', '--script', 'assets/experts/fls-peg-transfer.json', '--out', join(tmp, 'x.scrub'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('performs fls-peg-transfer, not lap-chole-cvs'),
    });
  }, 20_000);
});

describe('scrub verify', () => {
  it('confirms intact recordings, and names what is wrong with the others, one line each, exit 1', () => {
    const damaged = join(tmp, 'damaged.scrub');
    const bytes = readFileSync(LC);
    bytes[1500]! ^= 0x40;
    writeFileSync(damaged, bytes);
    const cut = join(tmp, 'cut.scrub');
    writeFileSync(cut, readFileSync(LC).subarray(0, 1000));
    const ok = scrub('verify', LC, FLS, '--jobs', '2');
    expect(ok.code).toBe(0);
    expect(ok.out.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^ok    ${LC}  lap-chole-cvs, 505 ticks \\(4\\.2 s\\), state [0-9a-f]{8}$`)),
      expect.stringMatching(new RegExp(`^ok    ${FLS}  fls-peg-transfer, 418 ticks`)),
    ]);
    const r = scrub('verify', LC, damaged, cut, join(tmp, 'missing.scrub'), '--jobs', '1');
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ok /);
    expect(lines[1]).toMatch(new RegExp(`^FAIL  ${damaged}: chunk \\d \\(byte \\d+\\) is damaged: its CRC-32 does not match$`));
    expect(lines[2]).toMatch(new RegExp(`^FAIL  ${cut}: truncated at byte 1000: `));
    expect(lines[3]).toBe(`FAIL  ${join(tmp, 'missing.scrub')}: cannot read the file (ENOENT)`);
    expect(r.err).toBe('3 of 4 recordings failed\n');
  }, 60_000);
});

describe('scrub grade <file.scrub…>', () => {
  it('prints one report for one file: the re-simulated attempt’s', () => {
    const r = scrub('grade', LC);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const expected = JSON.parse(JSON.stringify(play('lap-chole-cvs.cut-unclipped').report()));
    expect(report).toEqual(expected);
  }, 60_000);

  it('prints JSON lines for several, in the order given (also over worker threads), and CSV rows', () => {
    const r = scrub('grade', FLS, LC, '--jobs', '2');
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.procedure])).toEqual([
      [FLS, 'fls-peg-transfer'],
      [LC, 'lap-chole-cvs'],
    ]);
    const csv = scrub('grade', '--csv', LC, FLS, '--jobs', '1');
    expect(csv.code).toBe(0);
    const rows = csv.out.trim().split('\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows[1]).toMatch(
      new RegExp(
        `^${LC},"Ann, B",lap-chole-cvs,\\d+\\.\\d+\\.\\d+,standard,assess,1,\\d{4}-[^,]+,\\d{4}-[^,]+,[\\d.]+,\\w+,false,\\d+,false,\\d+,[a-z;-]*cut-unclipped`,
      ),
    );
    expect(rows[2]).toMatch(new RegExp(`^${FLS},,fls-peg-transfer,`));
  }, 60_000);

  it('--shard i/n splits the files between machines, each once', () => {
    const a = scrub('grade', '--csv', '--shard', '0/2', LC, FLS);
    const b = scrub('grade', '--csv', '--shard', '1/2', FLS, LC);
    expect([a.code, b.code]).toEqual([0, 0]);
    const files = [...a.out.trim().split('\n').slice(1), ...b.out.trim().split('\n').slice(1)].map((l) => l.split(',')[0]);
    expect(files.sort()).toEqual([FLS, LC].sort());
    expect(scrub('grade', '--shard', '2/2', LC)).toMatchObject({ code: 2, err: expect.stringContaining('--shard wants i/n with 0 ≤ i < n') });
  }, 60_000);

  it('exits 1 and grades nothing of a damaged file', () => {
    const r = scrub('grade', join(tmp, 'damaged.scrub'));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/damaged\.scrub: chunk \d \(byte \d+\) is damaged/);
  }, 20_000);
});

describe('shardOf', () => {
  it('gives every file to exactly one shard, whatever the order given', () => {
    const files = Array.from({ length: 23 }, (_, i) => `r/${String(i).padStart(3, '0')}.scrub`);
    const shuffled = [...files].reverse();
    const shards = [0, 1, 2, 3].map((index) => shardOf(index % 2 ? files : shuffled, { index, count: 4 }));
    expect(shards.flat().sort()).toEqual(files);
    expect(shards.map((s) => s.length)).toEqual([6, 6, 6, 5]);
  });
});
