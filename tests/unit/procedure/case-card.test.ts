import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProtocol } from '../../../src/core/procedure/index.ts';
import { caseCardFor } from '../../../src/core/procedure/case-card.ts';
import { PROCEDURES, ROOT, protocol } from './helpers.ts';

const lapChole = protocol('lap-chole-cvs');
const source = readFileSync(join(ROOT, 'procedures/lap-chole-cvs.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('case card', () => {
  it.each(PROCEDURES)('%s has a card for every variant', (id) => {
    const p = protocol(id);
    for (const v of p.variants) {
      const card = caseCardFor(p, v.id, 1)!;
      expect(card.variant).toBe(v.id);
      expect(card.indication.length).toBeGreaterThan(10);
      // Every placeholder was filled.
      for (const text of [card.patient ?? '', card.history ?? '', card.indication, ...card.findings]) expect(text).not.toMatch(/[{}]/);
    }
  });

  it('is the same for the same seed and differs between seeds', () => {
    expect(caseCardFor(lapChole, 'standard', 7)).toEqual(caseCardFor(lapChole, 'standard', 7));
    const patients = new Set(Array.from({ length: 20 }, (_, seed) => caseCardFor(lapChole, 'standard', seed)!.patient));
    expect(patients.size).toBeGreaterThan(5);
  });

  it('draws values within their ranges, on their grid', () => {
    for (let seed = 0; seed < 50; seed++) {
      const card = caseCardFor(lapChole, 'standard', seed)!;
      const [, age, bmi] = /A (\d+)-year-old (?:woman|man), BMI (\d+\.\d)\./.exec(card.patient!) ?? [];
      expect(Number(age)).toBeGreaterThanOrEqual(28);
      expect(Number(age)).toBeLessThanOrEqual(72);
      expect(Number(bmi)).toBeGreaterThanOrEqual(22);
      expect(Number(bmi)).toBeLessThanOrEqual(29.5);
    }
  });

  it('follows the variant: an obese patient with more fat, a finding for the short duct, cholecystitis for the bail-out case', () => {
    const bmi = (variant: string, seed: number) => Number(/BMI (\d+\.\d)/.exec(caseCardFor(lapChole, variant, seed)!.patient!)![1]);
    for (let seed = 0; seed < 20; seed++) {
      expect(bmi('more-fat', seed)).toBeGreaterThanOrEqual(33);
      expect(bmi('standard', seed)).toBeLessThan(30);
    }
    expect(caseCardFor(lapChole, 'more-fat', 3)!.history).toMatch(/Obesity/);
    expect(caseCardFor(lapChole, 'short-cystic-duct', 3)!.findings.join(' ')).toMatch(/short cystic duct/);
    expect(caseCardFor(lapChole, 'standard', 3)!.findings.join(' ')).not.toMatch(/short cystic duct/);
    const inflamed = caseCardFor(lapChole, 'dense-inflammation', 3)!;
    expect(inflamed.indication).toMatch(/Acute calculous cholecystitis/);
    const wall = Number(/gallbladder wall (\d+) mm/.exec(inflamed.findings.join(' '))![1]);
    expect(wall).toBeGreaterThanOrEqual(5);
  });

  it('keeps the other values when a variant replaces one field (each field has its own stream)', () => {
    const age = (variant: string) => /A (\d+)-year-old/.exec(caseCardFor(lapChole, variant, 11)!.patient!)![1];
    expect(age('more-fat')).toBe(age('standard'));
  });

  it('is a training task for the FLS peg transfer', () => {
    const card = caseCardFor(protocol('fls-peg-transfer'), 'right-handed', 1)!;
    expect(card.kind).toBe('training-task');
    expect(card.patient).toBeUndefined();
  });

  it('reports an unknown field in a template on its line, with a suggestion', () => {
    const bad = source.replace('gallbladder wall {wallMm} mm; common', 'gallbladder wall {wallmm} mm; common');
    const result = loadProtocol(bad, 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      `${lineOf(bad, '{wallmm}')}: caseCard.findings[0]: unknown case-card field '{wallmm}' (did you mean 'wallMm'?)`,
    ]);
  });

  it("reports a variant's template naming a field neither card has, a range running backwards, and a bad field", () => {
    const bad = source
      .replace('Right upper quadrant pain for {days} days', 'Right upper quadrant pain for {weeks} days')
      .replace('days: { between: [4, 7] }', 'days: { between: [7, 4] }')
      .replace('sex: { oneOf: [woman, man] }', 'sex: { oneOf: [] }');
    const result = loadProtocol(bad, 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.errors.map((e) => `${e.line}: ${e.message}`).join('\n');
    expect(errors).toContain(`${lineOf(bad, 'oneOf: []')}: caseCard.fields.sex`);
    const schemaOk = loadProtocol(bad.replace('sex: { oneOf: [] }', 'sex: { oneOf: [woman, man] }'), 'x.yaml');
    expect(schemaOk.ok).toBe(false);
    if (schemaOk.ok) return;
    expect(schemaOk.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      `${lineOf(bad, 'between: [7, 4]')}: variants[5].caseCard.fields.days.between: field 'days' runs from high to low`,
      `${lineOf(bad, '{weeks}')}: variants[5].caseCard.history: unknown case-card field '{weeks}'`,
    ]);
  });

  it.each(PROCEDURES)('%s: the Spanish card has the same values as the English one, in Spanish words', (id) => {
    const p = protocol(id);
    const figures = (texts: (string | undefined)[]) => texts.join(' ').match(/\d+(\.\d+)?/g);
    for (const v of p.variants) {
      const en = caseCardFor(p, v.id, 11)!;
      const es = caseCardFor(p, v.id, 11, 'es')!;
      expect(figures([es.patient, es.history, es.indication, ...es.findings])).toEqual(figures([en.patient, en.history, en.indication, ...en.findings]));
      expect(es.indication).not.toBe(en.indication);
      expect(es.findings.every((f, i) => f !== en.findings[i])).toBe(true);
      for (const text of [es.patient ?? '', es.history ?? '', es.indication, ...es.findings]) expect(text).not.toMatch(/[{}]|year-old|\b(woman|man)\b/);
    }
  });

  it("translates a variant's own text, and the words drawn for a field", () => {
    const card = caseCardFor(lapChole, 'dense-inflammation', 7, 'es')!;
    expect(card.history).toMatch(/^Dolor en el hipocondrio derecho desde hace \d días, fiebre de \d{2}\.\d °C/);
    expect(card.indication).toBe('Colecistitis aguda litiásica: colecistectomía laparoscópica en este ingreso.');
    expect(card.patient).toMatch(/^(Mujer|Hombre) de \d+ años, IMC \d+\.\d\.$/);
    expect(caseCardFor(lapChole, 'short-cystic-duct', 7, 'es')!.findings.at(-1)).toMatch(/^Colangio-RM: conducto cístico corto/);
  });

  it('reports a translated card that names an unknown field, miscounts the findings, or words a word no field has', () => {
    const bad = source
      .replace('colédoco de {cbdMm} mm', 'colédoco de {cbd} mm')
      .replace('        - "Pruebas de función hepática normales."\n', '')
      .replace('words: { woman: "Mujer"', 'words: { women: "Mujeres", woman: "Mujer"');
    const result = loadProtocol(bad, 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      `${lineOf(bad, '{cbd}')}: translations.es.caseCard.findings: 1 translated findings for 2 in English: translate them one for one`,
      `${lineOf(bad, '{cbd}')}: translations.es.caseCard.findings[0]: unknown case-card field '{cbd}' (did you mean 'cbdMm'?)`,
      `${lineOf(bad, 'women:')}: translations.es.caseCard.words.women: no case-card field has the word 'women' (did you mean 'woman'?)`,
    ]);
  });
});
