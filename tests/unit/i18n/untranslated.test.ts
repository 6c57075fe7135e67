/**
 * The check that finds untranslated text (docs/languages.md): every language has every UI key (with the plural forms
 * its language needs), every key the screens use exists, protocols that carry a language carry all their text in it,
 * and the screens that are translated hold no English of their own (JSX text and labelling attributes).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../../../src/locales/en.json';
import es from '../../../src/locales/es.json';
import { missingTranslations } from '../../../src/core/procedure/index.ts';
import { LANGUAGES } from '../../../src/app/i18n.ts';
import { protocol } from '../procedure/helpers.ts';

const ROOT = join(import.meta.dirname, '../../..');
const LOCALES: Record<string, unknown> = { en, es };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Screens not yet through the translation layer: this list may only shrink (a file here with no English fails). */
const PENDING = new Set([
  'src/screens/ControlsLegend.tsx',
  'src/screens/RecoveryOffer.tsx',
  'src/screens/ReplayScreen.tsx',
  'src/screens/SessionDialogs.tsx',
  'src/screens/SessionScreen.tsx',
  'src/screens/StorageNotices.tsx',
  'src/screens/UpdateOffer.tsx',
  'src/screens/debrief/ReviewSummary.tsx',
  'src/screens/instructor/AnnotationEditor.tsx',
  'src/screens/instructor/AttemptScreen.tsx',
  'src/screens/instructor/ClassCurves.tsx',
  'src/screens/instructor/ClassScreen.tsx',
  'src/screens/instructor/ErrorHeatMap.tsx',
  'src/screens/instructor/ReviewPanel.tsx',
  'src/screens/progress/AttemptFiles.tsx',
  'src/screens/progress/DrillGoal.tsx',
  'src/screens/progress/ProgressScreen.tsx',
  'src/screens/progress/Recommendation.tsx',
  'src/screens/replay/ExpertSide.tsx',
  'src/screens/replay/PinNotePanel.tsx',
  'src/screens/replay/ReplayMetrics.tsx',
  'src/screens/replay/ReplayTimeline.tsx',
]);
const LABELS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);
/** Text that is the same in every language: the product's name, an example address. */
const UNTRANSLATABLE = new Set(['Scrub', 'placeholder="https://lrs.example.org/xapi/"']);

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function screens(dir = join(ROOT, 'src/screens')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? screens(join(dir, e.name)) : e.name.endsWith('.tsx') ? [relative(ROOT, join(dir, e.name))] : [],
  );
}

/** English a screen writes itself: JSX text with letters, and string labels (aria-label="…", title="…"). */
function ownEnglish(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      LABELS.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}{2,}/u.test(node.initializer.text)
    ) {
      found.push(`${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((text) => !UNTRANSLATABLE.has(text));
}

describe('translations', () => {
  it('has every UI key in every language, with the plural forms each language needs', () => {
    const base = (keys: string[]) => new Set(keys.map((k) => k.replace(PLURAL, '')));
    const english = base(flatten(en));
    for (const { id } of LANGUAGES) {
      const keys = flatten(LOCALES[id]);
      expect(
        [...english].filter((k) => !base(keys).has(k)),
        `keys missing from ${id}.json`,
      ).toEqual([]);
      expect(
        [...base(keys)].filter((k) => !english.has(k)),
        `keys in ${id}.json that English lacks`,
      ).toEqual([]);
      // Spanish `many` is CLDR's form for millions in compact notation ("1 M"); no count here comes near it.
      const needed = new Intl.PluralRules(id).resolvedOptions().pluralCategories.filter((c) => c !== 'many' || id !== 'es');
      for (const plural of flatten(en)
        .filter((k) => PLURAL.test(k))
        .map((k) => k.replace(PLURAL, ''))) {
        for (const category of needed) expect(keys, `${id}.json: ${plural}_${category}`).toContain(`${plural}_${category}`);
      }
    }
  });

  it('knows every key the screens ask for', () => {
    const known = new Set(flatten(en).map((k) => k.replace(PLURAL, '')));
    const asked = screens().flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter((a) => !known.has(a.split(': ')[1]!))).toEqual([]);
  });

  it('finds no English of their own in the translated screens, and keeps the pending list honest', () => {
    const files = screens();
    const leftovers = files.filter((f) => !PENDING.has(f)).flatMap((f) => ownEnglish(f).map((text) => `${f}: ${text}`));
    expect(leftovers).toEqual([]);
    const done = files.filter((f) => PENDING.has(f) && ownEnglish(f).length === 0);
    expect(done.join(', '), 'translated now: take these off PENDING').toBe('');
    expect(files.filter((f) => !PENDING.has(f)).length).toBeGreaterThanOrEqual(13);
  });

  it('finds an untranslated string planted in a screen', () => {
    const planted = ts.createSourceFile('x.tsx', 'const a = <p title="Hello there">Untranslated words</p>;', ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    let texts = 0;
    const visit = (n: ts.Node): void => {
      if ((ts.isJsxText(n) && /\p{L}{2,}/u.test(n.text)) || (ts.isJsxAttribute(n) && n.name.getText() === 'title')) texts++;
      ts.forEachChild(n, visit);
    };
    visit(planted);
    expect(texts).toBe(2);
  });

  it.each(['fls-peg-transfer'])('%s carries all its text in every language it declares', (id) => {
    const p = protocol(id);
    const languages = Object.keys(p.translations);
    expect(languages).toContain('es');
    for (const language of languages) expect(missingTranslations(p, language), `${id} in ${language}`).toEqual([]);
  });
});
