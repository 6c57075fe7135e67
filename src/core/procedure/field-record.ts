/**
 * What the engine remembers of the operative field: facts accumulated from actions (cleared fractions,
 * clips, cuts, declarations, where each object is, the stitch in progress). Immutable: each action
 * yields a new value that shares everything it did not touch.
 */
import type { Action } from '../vocabulary/actions.ts';
import { getOwn, withKey, type IdRecord } from './records.ts';

export interface Clip {
  s: number;
  complete: boolean;
}

export interface Throw {
  wraps: number;
  direction: string;
}

/** The suture being placed: from its skin entry to the cut of its tails. */
export interface Stitch {
  enterDistance: number | null;
  throws: readonly Throw[];
}

export interface FieldRecord {
  /** Highest cleared (dissected, exposed, freed) fraction seen per structure or region, 0…1. */
  cleared: IdRecord<number>;
  clips: IdRecord<readonly Clip[]>;
  /** Positions s of the cuts on each structure (null when the cut carried no position). */
  cuts: IdRecord<readonly (number | null)[]>;
  declared: readonly string[];
  /** Actions seen so far, by type. */
  counts: IdRecord<number>;
  /** Where each object is: `peg:<id>`, `hand:<hand>`, `place:<what>`, `field` (dropped in view) or `lost`. */
  objects: IdRecord<string>;
  lost: number;
  stitch: Stitch;
  /** Position s along the wound of each stitch's entry, in placement order. */
  sutures: readonly number[];
  /** Incision strokes per side (the `what` of each incise). */
  strokes: IdRecord<number>;
}

export function emptyFieldRecord(): FieldRecord {
  return {
    cleared: {},
    clips: {},
    cuts: {},
    declared: [],
    counts: {},
    objects: {},
    lost: 0,
    stitch: { enterDistance: null, throws: [] },
    sutures: [],
    strokes: {},
  };
}

export function recordInField(scene: FieldRecord, action: Action): FieldRecord {
  const next: FieldRecord = { ...scene, counts: withKey(scene.counts, action.type, (getOwn(scene.counts, action.type) ?? 0) + 1) };
  const structure = typeof action.structure === 'string' ? action.structure : undefined;
  switch (action.type) {
    case 'dissect':
      if (structure !== undefined && isNumber(action.fraction)) {
        const fraction = Math.min(1, Math.max(0, action.fraction));
        next.cleared = withKey(scene.cleared, structure, Math.max(getOwn(scene.cleared, structure) ?? 0, fraction));
      }
      break;
    case 'clip':
      if (structure !== undefined && isNumber(action.s)) {
        const clip = { s: action.s, complete: action.complete === true };
        next.clips = withKey(scene.clips, structure, [...(getOwn(scene.clips, structure) ?? []), clip]);
      }
      break;
    case 'cut':
      if (structure !== undefined) {
        const s = isNumber(action.s) ? action.s : null;
        next.cuts = withKey(scene.cuts, structure, [...(getOwn(scene.cuts, structure) ?? []), s]);
      }
      break;
    case 'declare':
      if (typeof action.what === 'string' && !scene.declared.includes(action.what)) next.declared = [...scene.declared, action.what];
      break;
    case 'grasp':
      if (typeof action.object === 'string') next.objects = withKey(scene.objects, action.object, `hand:${String(action.hand ?? '')}`);
      break;
    case 'handover':
      if (typeof action.object === 'string') next.objects = withKey(scene.objects, action.object, `hand:${String(action.to ?? '')}`);
      break;
    case 'place':
      if (typeof action.object === 'string') {
        const where = typeof action.peg === 'string' ? `peg:${action.peg}` : `place:${String(action.what ?? '')}`;
        next.objects = withKey(scene.objects, action.object, where);
      }
      break;
    case 'drop':
      if (typeof action.object === 'string' && getOwn(scene.objects, action.object) !== 'lost') {
        const lost = action.inView === false;
        next.objects = withKey(scene.objects, action.object, lost ? 'lost' : 'field');
        if (lost) next.lost = scene.lost + 1;
      }
      break;
    case 'needle-enter':
      next.stitch = { enterDistance: isNumber(action.distance) ? action.distance : null, throws: [] };
      if (isNumber(action.s)) next.sutures = [...scene.sutures, action.s];
      break;
    case 'throw':
      if (isNumber(action.wraps)) {
        const knot = { wraps: action.wraps, direction: String(action.direction ?? '') };
        next.stitch = { ...scene.stitch, throws: [...scene.stitch.throws, knot] };
      }
      break;
    case 'incise': {
      const side = String(action.what ?? '');
      next.strokes = withKey(scene.strokes, side, (getOwn(scene.strokes, side) ?? 0) + 1);
      break;
    }
    default:
      break;
  }
  return next;
}

export function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
