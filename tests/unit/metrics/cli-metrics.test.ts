import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'scrub-metrics-'));

async function scrub(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/scrub.js', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The reference bell as positions: forward-difference speed exp(−5t²), 100 Hz. */
function bellCsv(): string {
  const rows = ['t,x,y,z'];
  let x = 0;
  rows.push('0,0,0,0');
  for (let i = 0; i < 200; i++) {
    x += Math.exp(-5 * (-1 + i * 0.01) ** 2) / 100;
    rows.push(`${(i + 1) / 100},${x},0,0`);
  }
  return rows.join('\n');
}

describe('scrub metrics', { timeout: 30_000 }, () => {
  it('prints the motion metrics of a CSV as JSON, matching the smoothness test vectors', async () => {
    const { code, stdout } = await scrub('metrics', file('bell.csv', bellCsv()));
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const all = out.hands.all;
    expect(Object.keys(all)).toEqual(
      expect.arrayContaining(['duration_s', 'path_length_m', 'movements', 'idle_time_s', 'mean_speed_mps', 'peak_speed_mps', 'ldlj', 'sparc']),
    );
    expect(all.duration_s).toBeCloseTo(2, 12);
    expect(Math.abs(all.ldlj - -5.81636)).toBeLessThan(1e-4);
    expect(Math.abs(all.sparc - -1.41403)).toBeLessThan(1e-4);
    expect(out.bimanual).toBeNull();
  });

  it('separates hands and reports bimanual metrics, with options', async () => {
    const rows = ['t,x,y,z,hand'];
    for (let i = 0; i <= 10; i++) rows.push(`${i / 10},${i * 0.01},0,0,left`, `${i / 10},0,${i * 0.02},0.1,right`);
    const { code, stdout } = await scrub('metrics', file('hands.csv', rows.join('\n')), '--expert-path-length', '0.05', '--trocar', '0,0,0.1');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.hands.left.path_length_m).toBeCloseTo(0.1, 12);
    expect(out.hands.right.path_length_m).toBeCloseTo(0.2, 12);
    expect(out.hands.left.economy_ratio).toBeCloseTo(2, 12);
    expect(out.hands.right.depth_perception_m).toBeCloseTo(0.2, 12);
    expect(out.bimanual).toMatchObject({ hands: ['left', 'right'], both_active_fraction: 1 });
    expect(out.bimanual.path_length_ratio).toBeCloseTo(0.5, 12);
  });

  it('names the line of a bad row, without a stack trace', async () => {
    const { code, stdout, stderr } = await scrub('metrics', file('bad.csv', 't,x,y,z\n0,0,0,0\n0.1,0,oops,0\n'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/bad\.csv: line 3: y is not a decimal number: 'oops'/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a missing file or a bad option', async () => {
    const missing = await scrub('metrics', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: ENOENT/);
    const option = await scrub('metrics', file('ok.csv', 't,x,y,z\n0,0,0,0\n'), '--idle-speed', '-1');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--idle-speed wants a positive number/);
  });
});
