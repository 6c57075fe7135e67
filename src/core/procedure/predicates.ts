/**
 * Named spatial and technical predicates a protocol can use as conditions (`clips-both-sides: {…}`).
 * Each is small, pure and reads only the scene facts and the action being judged. Adding one here
 * makes it available to every protocol, to the validator and to the JSON Schema.
 */
import { z } from 'zod';
import type { Action } from '../vocabulary/actions.ts';
import { Names, Num, names, num, type Params } from './params.ts';
import { getOwn } from './records.ts';
import { isNumber, type FieldRecord } from './field-record.ts';
import type { Measurement } from './specifics.ts';

export interface PredicateContext {
  scene: FieldRecord;
  action: Action;
  params: Params;
}

interface Predicate<S extends z.ZodType> {
  summary: string;
  args: S;
  /** Argument names whose values are structure ids (checked by the validator). */
  structureArgs: readonly string[];
  test: (ctx: PredicateContext, args: z.infer<S>) => boolean;
  /** Why the test gave `held` (for an error's specifics): what was measured, which of its criteria failed. */
  explain?: (ctx: PredicateContext, args: z.infer<S>, held: boolean) => PredicateExplanation;
}

export interface PredicateExplanation {
  measured?: Measurement[];
  missing?: string[];
}

function predicate<S extends z.ZodType>(p: Predicate<S>): Predicate<S> {
  return p;
}

const clipsBothSides = predicate({
  summary:
    'Every listed structure carries complete clips that leave room to divide it: at least `patientSide` clips above some point and `gallbladderSide` below it, with `gap` (in s) free between them.',
  args: z.strictObject({ structure: Names, patientSide: Num, gallbladderSide: Num, gap: Num }),
  structureArgs: ['structure'],
  test: ({ scene, params }, a) =>
    names(a.structure, params).every((id) =>
      hasRoomToCut(completeClipPositions(scene, id), num(a.patientSide, params), num(a.gallbladderSide, params), num(a.gap, params)),
    ),
});

const cutBetweenClips = predicate({
  summary:
    'The cut being judged lies between clips: at least `patientSide` complete clips beyond it towards the patient and `gallbladderSide` on the gallbladder side, ignoring clips within `tolerance` of the cut.',
  args: z.strictObject({ patientSide: Num, gallbladderSide: Num, tolerance: Num }),
  structureArgs: [],
  test: (ctx, a) => {
    const sides = clipsEitherSide(ctx, a.tolerance);
    return sides !== null && sides.patientSide >= num(a.patientSide, ctx.params) && sides.gallbladderSide >= num(a.gallbladderSide, ctx.params);
  },
  explain: (ctx, a, held) => {
    const sides = clipsEitherSide(ctx, a.tolerance);
    if (held || sides === null) return {};
    const measured: Measurement[] = [];
    const need = { patientSide: num(a.patientSide, ctx.params), gallbladderSide: num(a.gallbladderSide, ctx.params) };
    if (sides.patientSide < need.patientSide)
      measured.push({ quantity: 'patient-side-clips', value: sides.patientSide, comparison: 'lt', threshold: need.patientSide });
    if (sides.gallbladderSide < need.gallbladderSide) {
      measured.push({ quantity: 'gallbladder-side-clips', value: sides.gallbladderSide, comparison: 'lt', threshold: need.gallbladderSide });
    }
    return { measured };
  },
});

/** Complete clips beyond the cut being judged on each side (ignoring those within `tolerance`); null when the action is no positioned cut. */
function clipsEitherSide({ scene, action, params }: PredicateContext, tolerance: Num): { patientSide: number; gallbladderSide: number } | null {
  if (typeof action.structure !== 'string' || !isNumber(action.s)) return null;
  const cut = action.s;
  const t = num(tolerance, params);
  const clips = completeClipPositions(scene, action.structure);
  return { patientSide: clips.filter((s) => s > cut + t).length, gallbladderSide: clips.filter((s) => s < cut - t).length };
}

const cutThroughClip = predicate({
  summary: 'The cut being judged passes within `tolerance` (in s) of a clip on the same structure.',
  args: z.strictObject({ tolerance: Num }),
  structureArgs: [],
  test: (ctx, a) => {
    const nearest = nearestClip(ctx);
    return nearest !== null && nearest <= num(a.tolerance, ctx.params);
  },
  explain: (ctx, a, held) => {
    const nearest = nearestClip(ctx);
    if (!held || nearest === null) return {};
    return { measured: [{ quantity: 'distance-to-clip', value: nearest, comparison: 'lte', threshold: num(a.tolerance, ctx.params) }] };
  },
});

/** How far (in s) the cut being judged is from the nearest clip on its structure; null without a positioned cut or a clip. */
function nearestClip({ scene, action }: PredicateContext): number | null {
  if (typeof action.structure !== 'string' || !isNumber(action.s)) return null;
  const cut = action.s;
  const distances = (getOwn(scene.clips, action.structure) ?? []).map((clip) => Math.abs(clip.s - cut));
  return distances.length === 0 ? null : Math.min(...distances);
}

const divided = predicate({
  summary: 'Every listed structure has been cut.',
  args: z.strictObject({ structure: Names }),
  structureArgs: ['structure'],
  test: ({ scene, params }, a) => names(a.structure, params).every((id) => (getOwn(scene.cuts, id)?.length ?? 0) > 0),
});

const biteSymmetric = predicate({
  summary: "The needle's exit (the action judged) is as far from the wound edge as its entry was, within `tolerance` millimetres.",
  args: z.strictObject({ tolerance: Num }),
  structureArgs: [],
  test: ({ scene, action, params }, a) => {
    const entry = scene.stitch.enterDistance;
    if (entry === null || !isNumber(action.distance)) return true;
    return Math.abs(action.distance - entry) <= num(a.tolerance, params);
  },
  explain: ({ scene, action, params }, a, held) => {
    const entry = scene.stitch.enterDistance;
    if (held || entry === null || !isNumber(action.distance)) return {};
    const difference = Math.abs(action.distance - entry);
    return { measured: [{ quantity: 'exit-minus-entry-distance', value: difference, comparison: 'gt', threshold: num(a.tolerance, params), unit: 'mm' }] };
  },
});

const biteDepthsEven = predicate({
  summary:
    "The needle's exit (the action judged) took the far side of the wound as deep as the near side, within `tolerance` millimetres (`entryDepth`, `exitDepth`).",
  args: z.strictObject({ tolerance: Num }),
  structureArgs: [],
  test: ({ action, params }, a) =>
    !isNumber(action.entryDepth) || !isNumber(action.exitDepth) || Math.abs(action.entryDepth - action.exitDepth) <= num(a.tolerance, params),
  explain: ({ action, params }, a, held) => {
    if (held || !isNumber(action.entryDepth) || !isNumber(action.exitDepth)) return {};
    const difference = Math.abs(action.entryDepth - action.exitDepth);
    return { measured: [{ quantity: 'depth-difference-between-sides', value: difference, comparison: 'gt', threshold: num(a.tolerance, params), unit: 'mm' }] };
  },
});

const spacingEven = predicate({
  summary:
    "The stitch being started (the action's s along the wound) is `min`…`max` millimetres from the previous one; `woundLength` converts s to millimetres.",
  args: z.strictObject({ min: Num, max: Num, woundLength: Num }),
  structureArgs: [],
  test: ({ scene, action, params }, a) => {
    const spacing = stitchSpacing(scene, action, a.woundLength, params);
    return spacing === null || (spacing >= num(a.min, params) && spacing <= num(a.max, params));
  },
  explain: ({ scene, action, params }, a, held) => {
    const spacing = stitchSpacing(scene, action, a.woundLength, params);
    if (held || spacing === null) return {};
    return { measured: [{ quantity: 'spacing', value: spacing, comparison: 'outside', threshold: [num(a.min, params), num(a.max, params)], unit: 'mm' }] };
  },
});

/** Millimetres from the previous stitch to the one being started; null for the first or an unpositioned one. */
function stitchSpacing(scene: FieldRecord, action: Action, woundLength: Num, params: Params): number | null {
  const previous = scene.sutures[scene.sutures.length - 1];
  if (previous === undefined || !isNumber(action.s)) return null;
  return Math.abs(action.s - previous) * num(woundLength, params);
}

const knotSecure = predicate({
  summary:
    "The current stitch's knot is square and secure: at least `minThrows` throws, the first with at least `firstWraps` wraps (a surgeon's knot), each throw in the opposite direction to the one before.",
  args: z.strictObject({ minThrows: Num, firstWraps: Num }),
  structureArgs: [],
  test: (ctx, a) => knotShortfalls(ctx, a).length === 0,
  explain: (ctx, a, held) => {
    if (held) return {};
    const shortfalls = knotShortfalls(ctx, a);
    return { missing: shortfalls.map((s) => s.criterion), measured: shortfalls.flatMap((s) => (s.measured === undefined ? [] : [s.measured])) };
  },
});

/** The criteria of a square, secure knot that the current stitch's throws fail, each with what was measured. */
function knotShortfalls({ scene, params }: PredicateContext, a: { minThrows: Num; firstWraps: Num }): { criterion: string; measured?: Measurement }[] {
  const throws = scene.stitch.throws;
  const minThrows = num(a.minThrows, params);
  const firstWraps = num(a.firstWraps, params);
  const wraps = throws[0]?.wraps ?? 0;
  const shortfalls: { criterion: string; measured?: Measurement }[] = [];
  if (throws.length === 0 || throws.length < minThrows) {
    const criterion = 'enough-throws';
    shortfalls.push({ criterion, measured: { quantity: 'throws', value: throws.length, comparison: 'lt', threshold: minThrows, criterion } });
  }
  if (wraps < firstWraps) {
    const criterion = 'surgeons-first-throw';
    shortfalls.push({ criterion, measured: { quantity: 'first-throw-wraps', value: wraps, comparison: 'lt', threshold: firstWraps, criterion } });
  }
  if (throws.some((t, i) => i > 0 && t.direction === throws[i - 1]!.direction)) shortfalls.push({ criterion: 'alternating-throws' });
  return shortfalls;
}

const woundClosed = predicate({
  summary:
    'The stitches close the wound: at least `minSutures`, and no gap longer than `maxGap` millimetres between neighbours or at either end (`woundLength` converts s to millimetres).',
  args: z.strictObject({ minSutures: Num, maxGap: Num, woundLength: Num }),
  structureArgs: [],
  test: ({ scene, params }, a) => {
    if (scene.sutures.length < num(a.minSutures, params)) return false;
    const length = num(a.woundLength, params);
    const points = [0, ...[...scene.sutures].sort((x, y) => x - y), 1].map((s) => s * length);
    return points.every((p, i) => i === 0 || p - points[i - 1]! <= num(a.maxGap, params));
  },
});

const objectsOnSide = predicate({
  summary: 'Every object still in play (`objects` in all, less those lost) sits on a peg whose id starts with `side`.',
  args: z.strictObject({ side: z.string(), objects: Num }),
  structureArgs: [],
  test: ({ scene, params }, a) => {
    const side = names(a.side, params)[0] ?? '';
    const inPlay = num(a.objects, params) - scene.lost;
    const onSide = Object.values(scene.objects).filter((where) => where.startsWith(`peg:${side}`)).length;
    return inPlay > 0 && onSide >= inPlay;
  },
});

const strokesWithin = predicate({
  summary: "The incision side being cut (the action's `what`) has taken no more than `max` strokes so far, this one included.",
  args: z.strictObject({ max: Num }),
  structureArgs: [],
  test: (ctx, a) => strokesOnSide(ctx) <= num(a.max, ctx.params),
  explain: (ctx, a, held) =>
    held ? {} : { measured: [{ quantity: 'strokes', value: strokesOnSide(ctx), comparison: 'gt', threshold: num(a.max, ctx.params) }] },
});

/** Strokes taken on the incision side being cut (the action's `what`), this one included. */
function strokesOnSide({ scene, action }: PredicateContext): number {
  const side = String(action.what ?? '');
  return (getOwn(scene.strokes, side) ?? 0) + (action.type === 'incise' ? 1 : 0);
}

export const PREDICATES = {
  'clips-both-sides': clipsBothSides,
  'cut-between-clips': cutBetweenClips,
  'cut-through-clip': cutThroughClip,
  divided,
  'bite-symmetric': biteSymmetric,
  'bite-depths-even': biteDepthsEven,
  'spacing-even': spacingEven,
  'knot-secure': knotSecure,
  'wound-closed': woundClosed,
  'objects-on-side': objectsOnSide,
  'strokes-within': strokesWithin,
} as const;
export type PredicateName = keyof typeof PREDICATES;
export const PREDICATE_NAMES = Object.keys(PREDICATES) as PredicateName[];

export function testPredicate(name: PredicateName, ctx: PredicateContext, args: unknown): boolean {
  const p = PREDICATES[name] as Predicate<z.ZodType>;
  return p.test(ctx, args);
}

export function explainPredicate(name: PredicateName, ctx: PredicateContext, args: unknown, held: boolean): PredicateExplanation {
  const p = PREDICATES[name] as Predicate<z.ZodType>;
  return p.explain?.(ctx, args, held) ?? {};
}

function completeClipPositions(scene: FieldRecord, structure: string): number[] {
  return (getOwn(scene.clips, structure) ?? []).filter((c) => c.complete).map((c) => c.s);
}

/** Whether sorted clip positions allow a cut with enough clips on each side and `gap` free between them. */
function hasRoomToCut(positions: number[], patientSide: number, gallbladderSide: number, gap: number): boolean {
  const s = [...positions].sort((a, b) => a - b);
  if (gallbladderSide <= 0 && s.length >= patientSide) return true;
  for (let below = Math.max(1, gallbladderSide); below < s.length; below++) {
    if (s.length - below >= patientSide && s[below]! - s[below - 1]! >= gap) return true;
  }
  return false;
}
