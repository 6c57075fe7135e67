/** Protocol text in the learner's language: English where a translation has none, misspelt ids caught by line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocol, protocolText, stepTitle } from '../../../src/core/procedure/index.ts';
import { protocolHash } from '../../../src/core/recording/replayer.ts';
import { ROOT, protocol } from '../procedure/helpers.ts';

const FILE = 'procedures/fls-peg-transfer.yaml';
const source = readFileSync(join(ROOT, FILE), 'utf8');

describe('protocol text', () => {
  it('shows the Spanish where it is given, and the file’s English for languages it lacks', () => {
    const p = protocol('fls-peg-transfer');
    const step = p.steps[0]!;
    expect(protocolText(p, 'es').step(step).title).toBe('Pasar los seis al otro lado');
    expect(protocolText(p, 'fr').step(step).title).toBe(step.title);
    expect(protocolText(p, 'es').error('drop-in-view', { message: 'x' }).message).toBe('Se cayó un objeto; recójalo de nuevo.');
    expect(protocolText(p, 'es').error('unknown-code', { message: 'as reported' }).message).toBe('as reported');
    expect(stepTitle(p, `${step.id}#2`, 'es')).toBe('Pasar los seis al otro lado');
    expect(protocolText(p, 'constructor').title()).toBe(p.title);
  });

  it('names the line of a translation for a step the protocol does not have', () => {
    const broken = source.replace('      transfer-back:\n        title: "Devolver', '      transfer-bak:\n        title: "Devolver');
    const result = loadProtocol(broken, FILE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = broken.split('\n').findIndex((l) => l.includes('transfer-bak:')) + 1;
    expect(result.errors).toContainEqual(expect.objectContaining({ line, message: expect.stringMatching(/unknown step 'transfer-bak'.*transfer-back/) }));
  });

  it('rejects a language that is not a two-letter code', () => {
    const result = loadProtocol(source.replace('translations:\n  es:', 'translations:\n  spanish:'), FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join(' ')).toMatch(/'spanish' is not a language code: use two letters/);
  });

  it('leaves the content hash alone: translating a protocol keeps its recordings valid', () => {
    const translated = loadProtocol(source, FILE);
    const bare = loadProtocol(source.slice(0, source.indexOf("\n# The protocol's text in Spanish")), FILE);
    expect(translated.ok && bare.ok).toBe(true);
    if (translated.ok && bare.ok) expect(protocolHash(translated.protocol)).toBe(protocolHash(bare.protocol));
  });
});
