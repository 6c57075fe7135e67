import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProtocol, type LoadResult } from '../../../src/core/procedure/index.ts';
import { PROCEDURES, ROOT } from './helpers.ts';

const text = (id: string) => readFileSync(join(ROOT, 'procedures', `${id}.yaml`), 'utf8');
const lapChole = text('lap-chole-cvs');

function errorsOf(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
}

/** The 1-based line of the first occurrence of `needle`. */
function lineOf(source: string, needle: string): number {
  return source.slice(0, source.indexOf(needle)).split('\n').length;
}

describe('loadProtocol', () => {
  it.each(PROCEDURES)('loads %s', (id) => {
    const result = loadProtocol(text(id), `${id}.yaml`);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('locates an unknown key and suggests the right one', () => {
    const source = lapChole.replace('    hint: "Left-hand grasper', '    hnt: "Left-hand grasper');
    expect(errorsOf(loadProtocol(source, 'x.yaml'))).toEqual([
      `${lineOf(source, '- id: retract-infundibulum')}:5: steps[0].hint: missing required field 'hint'`,
      `${lineOf(source, 'hnt:')}:5: steps[0].hnt: unknown key 'hnt' (did you mean 'hint'?)`,
    ]);
  });

  it('reports a misspelt condition kind with a suggestion', () => {
    const source = lapChole.replace('cleared: { structure: cystic-plate', 'cleard: { structure: cystic-plate');
    expect(errorsOf(loadProtocol(source, 'x.yaml'))[0]).toMatch(/unknown key 'cleard' \(did you mean 'cleared'\?\)/);
  });

  it('reports unknown step, structure, instrument and parameter references with did-you-mean', () => {
    const source = lapChole
      .replace('  - confirm-critical-view\n  - clip-cystic-artery', '  - confirm-critical-veiw\n  - clip-cystic-artery')
      .replace('targets: [cystic-plate]', 'targets: [cystic-plates]')
      .replace('instruments: [clip-applier, atraumatic-grasper]', 'instruments: [clip-aplier, atraumatic-grasper]')
      .replace('atLeast: $triangleCleared', 'atLeast: $triangleClear');
    const errors = errorsOf(loadProtocol(source, 'x.yaml')).join('\n');
    expect(errors).toContain("unknown step 'confirm-critical-veiw' (did you mean 'confirm-critical-view'?)");
    expect(errors).toContain("step 'confirm-critical-view' is not in the ordering");
    expect(errors).toContain("unknown structure 'cystic-plates' (did you mean 'cystic-plate'?)");
    expect(errors).toContain("unknown instrument 'clip-aplier' (did you mean 'clip-applier'?)");
    expect(errors).toContain("unknown parameter '$triangleClear' (did you mean '$triangleCleared'?)");
  });

  it('checks structures reached through parameters, in every variant, where the variant writes them', () => {
    const source = lapChole.replace('arteries: [cystic-artery, cystic-artery-2]', 'arteries: [cystic-artery, cystic-artery-3]');
    const line = lineOf(source, 'cystic-artery-3');
    const col = source.split('\n')[line - 1]!.indexOf('cystic-artery-3') + 1;
    expect(errorsOf(loadProtocol(source, 'x.yaml'))).toEqual([
      `${line}:${col}: variants[2].parameters.arteries[1]: $arteries names unknown structure 'cystic-artery-3' (did you mean 'cystic-artery-2'?)`,
    ]);
  });

  it('reports a misspelt id in a parameter used five times once, where it is written', () => {
    const fixture = readFileSync(join(ROOT, 'tests/fixtures/protocols/misspelt-parameter.yaml'), 'utf8');
    expect(errorsOf(loadProtocol(fixture, 'x.yaml'))).toEqual([
      `13:26: parameters.vessels[1]: $vessels names unknown structure 'cystic-artry' (did you mean 'cystic-artery'?)`,
    ]);
  });

  it('loads the worked example of docs/protocols.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/protocols.md'), 'utf8');
    const example = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = loadProtocol(example!, 'docs/protocols.md');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('reports unknown error codes in scoring', () => {
    const source = text('fls-peg-transfer').replace('maxErrors: { drop-out-of-view: 0 }', 'maxErrors: { drop-out-of-veiw: 0 }');
    expect(errorsOf(loadProtocol(source, 'x.yaml')).join('\n')).toContain(
      "unknown error code or severity 'drop-out-of-veiw' (did you mean 'drop-out-of-view'?)",
    );
  });

  it('reports wrong types and missing fields at their place', () => {
    const source = lapChole.replace('estimatedMinutes: 35', 'estimatedMinutes: soon').replace(/^summary:[^\n]*\n( {2}[^\n]*\n)*/m, '');
    const errors = errorsOf(loadProtocol(source, 'x.yaml'));
    expect(errors).toContain(`${lineOf(source, 'estimatedMinutes')}:19: estimatedMinutes: expected number, got string "soon"`);
    expect(errors.some((e) => e.endsWith("summary: missing required field 'summary'"))).toBe(true);
  });

  describe('oneHanded', () => {
    const at = (source: string, needle: string, path: string, message: string) => {
      const line = lineOf(source, needle);
      const col = source.split('\n')[line - 1]!.indexOf(needle.trimEnd()) + 1;
      return `${line}:${col}: ${path}: ${message}`;
    };

    it('an allowed mode needs an assistant, said where `allowed` is written', () => {
      const source = lapChole.replace(/ {2}assistant:\n( {4}[^\n]*\n)+/, '');
      expect(errorsOf(loadProtocol(source, 'x.yaml'))).toEqual([
        at(source, 'true', 'oneHanded.allowed', 'one-handed is allowed but no `assistant` says what the assistant does'),
      ]);
    });

    it("locates the assistant's unknown instrument, a structure it cannot take, and an unknown source, with did-you-mean", () => {
      const source = lapChole
        .replace('instrument: atraumatic-grasper\n    grasp', 'instrument: atraumatic-grasp\n    grasp')
        .replace('grasp: { structure: gallbladder,', 'grasp: { structure: cystic-duct,')
        .replace('  source: strasberg1995\n', '  source: strasberg1996\n');
      expect(errorsOf(loadProtocol(source, 'x.yaml'))).toEqual([
        at(source, 'atraumatic-grasp\n', 'oneHanded.assistant.instrument', "unknown instrument 'atraumatic-grasp' (did you mean 'atraumatic-grasper'?)"),
        at(
          source,
          'cystic-duct,',
          'oneHanded.assistant.grasp.structure',
          "the assistant cannot take 'cystic-duct' in the hepatobiliary scene (it can take: gallbladder)",
        ),
        at(source, 'strasberg1996', 'oneHanded.source', "unknown source 'strasberg1996' (did you mean 'strasberg1995'?)"),
      ]);
    });

    it('an assistant where the mode is not allowed, and a reason where it is, are refused; a mistyped key is located', () => {
      const notAllowed = lapChole.replace('oneHanded:\n  allowed: true', 'oneHanded:\n  allowed: false');
      expect(errorsOf(loadProtocol(notAllowed, 'x.yaml'))).toEqual([
        `${lineOf(notAllowed, '    does:')}:5: oneHanded.assistant: an assistant is given but one-handed is not allowed`,
      ]);
      const both = lapChole.replace('  source: strasberg1995\n', '  reason: "x"\n  source: strasberg1995\n');
      expect(errorsOf(loadProtocol(both, 'x.yaml'))).toEqual([
        at(both, '"x"', 'oneHanded.reason', 'a reason is for a procedure that is not allowed one-handed'),
      ]);
      const typo = lapChole.replace('    retractMm: [5, 12, 3]', '    retractmm: [5, 12, 3]');
      expect(errorsOf(loadProtocol(typo, 'x.yaml'))).toEqual([
        `${lineOf(typo, '    does:')}:5: oneHanded.assistant.retractMm: missing required field 'retractMm'`,
        `${lineOf(typo, 'retractmm')}:5: oneHanded.assistant.retractmm: unknown key 'retractmm' (did you mean 'retractMm'?)`,
      ]);
    });

    it('a skin-pad procedure has nothing the assistant can take', () => {
      const source = text('elliptical-excision').replace(
        /oneHanded:\n {2}allowed: false\n {2}reason: [^\n]*\n/,
        'oneHanded:\n  allowed: true\n  assistant: { does: "lifts", instrument: adson-forceps, grasp: { structure: dermis, along: 0.5 }, retractMm: [0, 5, 0] }\n',
      );
      expect(errorsOf(loadProtocol(source, 'x.yaml'))).toEqual([
        at(
          source,
          'dermis, along',
          'oneHanded.assistant.grasp.structure',
          "the assistant cannot take 'dermis' in the skin-pad scene (it can take nothing there)",
        ),
      ]);
    });
  });

  it('reports YAML syntax errors with their position', () => {
    const errors = errorsOf(loadProtocol('id: x\ntitle: [unclosed\n', 'x.yaml'));
    expect(errors[0]).toMatch(/^\d+:\d+: /);
  });

  it('rejects a named condition that refers to itself', () => {
    const source = lapChole.replace('      - ref: triangle-cleared\n', '      - ref: critical-view\n');
    expect(errorsOf(loadProtocol(source, 'x.yaml')).join('\n')).toContain("named condition 'critical-view' refers to itself");
  });

  it('survives mutated YAML: always a protocol or located errors, never a throw', () => {
    const sources = PROCEDURES.map(text);
    const mutation = fc.record({
      source: fc.integer({ min: 0, max: sources.length - 1 }),
      at: fc.nat(),
      kind: fc.constantFrom('delete-line', 'duplicate-line', 'truncate', 'insert', 'indent', 'swap-colon'),
      junk: fc.string({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let source = sources[mutations[0]!.source]!;
        for (const m of mutations) source = mutate(source, m.kind, m.at, m.junk);
        const result = loadProtocol(source, 'fuzz.yaml');
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.col).toBeGreaterThanOrEqual(1);
            expect(e.message.length).toBeGreaterThan(0);
            expect(e.message).not.toMatch(/\n\s+at /);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

function mutate(source: string, kind: string, at: number, junk: string): string {
  const lines = source.split('\n');
  const i = at % lines.length;
  switch (kind) {
    case 'delete-line':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    case 'truncate':
      return source.slice(0, at % source.length);
    case 'insert': {
      const pos = at % source.length;
      return source.slice(0, pos) + junk + source.slice(pos);
    }
    case 'indent':
      lines[i] = ` ${lines[i]}`;
      return lines.join('\n');
    default:
      lines[i] = lines[i]!.replace(':', ' ');
      return lines.join('\n');
  }
}
