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

/** Every protocol that ships (procedures/*.yaml): each must carry all its text in Spanish. */
const SHIPPED = readdirSync(join(ROOT, 'procedures'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
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

/** Letters that make words (not "·", "—", "×", units after a number). */
const WORDS = /\p{L}{2,}/u;

/**
 * String literals an expression shows as text: the branches of `a ? 'x' : 'y'`, `a && 'x'`, template text. Not what
 * a call is given (`t('key')`), nor what is compared (`mode === 'learn'`), nor nested JSX (visited on its own).
 */
function shownLiterals(node: ts.Node, found: string[]): void {
  if (ts.isCallExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return;
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind))
    return;
  if (ts.isElementAccessExpression(node)) return;
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && WORDS.test(node.text)) found.push(node.text);
  if ((ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && WORDS.test(node.text)) found.push(node.text);
  ts.forEachChild(node, (child) => shownLiterals(child, found));
}

/**
 * English a screen writes itself: JSX text with letters, string literals a JSX expression shows (`{ok ? 'Yes' : 'No'}`),
 * and labels written as strings or templates (aria-label="…", title={`… ${x}`}) rather than through t().
 */
function ownEnglish(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) shownLiterals(node.expression, found);
    if (ts.isJsxAttribute(node) && LABELS.has(node.name.getText()) && node.initializer) {
      if (ts.isStringLiteral(node.initializer) && WORDS.test(node.initializer.text)) found.push(`${node.name.getText()}="${node.initializer.text}"`);
      else shownLiterals(node.initializer, found);
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

  it('finds no English of their own in any screen', () => {
    const files = screens();
    expect(files.length).toBeGreaterThanOrEqual(35);
    expect(files.flatMap((f) => ownEnglish(f).map((text) => `${f}: ${text}`))).toEqual([]);
  });

  it.each([
    ['JSX text', '<p>Untranslated words</p>'],
    ['a label', '<p title="Hello there" />'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TSX source for the parser, not a template
    ['a label built from a template', '<button aria-label={`Delete the note at ${t} s`} />'],
    ['a placeholder', '<input placeholder="your name" />'],
    ['a branch of a condition', "<span>{paused ? 'Resume' : t('session.pause')}</span>"],
    ['text after &&', "<span>{busy && 'Importing…'}</span>"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TSX source for the parser, not a template
    ['template text', '<span>{`${n} attempts`}</span>'],
  ])('finds %s that bypasses t()', (_, jsx) => {
    expect(ownEnglish('planted.tsx', `const a = ${jsx};`)).toHaveLength(1);
  });

  it.each([
    ['t() with a key', "<p title={t('a.b')}>{t(ok ? 'x.y' : 'x.z')}</p>"],
    ['a comparison', "<p>{mode === 'learn' && t('x.y')}</p>"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TSX source for the parser, not a template
    ['punctuation and figures', '<p>{`${n} × ${m}`} · — {x.toFixed(1)}</p>'],
    ['a class name', '<p className="note wide" />'],
  ])('lets %s through', (_, jsx) => {
    expect(ownEnglish('planted.tsx', `const a = ${jsx};`)).toEqual([]);
  });

  it.each(SHIPPED)('%s carries all its text in Spanish and in every language it declares', (id) => {
    const p = protocol(id);
    const languages = Object.keys(p.translations);
    expect(languages).toContain('es');
    for (const language of languages) expect(missingTranslations(p, language), `${id} in ${language}`).toEqual([]);
  });
});
