/**
 * All recognisers together: per tick, instrument state + the scene's contacts and events → semantic
 * actions for the procedure engine. Deterministic (fixed order, no clocks, no randomness); all state is
 * plain data, so snapshot() is JSON and restore() continues identically.
 */
import type { Action } from '../vocabulary/actions.ts';
import type { StateHasher } from '../kernel/hash.ts';
import { CauterizeRecogniser } from './cauterize.ts';
import { ClipRecogniser } from './clip.ts';
import { ContactRecogniser } from './contact.ts';
import { action, type RecogniserInstruments, type RecogniserScene, type TickContext } from './context.ts';
import { CutRecogniser } from './cut.ts';
import { DeclareRecogniser } from './declare.ts';
import { DissectRecogniser } from './dissect.ts';
import { fluidActions } from './fluids.ts';
import { FramingRecogniser } from './framing.ts';
import { heatActions } from './heat.ts';
import { NO_GEOMETRY } from './geometry.ts';
import { GraspRecogniser } from './grasp.ts';
import { InciseRecogniser } from './incise.ts';
import { MarkRecogniser } from './mark.ts';
import { NeedleRecogniser } from './needle.ts';
import { ObjectsRecogniser } from './objects.ts';
import { recogniserParams, type RecogniserParams } from './params.ts';
import { PoseWindow } from './proximity.ts';
import { ThrowRecogniser } from './throw.ts';
import { VisibilityRecogniser } from './visibility.ts';

export interface RecognisersSnapshot {
  version: 1;
  grasp: GraspRecogniser['state'];
  objects: ObjectsRecogniser['state'];
  clip: ClipRecogniser['state'];
  needle: NeedleRecogniser['state'];
  throws: ThrowRecogniser['state'];
  incise: InciseRecogniser['state'];
  mark: MarkRecogniser['state'];
  dissect: DissectRecogniser['state'];
  cauterize: CauterizeRecogniser['state'];
  contact: ContactRecogniser['state'];
  declare: DeclareRecogniser['state'];
  visibility: VisibilityRecogniser['state'];
  poses: PoseWindow['state'];
  /** Only in a camera-navigation drill (protocols with `viewTargets`): other attempts snapshot and hash as before it existed. */
  framing?: FramingRecogniser['state'];
}

export class Recognisers {
  readonly params: RecogniserParams;
  private readonly grasp = new GraspRecogniser();
  private readonly objects = new ObjectsRecogniser();
  private readonly clip = new ClipRecogniser();
  private readonly cut = new CutRecogniser();
  private readonly needle = new NeedleRecogniser();
  private readonly throws = new ThrowRecogniser();
  private readonly incise = new InciseRecogniser();
  private readonly mark = new MarkRecogniser();
  private readonly dissect: DissectRecogniser;
  private readonly cauterize = new CauterizeRecogniser();
  private readonly contact = new ContactRecogniser();
  private readonly declare: DeclareRecogniser;
  private readonly visibility = new VisibilityRecogniser();
  private readonly poses = new PoseWindow();
  private readonly framing: FramingRecogniser;
  /** Reused every tick: the returned array is only valid until the next call. */
  private readonly out: Action[] = [];
  private readonly ctx: TickContext;

  constructor(params: Partial<RecogniserParams> = {}) {
    this.params = recogniserParams(params);
    this.dissect = new DissectRecogniser(this.params.dissectRegions.length);
    this.declare = new DeclareRecogniser(this.params.declarations.length);
    this.framing = new FramingRecogniser(this.params.viewTargets.length);
    this.ctx = { tick: 0, params: this.params, now: null!, before: null!, contacts: [], events: [], geometry: NO_GEOMETRY, cleared: undefined };
  }

  /**
   * The actions of one tick, in a fixed order. Call after the scene has stepped, with the tick just
   * simulated. The array is reused: copy it (or its elements, which are fresh objects) to keep them.
   */
  step(tick: number, instruments: RecogniserInstruments, scene: RecogniserScene): readonly Action[] {
    const ctx = this.ctx;
    ctx.tick = tick;
    ctx.now = instruments.current;
    ctx.before = instruments.previous;
    ctx.contacts = scene.contacts;
    ctx.events = scene.events;
    ctx.geometry = scene.geometry ?? NO_GEOMETRY;
    ctx.cleared = scene.cleared;
    const out = this.out;
    if (out.length > 0) out.length = 0;
    this.poses.step(ctx);
    this.grasp.step(ctx, out);
    this.objects.step(ctx, out);
    this.needle.step(ctx, out);
    this.clip.step(ctx, out);
    this.cut.step(ctx, out, this.throws.knot, this.poses);
    this.throws.step(ctx, out, out);
    this.mark.step(ctx, out);
    this.incise.step(ctx, out, this.mark.marking);
    this.dissect.step(ctx, out);
    this.cauterize.step(ctx, out, this.poses);
    this.contact.step(ctx, out);
    fluidActions(ctx, out);
    heatActions(ctx, out);
    this.declare.step(ctx, out);
    this.visibility.step(ctx, out);
    this.framing.step(ctx, out);
    return out;
  }

  /** The trainee ends the attempt: energy still on is reported, then `end`. */
  end(tick: number): readonly Action[] {
    const out = this.out;
    out.length = 0;
    this.ctx.tick = tick;
    this.clip.finish(this.ctx, out);
    this.cauterize.finish(tick, this.params.cauteryMinTicks, out);
    out.push(action(tick, 'end', {}));
    return out;
  }

  /** The recognisers that keep state, by their snapshot's key (in the snapshot's, and so the hash's, order). */
  private stateful(): { [K in Exclude<keyof RecognisersSnapshot, 'version' | 'framing'>]: { state: RecognisersSnapshot[K] } } {
    return {
      grasp: this.grasp,
      objects: this.objects,
      clip: this.clip,
      needle: this.needle,
      throws: this.throws,
      incise: this.incise,
      mark: this.mark,
      dissect: this.dissect,
      cauterize: this.cauterize,
      contact: this.contact,
      declare: this.declare,
      visibility: this.visibility,
      poses: this.poses,
    };
  }

  snapshot(): RecognisersSnapshot {
    const states = Object.entries(this.stateful()).map(([key, r]) => [key, r.state]);
    if (this.framing.active) states.push(['framing', this.framing.state]);
    return clonePlain({ version: 1, ...Object.fromEntries(states) } as RecognisersSnapshot);
  }

  restore(snapshot: RecognisersSnapshot): void {
    const s = clonePlain(snapshot);
    const recognisers = this.stateful();
    for (const key of Object.keys(recognisers) as (keyof typeof recognisers)[]) (recognisers[key] as { state: unknown }).state = s[key];
    if (s.framing) this.framing.state = s.framing;
  }

  /** Adds the recognisers' state to a state hash (walks the snapshot's data in its fixed key order). */
  hash(h: StateHasher): void {
    hashPlain(h, this.snapshot());
  }
}

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

function clonePlain<T>(value: T): T {
  return cloneValue(value as Plain) as T;
}

function cloneValue(value: Plain): Plain {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: Plain } = {};
    for (const key of Object.keys(value)) copy[key] = cloneValue(value[key]!);
    return copy;
  }
  return value;
}

function hashPlain(h: StateHasher, value: unknown): void {
  if (value === null || value === undefined) h.string('∅');
  else if (typeof value === 'number') h.number(value);
  else if (typeof value === 'boolean') h.number(value ? 1 : 0);
  else if (typeof value === 'string') h.string(value).string('|');
  else if (Array.isArray(value)) {
    h.number(value.length);
    for (const v of value) hashPlain(h, v);
  } else {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      h.string(key);
      hashPlain(h, v);
    }
  }
}
