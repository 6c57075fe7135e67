import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

/** The shipped protocol's version, so a version bump does not need this test edited. */
const LAP_CHOLE_VERSION = /^version: (\S+)$/m.exec(readFileSync(join(ROOT, 'procedures/lap-chole-cvs.yaml'), 'utf8'))?.[1];

function scrub(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/scrub.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'scrub-cli-'));
const FIXTURE = 'tests/fixtures/actions/lap-chole-cvs/expert.jsonl';

describe('scrub check', () => {
  it('passes the four protocols', () => {
    const r = scrub(
      'check',
      'procedures/lap-chole-cvs.yaml',
      'procedures/interrupted-suture.yaml',
      'procedures/elliptical-excision.yaml',
      'procedures/fls-peg-transfer.yaml',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 20_000);

  it('fails a broken file with file:line:col lines and no stack trace', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(ROOT, 'procedures/fls-peg-transfer.yaml'), 'utf8').replace('severity: minor', 'severity: small'));
    const missing = join(tmp, 'missing.yaml');
    const r = scrub('check', bad, missing);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${bad}:\\d+:\\d+: errors\\[1\\]\\.severity: expected one of "minor", "major", "critical", got string "small"$`));
    expect(lines[1]).toBe(`${missing}:1:1: cannot read the file (ENOENT)`);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 20_000);
});

describe('scrub grade', () => {
  it('prints the report as JSON', () => {
    const r = scrub('grade', '--procedure', 'lap-chole-cvs', '--actions', FIXTURE, '--mode', 'assess');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ procedure: 'lap-chole-cvs', version: LAP_CHOLE_VERSION, outcome: 'completed', passed: true, score: 100, errors: [] });
    expect(Object.keys(report.steps[0])).toEqual(['id', 'status', 'start', 'end']);
  }, 20_000);

  it('accepts a protocol path and a variant', () => {
    const r = scrub('grade', '--procedure', 'procedures/lap-chole-cvs.yaml', '--actions', FIXTURE, '--variant', 'double-cystic-artery');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ variant: 'double-cystic-artery', outcome: 'failed' });
  }, 20_000);

  it('names the bad line of a malformed log', () => {
    const log = join(tmp, 'bad.jsonl');
    writeFileSync(log, '{"t": 1, "type": "grasp"}\n{"t": 2, "type": "retract"\n');
    const r = scrub('grade', '--procedure', 'lap-chole-cvs', '--actions', log);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${log}:2: not valid JSON`);
    expect(r.out).toBe('');
  }, 20_000);

  it('names the line and the fix of an action naming what the protocol does not have, and grades nothing', () => {
    const log = join(tmp, 'misspelt.jsonl');
    writeFileSync(log, readFileSync(join(ROOT, FIXTURE), 'utf8').replace('"structure": "cystic-duct", "s": 0.75', '"structure": "cystic-dcut", "s": 0.75'));
    const r = scrub('grade', '--procedure', 'lap-chole-cvs', '--actions', log);
    expect(r.code).toBe(1);
    const line =
      readFileSync(log, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('cystic-dcut')) + 1;
    expect(r.err).toBe(`${log}:${line}: unknown structure 'cystic-dcut' (did you mean 'cystic-duct'?)\nscrub grade: ${log} is not a valid action log\n`);
    expect(r.out).toBe('');
  }, 20_000);

  it('explains usage mistakes', () => {
    expect(scrub('grade', '--procedure', 'no-such-procedure', '--actions', FIXTURE)).toMatchObject({ code: 2 });
    const r = scrub('grade', '--actions', FIXTURE);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--procedure is required');
  }, 20_000);
});
