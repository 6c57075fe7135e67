import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expertScript } from '../../../src/app/experts.ts';
import { recordedScript } from '../../../src/dev/mistake-scripts.ts';

const files = readdirSync(join(import.meta.dirname, '../../../assets/experts')).map((f) => f.replace(/\.json$/, ''));
const experts = files.filter((f) => !f.includes('.'));
const mistakes = files.filter((f) => f.includes('.'));

describe('shipped scripts: experts in the app, scripted mistakes only through the test hook', () => {
  it('offers every expert performance, and no scripted mistake, to the app', () => {
    expect(experts.length).toBeGreaterThanOrEqual(4);
    expect(mistakes.length).toBeGreaterThanOrEqual(4);
    for (const name of experts) expect(expertScript(name)?.procedure, name).toBe(name);
    for (const name of mistakes) expect(expertScript(name), name).toBeUndefined();
  });

  it('gives the test hook every script by file name, mistakes included', () => {
    for (const name of [...experts, ...mistakes]) expect(recordedScript(name)?.procedure, name).toBe(name.split('.')[0]);
  });
});
