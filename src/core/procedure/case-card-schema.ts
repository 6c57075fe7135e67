/** The protocol language's case card (docs/protocols.md, "Case card"): the patient shown before an attempt. */
import { z } from 'zod';

const Text = z.string().min(1);
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a case-card field name is letters and digits (e.g. age, wallMm)');

/** A value drawn from the seed: a number in a range on a grid, or one of a list of words. */
const CardField = z.union([
  z
    .strictObject({
      between: z.tuple([z.number(), z.number()]).describe('Low and high, inclusive.'),
      step: z.number().positive().default(1).describe('The value is low plus a whole number of steps (0.1 gives one decimal).'),
    })
    .describe('A number drawn evenly from [low, high] on the grid of `step`.'),
  z.strictObject({ oneOf: z.array(Text).min(1).describe('Drawn evenly.') }).describe('One of these words.'),
]);
export type CardField = z.infer<typeof CardField>;

const Fields = z.record(FieldName, CardField).describe('Values drawn from the seed, written into the texts as {name}.');
const Template = Text.describe('Text; {name} is replaced by the field of that name.');

export const CASE_CARD_KINDS = ['patient', 'training-task'] as const;

export const CaseCardSchema = z
  .strictObject({
    kind: z.enum(CASE_CARD_KINDS).default('patient').describe('A patient (age, history, findings) or a training task on a trainer box.'),
    fields: Fields.default({}),
    patient: Template.optional().describe('Who the patient is, without a name (e.g. "A {age}-year-old {sex}").'),
    history: Template.optional(),
    indication: Template.describe('Why the operation (or the task) is done.'),
    findings: z.array(Template).default([]).describe('Examination and imaging findings (or the set-up of a training task).'),
    source: z.string().optional(),
  })
  .describe('The case shown before an attempt; each variant may change it (variants[].caseCard).');

export const VariantCaseCardSchema = z
  .strictObject({
    fields: Fields.optional().describe("Fields added or replaced for this patient (e.g. a higher BMI's range)."),
    patient: Template.optional(),
    history: Template.optional(),
    indication: Template.optional(),
    findings: z.array(Template).optional().describe("Added after the protocol's findings."),
  })
  .describe("This patient's changes to the protocol's case card.");

/** The texts a translated card replaces; the fields' values are drawn as in English. */
const TranslatedTexts = { patient: Template.optional(), history: Template.optional(), indication: Template.optional() };

/** A case card's text in another language (translations.<lang>.caseCard). */
export const CaseCardTranslationSchema = z
  .strictObject({
    ...TranslatedTexts,
    findings: z.array(Template).optional().describe("The protocol's findings, in order, one for one."),
    words: z.record(Text, Text).default({}).describe('The words of `oneOf` fields, by their English (e.g. woman: mujer).'),
  })
  .describe("The protocol's case card in this language.");

/** A variant's changes to the case card, in another language (translations.<lang>.variants.<id>.caseCard). */
export const VariantCaseCardTranslationSchema = z
  .strictObject({ ...TranslatedTexts, findings: z.array(Template).optional().describe("The variant's added findings, in order, one for one.") })
  .describe("This patient's changes to the case card, in this language.");

export type CaseCardSpec = z.infer<typeof CaseCardSchema>;
export type VariantCaseCardSpec = z.infer<typeof VariantCaseCardSchema>;
