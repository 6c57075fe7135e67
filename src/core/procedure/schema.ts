/**
 * The protocol language: zod schemas for `procedures/*.yaml`, and the types the engine reads.
 * docs/protocols.md explains it; docs/protocol.schema.json is generated from these schemas.
 */
import { z } from 'zod';
import { ACTION_FIELDS, type ActionField } from '../vocabulary/actions.ts';
import { Names, Num, ParamRef, ParamValueSchema } from './params.ts';
import { PREDICATES } from './predicates.ts';
import { CaseCardSchema, CaseCardTranslationSchema, VariantCaseCardSchema, VariantCaseCardTranslationSchema } from './case-card-schema.ts';

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const MODES = ['learn', 'practice', 'assess'] as const;
export type Mode = (typeof MODES)[number];
/** What counts as one mistake of an error rule; see ErrorRule.charge. */
export const CHARGES = ['once', 'per-structure', 'per-event'] as const;
export type Charge = (typeof CHARGES)[number];
export const DEFAULT_CHARGE: Charge = 'per-structure';
export const STEP_STATUSES = ['pending', 'active', 'completed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'an id is lower-case letters, digits and hyphens (e.g. cystic-duct)')
  .describe('A lower-case, hyphenated identifier.');
const Text = z.string().min(1);
const PegId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'a peg id is letters, digits and hyphens (e.g. L1)');

/** A numeric test on an action field. Several keys all have to hold. */
const Compare = z
  .strictObject({
    gt: Num.optional(),
    gte: Num.optional(),
    lt: Num.optional(),
    lte: Num.optional(),
    inside: z.tuple([Num, Num]).optional().describe('Within [low, high], inclusive.'),
    outside: z.tuple([Num, Num]).optional().describe('Below low or above high.'),
  })
  .describe('A numeric comparison; every key given must hold.');
export type Compare = z.infer<typeof Compare>;

const NumberMatcher = z.union([Num, Compare]);
const BooleanMatcher = z.union([z.boolean(), ParamRef]);
export type FieldMatcher = Names | z.infer<typeof NumberMatcher> | z.infer<typeof BooleanMatcher>;

/** Fields an `action:` condition can test; time, tick and point are not matched on. */
const MATCHABLE = (Object.keys(ACTION_FIELDS) as ActionField[]).filter((f) => !['t', 'tick', 'point', 'type'].includes(f));
function matcherFor(field: ActionField): z.ZodType {
  const kind = ACTION_FIELDS[field];
  return kind === 'number' ? NumberMatcher : kind === 'boolean' ? BooleanMatcher : Names;
}
const ActionMatch = z
  .strictObject({
    type: Names.describe('Action type(s).'),
    ...Object.fromEntries(MATCHABLE.map((f) => [f, matcherFor(f).optional()])),
  })
  .describe('Holds when the action being judged has this type and every field given matches (a list means any of).');
export type ActionMatch = { type: Names } & { [K in ActionField]?: FieldMatcher | undefined };

const predicateShape = Object.fromEntries(Object.entries(PREDICATES).map(([name, p]) => [name, p.args.optional().describe(p.summary)])) as {
  [K in keyof typeof PREDICATES]: z.ZodOptional<(typeof PREDICATES)[K]['args']>;
};

/** A condition: an object with exactly one key, naming what it tests. */
export interface Condition {
  all?: Condition[] | undefined;
  any?: Condition[] | undefined;
  not?: Condition | undefined;
  ref?: string | undefined;
  action?: ActionMatch | undefined;
  cleared?: { structure: Names; atLeast: Num } | undefined;
  declared?: Names | undefined;
  variant?: Names | undefined;
  step?: { id: string; is: StepStatus } | undefined;
  count?: { type: Names; atLeast?: Num | undefined; atMost?: Num | undefined; since?: 'step' | 'start' | undefined } | undefined;
  'clips-both-sides'?: z.infer<(typeof PREDICATES)['clips-both-sides']['args']> | undefined;
  'cut-between-clips'?: z.infer<(typeof PREDICATES)['cut-between-clips']['args']> | undefined;
  'cut-through-clip'?: z.infer<(typeof PREDICATES)['cut-through-clip']['args']> | undefined;
  divided?: z.infer<(typeof PREDICATES)['divided']['args']> | undefined;
  'bite-symmetric'?: z.infer<(typeof PREDICATES)['bite-symmetric']['args']> | undefined;
  'bite-depths-even'?: z.infer<(typeof PREDICATES)['bite-depths-even']['args']> | undefined;
  'spacing-even'?: z.infer<(typeof PREDICATES)['spacing-even']['args']> | undefined;
  'knot-secure'?: z.infer<(typeof PREDICATES)['knot-secure']['args']> | undefined;
  'wound-closed'?: z.infer<(typeof PREDICATES)['wound-closed']['args']> | undefined;
  'objects-on-side'?: z.infer<(typeof PREDICATES)['objects-on-side']['args']> | undefined;
  'strokes-within'?: z.infer<(typeof PREDICATES)['strokes-within']['args']> | undefined;
}

export const Condition: z.ZodType<Condition> = z
  .strictObject({
    get all() {
      return z.array(Condition).min(1).optional().describe('Holds when every condition in the list holds.');
    },
    get any() {
      return z.array(Condition).min(1).optional().describe('Holds when at least one condition in the list holds.');
    },
    get not() {
      return Condition.optional().describe('Holds when the condition does not.');
    },
    ref: z.string().optional().describe('A named condition from `conditions:`.'),
    action: ActionMatch.optional(),
    cleared: z
      .strictObject({ structure: Names, atLeast: Num })
      .optional()
      .describe('Every listed structure or region has been cleared (dissected, exposed, freed) to at least this fraction.'),
    declared: Names.optional().describe('The trainee has declared this (e.g. critical-view-of-safety).'),
    variant: Names.optional().describe('The patient is one of these variants (e.g. dense-inflammation).'),
    step: z
      .strictObject({ id: z.string(), is: z.enum(STEP_STATUSES) })
      .optional()
      .describe("The step's latest instance has this status."),
    count: z
      .strictObject({
        type: Names,
        atLeast: Num.optional(),
        atMost: Num.optional(),
        since: z.enum(['step', 'start']).optional().describe('Count from the start of the current step (default) or of the attempt.'),
      })
      .optional()
      .describe('How many actions of these types have been seen, this one included.'),
    ...predicateShape,
  })
  .check((ctx) => {
    const keys = Object.keys(ctx.value).filter((k) => (ctx.value as Record<string, unknown>)[k] !== undefined);
    if (keys.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: keys.length === 0 ? 'a condition needs one key (e.g. action, all, cleared)' : `a condition has exactly one key, not ${keys.join(' and ')}`,
      });
    }
  })
  .describe('A condition: exactly one key.');

const Source = z.strictObject({
  id: Id,
  citation: Text,
  url: z.string().optional(),
});

const Instrument = z.strictObject({
  id: Id,
  name: Text,
  hand: z.enum(['left', 'right', 'either']).optional(),
});

const AnyOrder = z.strictObject({ anyOrder: z.array(z.string()).min(1).describe('Steps active together, done in any order.') });
const Unit = z.union([z.string(), AnyOrder]);
const Repeat = z.strictObject({
  repeat: z.strictObject({
    id: Id,
    steps: z.array(Unit).min(1),
    min: Num.describe('Iterations always required.'),
    max: Num.describe('Iterations at most.'),
    until: Condition.optional().describe('After `min` iterations, stop repeating when this holds at the end of an iteration.'),
  }),
});
export const OrderingEntry = z.union([z.string(), AnyOrder, Repeat]);
export type OrderingEntry = z.infer<typeof OrderingEntry>;

const SceneSetting = z.union([z.number(), z.string(), z.boolean()]);

const Variant = z.strictObject({
  id: Id,
  title: Text,
  description: z.string().optional(),
  weight: z.number().nonnegative().default(1).describe('Relative chance of this patient when chosen by seed.'),
  requiredForProficiency: z
    .boolean()
    .default(false)
    .describe('A learner must have passed this patient before being called proficient (practice rotates to it).'),
  parameters: z.record(z.string(), ParamValueSchema).optional().describe('Overrides of protocol parameters.'),
  scene: z.record(z.string(), SceneSetting).optional().describe('Settings handed to the scene generator.'),
  ordering: z
    .array(OrderingEntry)
    .min(1)
    .optional()
    .describe("This patient's own order of steps (e.g. a bail-out where the critical view cannot be reached); default the protocol's."),
  caseCard: VariantCaseCardSchema.optional().describe("Changes to the protocol's case card for this patient."),
  source: z.string().optional(),
});

const Step = z.strictObject({
  id: Id,
  title: Text,
  instruction: Text.describe('Shown in learn and practice modes.'),
  hint: Text.describe('Shown in learn mode when the step takes long, and in practice mode on request.'),
  instruments: z.array(z.string()).describe('Instruments the step is done with (none in a camera-navigation drill: the scope is steered, not held).'),
  targets: z.array(z.string()).optional().describe('Structures highlighted in learn mode, or the view target (`viewTargets`) lit while the step is active.'),
  completion: Condition.describe('The step is complete as soon as this holds (checked after every action while it is active).'),
  requires: z.array(z.string()).optional().describe('Steps that must be complete before this one can complete.'),
  source: z.string().optional(),
});
export type Step = z.infer<typeof Step>;

const ErrorRule = z
  .strictObject({
    code: Id,
    severity: z.enum(SEVERITIES),
    when: Condition.describe('Checked against each action, with the scene as it was before the action.'),
    message: Text.describe('Shown to the trainee when the error happens.'),
    instead: Text.describe('What to do instead, shown in the debrief.'),
    step: z.string().optional().describe('Attribute the error to this step (default: the active step).'),
    once: z.boolean().optional().describe('Shorthand for `charge: once`.'),
    charge: z
      .enum(CHARGES)
      .optional()
      .describe(
        'What counts as one mistake: once per attempt, once per distinct structure or object the action names (the default), or per event (repeats within `cooldownSec` of the previous occurrence are the same event).',
      ),
    cooldownSec: Num.optional().describe('per-event: a repeat this soon (s) after the previous occurrence is the same mistake (default 0).'),
    source: z.string().optional(),
  })
  .check((ctx) => {
    const rule = ctx.value;
    if (rule.once === true && rule.charge !== undefined && rule.charge !== 'once') {
      ctx.issues.push({ code: 'custom', input: rule, path: ['once'], message: `once: true means charge: once; give charge: ${rule.charge} alone` });
    }
    if (rule.cooldownSec !== undefined && rule.charge !== 'per-event') {
      ctx.issues.push({ code: 'custom', input: rule, path: ['cooldownSec'], message: 'cooldownSec applies only with charge: per-event' });
    }
  });
export type ErrorRule = z.infer<typeof ErrorRule>;

const SeverityNumbers = z.strictObject({ minor: z.number().optional(), major: z.number().optional(), critical: z.number().optional() });

const Proficiency = z.strictObject({
  maxTimeSec: Num.optional().describe('Proficient only at or under this time (the timer, or the whole attempt).'),
  maxErrors: z
    .record(z.string(), z.number().int().nonnegative())
    .optional()
    .describe('Most errors allowed, by error code or by severity (minor/major/critical).'),
  requiredToPass: z.boolean().default(false).describe('An attempt passes only when it is proficient.'),
  consecutive: z.number().int().positive().describe('Proficient attempts needed in a row.'),
  additional: z.number().int().nonnegative().default(0).describe('Further proficient attempts needed, not necessarily in a row.'),
  maxAttempts: z.number().int().positive().optional(),
  source: z.string().optional(),
});

const Scoring = z.strictObject({
  method: z
    .enum(['checklist', 'time-penalty'])
    .describe('checklist: 100 × weight of completed steps / total weight − penalties. time-penalty (FLS): cutoff − time − penalties.'),
  weights: z.record(z.string(), z.number().nonnegative()).optional().describe('Checklist weight per step id (default 1).'),
  cutoffSec: Num.optional().describe('time-penalty: the cutoff time; an attempt over it scores 0.'),
  penalties: z
    .strictObject({
      bySeverity: SeverityNumbers.optional(),
      byCode: z.record(z.string(), z.number()).optional().describe('Overrides bySeverity for these error codes.'),
    })
    .optional(),
  passScore: z.number().default(0),
  failOn: z.array(z.enum(SEVERITIES)).default(['critical']).describe('Any error of these severities fails the attempt.'),
  proficiency: Proficiency.optional(),
  source: z.string().optional(),
});

const ModeSpec = z.strictObject({
  instructions: z.boolean().describe('Show the step instruction.'),
  hints: z.enum(['auto', 'on-request', 'none']),
  hintAfterSec: z.number().nonnegative().optional().describe('auto: a hint falls due after this long on one step.'),
  highlightTargets: z.boolean(),
  errorFeedback: z.enum(['immediate', 'debrief']),
});
export type ModeSpec = z.infer<typeof ModeSpec>;

/** A protocol's text in one more language: every field optional, English shown where one is missing. */
const Translation = z.strictObject({
  title: Text.optional(),
  summary: Text.optional(),
  instruments: z.record(z.string(), Text).default({}).describe('Instrument names by instrument id.'),
  variants: z
    .record(z.string(), z.strictObject({ title: Text.optional(), description: Text.optional(), caseCard: VariantCaseCardTranslationSchema.optional() }))
    .default({})
    .describe('Patient titles, descriptions and case-card changes by variant id.'),
  steps: z
    .record(z.string(), z.strictObject({ title: Text.optional(), instruction: Text.optional(), hint: Text.optional() }))
    .default({})
    .describe('Step text by step id.'),
  oneHanded: z
    .strictObject({ assistant: Text.optional(), reason: Text.optional() })
    .optional()
    .describe("The one-handed mode's text: what the assistant does, or why it is not allowed."),
  errors: z
    .record(z.string(), z.strictObject({ message: Text.optional(), instead: Text.optional() }))
    .default({})
    .describe('Error text by error code.'),
  caseCard: CaseCardTranslationSchema.optional(),
});
export type Translation = z.infer<typeof Translation>;

export const ProtocolSchema = z
  .strictObject({
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version is major.minor.patch'),
    title: Text,
    estimatedMinutes: z.number().positive(),
    difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
    scene: z.enum(['skin-pad', 'hepatobiliary', 'pegboard']),
    summary: Text,
    sources: z.array(Source).min(1),
    laparoscope: z
      .strictObject({
        holder: z
          .enum(['assistant', 'learner'])
          .describe(
            'assistant: a camera assistant holds the scope and follows the instruments, until the learner steers it (takes it); learner: the learner steers it from the start (world/laparoscope.ts).',
          ),
        angleDeg: z
          .number()
          .min(0)
          .max(45)
          .default(30)
          .describe('Angle between the shaft and the line of sight (0 forward-viewing, 30 the usual angled scope).'),
        source: z.string().optional(),
      })
      .optional()
      .describe("A held, moving laparoscope; absent: the theatre's fixed camera (laparoscopic scenes)."),
    handedness: z
      .strictObject({
        leftHanded: z
          .enum(['mirror', 'standard'])
          .describe(
            'A left-handed learner: `mirror` performs it mirrored (the scene drawn reflected, their dominant left hand driving the dominant-hand instrument); `standard` keeps the standard layout.',
          ),
        source: z.string().optional(),
      })
      .default({ leftHanded: 'standard' })
      .describe('How a left-handed learner performs the procedure (docs/accessibility.md, "Left-handed"); absent: the standard layout.'),
    oneHanded: z
      .strictObject({
        allowed: z.boolean().describe('Whether a learner may perform it with the dominant hand only, an assistant taking the other hand.'),
        assistant: z
          .strictObject({
            does: Text.describe('What the assistant does, in words the settings show the learner.'),
            instrument: Id.describe("The instrument the assistant holds: one of the protocol's, its `hand` the hand the assistant takes."),
            grasp: z
              .strictObject({
                structure: Id.describe('What the assistant takes hold of (a structure of the scene it can grasp, docs/accessibility.md).'),
                along: z.number().min(0).max(1).describe('Where along it, from its far end (0) to its near end (1): the gallbladder from fundus to neck.'),
                offsetMm: z
                  .tuple([z.number(), z.number(), z.number()])
                  .default([0, 0, 0])
                  .describe('Aim this far (mm, world x y z) from that point: the wall taken is the nearest to the aim.'),
              })
              .describe("Where the assistant grasps, found in the attempt's own anatomy at its start."),
            retractMm: z
              .tuple([z.number(), z.number(), z.number()])
              .describe('How far the assistant draws what it holds (mm, world x y z: right, up, towards the learner), then holds it.'),
          })
          .optional()
          .describe('The assistant taking the other hand (required when allowed).'),
        reason: Text.optional().describe("Why the procedure needs both of the learner's hands (required when not allowed), shown in the settings."),
        source: z.string().optional(),
      })
      .default({ allowed: false })
      .describe('Whether and how the procedure may be performed one-handed (docs/accessibility.md, "One-handed"); absent: not allowed.'),
    next: Id.optional().describe('A protocol that usually follows this one.'),
    parameters: z.record(z.string(), ParamValueSchema).default({}).describe('Configurable values, used as $name.'),
    structures: z.array(Id).min(1).describe('Anatomy (and other things) actions may name as `structure`.'),
    objects: z.array(Id).default([]).describe('Objects actions may name as `object`.'),
    pegs: z.array(PegId).default([]).describe('Pegs actions may name as `peg` (the pegboard: L1…L6, R1…R6).'),
    places: z.array(Id).default([]).describe('Named places an object may be put down: the `what` of a `place` action (needle-counter, specimen-pot).'),
    instruments: z.array(Instrument).describe('The instruments in the hands; empty for a camera-navigation drill.'),
    viewTargets: z
      .array(
        z.strictObject({
          id: Id.describe('An id from `objects`: the `object` of the `framed` action.'),
          at: z
            .tuple([z.number(), z.number(), z.number()])
            .describe('Where it is, mm from the worksite centre on the table: x to the right, y up, z towards the learner.'),
        }),
      )
      .default([])
      .describe("Targets a camera-navigation drill centres in the laparoscope's picture (numbered in this order); needs `laparoscope`."),
    variants: z.array(Variant).min(1).describe('Virtual patients; the first is the default.'),
    caseCard: CaseCardSchema.optional().describe('The case shown before an attempt: the patient, history, indication and findings (docs/protocols.md).'),
    conditions: z.record(z.string(), Condition).default({}).describe('Named conditions, used as `ref: name`.'),
    timer: z
      .union([
        z.strictObject({ startWhen: Condition }),
        z.strictObject({ fromStart: z.literal(true).describe('From t = 0, before any action (a drill timed from its start: camera navigation).') }),
      ])
      .optional()
      .describe('When the timer starts (default: the first action).'),
    steps: z.array(Step).min(1),
    ordering: z.array(OrderingEntry).min(1).describe('The order of steps: ids, anyOrder groups and repeat blocks.'),
    errors: z.array(ErrorRule).default([]),
    dangerZones: z
      .array(
        z.strictObject({
          structure: Id,
          withinMm: z.number().positive().describe('Warn when an active cutting, clipping or energy instrument comes this close.'),
          why: Text.optional(),
        }),
      )
      .default([])
      .describe('Structures to keep away from: learn mode warns (visual, sound, vibration); other modes only log.'),
    scoring: Scoring,
    modes: z.strictObject({ learn: ModeSpec, practice: ModeSpec, assess: ModeSpec }),
    translations: z
      .record(z.string(), Translation)
      .default({})
      .describe("The protocol's text in other languages, by language code (docs/languages.md). Not graded: left out of the content hash."),
  })
  .describe('A Scrub procedure protocol (procedures/*.yaml).');

export type Protocol = z.infer<typeof ProtocolSchema>;
export type Variant = z.infer<typeof Variant>;
export type Scoring = z.infer<typeof Scoring>;
