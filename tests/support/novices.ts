/**
 * Synthetic novices: a shipped expert (assets/experts/<procedure>.json) made worse at graded levels, for the
 * construct-validity test (tests/unit/scoring/construct-validity.test.ts) and scripts/construct-validity.ts.
 * Every level has every fault below, each level more of it (NOVICE_LEVELS; docs/metrics.md has the table):
 *
 * - slowed: the script's clock stretched (`slow` ×);
 * - pausing: holds of both hands at random keyframes where no button is pressed (`pausesPerMin`, `pauseSec`);
 * - lengthened: on free transits (≥ 1 cm and ≥ 0.25 s between two keyframes of a hand, jaws and buttons
 *   unchanged and no button pressed) the hand goes out to 70 % of the way, halts, comes back to 40 %, halts
 *   and goes on: 1.6× the transit's length and two more movements, on the line the expert used (`detours`:
 *   the share of such transits);
 * - trembling: the human-hand model's tremor (tests/support/human-hand.ts; `tremor` = its peak A; no drift,
 *   the script's timing);
 * - from level 2, the protocol's typical errors (`errors`, `typicalErrors`): an action added to the stream,
 *   the novice's own action made with a novice's values, or a shipped scripted mistake
 *   (assets/experts/<procedure>.<mistake>.json) performed first. The level-3 error is the scripted mistake
 *   where one ships.
 *
 * Deterministic: the same procedure, level and seed give the same attempt; the seed picks the pauses, the
 * detours and the tremor's phases, never the patient (the expert script's seed does).
 */
import type { Attempt } from '../../src/core/attempt/attempt.ts';
import { TICK_HZ } from '../../src/core/kernel/clock.ts';
import { HANDS, idleInput } from '../../src/core/kernel/input.ts';
import { Rng } from '../../src/core/kernel/rng.ts';
import { type Action, applyAction } from '../../src/core/procedure/index.ts';
import { type Keyframe, KeyframePlayer, type KeyframeScript } from '../../src/core/recording/keyframes.ts';
import type { Report } from '../../src/core/scoring/report.ts';
import { attemptFor, expertScript, play } from './experts.ts';
import { humanInputs } from './human-hand.ts';
import { PROCEDURES } from './human-table.ts';

export { PROCEDURES };
export type Procedure = (typeof PROCEDURES)[number];

export interface NoviceLevel {
  level: number;
  /** The script's clock stretched this many times. */
  slow: number;
  pausesPerMin: number;
  /** Each pause lasts between these, seconds. */
  pauseSec: readonly [number, number];
  /** The share of free transits retraced (0 … 1). */
  detours: number;
  /** Tremor peak A per axis, metres. */
  tremor: number;
  /** How many of the procedure's typical errors (`typicalErrors`, in order) the novice makes. */
  errors: number;
}

export const NOVICE_LEVELS: readonly NoviceLevel[] = [
  { level: 1, slow: 1.3, pausesPerMin: 4, pauseSec: [0.5, 1], detours: 0.25, tremor: 0.0001, errors: 0 },
  { level: 2, slow: 1.6, pausesPerMin: 8, pauseSec: [0.8, 1.6], detours: 0.5, tremor: 0.00015, errors: 1 },
  { level: 3, slow: 2, pausesPerMin: 12, pauseSec: [1, 2], detours: 0.75, tremor: 0.0002, errors: 2 },
];

/**
 * A typical error, one of: an extra action (`add`, its time and tick set when it is made) `afterSec` after
 * step `step` (a step key) begins; the novice's own first action of type `change` in that step, made with the
 * values `to` (a shallower bite, a tighter margin); or `first`, a scripted mistake performed before the
 * expert's own performance (when the mistake changes the world, as a ring lost off the board does, so that
 * the performance must go on without it).
 */
export type TypicalError =
  | { step: string; afterSec: number; add: Omit<Action, 't' | 'tick'> }
  | { step: string; change: Action['type']; to: Partial<Action> }
  | { first: string };

/** Seconds between a scripted mistake's last keyframe and the expert's first, for the hands to get there. */
const AFTER_MISTAKE_SEC = 1;

export const DETOUR = { minLength: 0.01, minSec: 0.25, out: 0.7, back: 0.4 } as const;

// ---- the script made slower, pausing and longer -------------------------------------------------------------

/** The expert script slowed, with pauses and detours, per `level` and `seed` (tremor and errors come in play). */
export function noviceScript(script: KeyframeScript, level: NoviceLevel, seed: number): KeyframeScript {
  const rng = new Rng(seed);
  const player = new KeyframePlayer(script);
  const pauses = pickPauses(script, player, level, rng);
  const hands = { left: [] as Keyframe[], right: [] as Keyframe[] };
  for (const hand of HANDS) {
    const frames = withPauses(script.hands[hand], pauses, player, hand);
    hands[hand] = withDetours(frames, player, hand, level.detours, rng).map(({ pause, ...f }) => ({ ...f, t: warp(f.t, level.slow, pauses) + (pause ?? 0) }));
  }
  const duration = script.duration === undefined ? undefined : warp(script.duration, level.slow, pauses);
  return {
    ...script,
    description: `${script.description ?? script.procedure} — novice level ${level.level}, seed ${seed}`,
    ...(duration !== undefined ? { duration } : {}),
    hands,
  };
}

interface Pause {
  /** The script's time it happens at. */
  at: number;
  sec: number;
}

/** A keyframe that ends a pause: it comes `pause` seconds after the one before (same script time). */
type PausedKeyframe = Keyframe & { pause?: number };

/** Novice time of a script time: stretched, plus every pause before it. */
function warp(t: number, slow: number, pauses: readonly Pause[]): number {
  let out = slow * t;
  for (const p of pauses) if (p.at < t) out += p.sec;
  return out;
}

/** Pauses at keyframe times where no hand presses a button (never at the start or the end). */
function pickPauses(script: KeyframeScript, player: KeyframePlayer, level: NoviceLevel, rng: Rng): Pause[] {
  const end = (player.ticks - 1) / TICK_HZ;
  const times = [...new Set(HANDS.flatMap((h) => script.hands[h].map((f) => f.t)))]
    .filter((t) => t > 0 && t < end)
    .filter((t) => HANDS.every((h) => player.inputAt(t * TICK_HZ).hands[h].buttons === 0))
    .sort((a, b) => a - b);
  const count = Math.min(times.length, Math.round((level.pausesPerMin * end) / 60));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(times[Math.floor(rng.next() * times.length)]!);
  return [...chosen].sort((a, b) => a - b).map((at) => ({ at, sec: rng.range(level.pauseSec[0], level.pauseSec[1]) }));
}

/** The hand's frames with a hold at each pause: a frame at the pause's time (sampled where none is) and its copy after the pause. */
function withPauses(frames: readonly Keyframe[], pauses: readonly Pause[], player: KeyframePlayer, hand: 'left' | 'right'): PausedKeyframe[] {
  const out: PausedKeyframe[] = frames.map((f) => ({ ...f }));
  const first = frames[0]?.t ?? Infinity;
  const last = frames.at(-1)?.t ?? -Infinity;
  for (const p of pauses) {
    // Before its first or after its last keyframe a hand holds still anyway.
    if (p.at <= first || p.at >= last) continue;
    let i = out.findLastIndex((f) => f.t <= p.at);
    if (out[i]!.t < p.at) out.splice(++i, 0, sampled(player, hand, p.at));
    out.splice(i + 1, 0, { ...sampled(player, hand, p.at), pause: p.sec });
  }
  return out;
}

/** The hand's pose and jaw at script time t (buttons and instrument left to be held). */
function sampled(player: KeyframePlayer, hand: 'left' | 'right', t: number): Keyframe {
  const h = player.inputAt(t * TICK_HZ, idleInput()).hands[hand];
  return { t, position: [...h.pose.position], orientation: [...h.pose.orientation], jaw: h.jaw };
}

/** Retraces a `share` of the hand's free transits: out to 70 % of the way, a halt, back to 40 %, a halt, then on. */
function withDetours(frames: readonly PausedKeyframe[], player: KeyframePlayer, hand: 'left' | 'right', share: number, rng: Rng): PausedKeyframe[] {
  const out: PausedKeyframe[] = [];
  frames.forEach((a, i) => {
    out.push(a);
    const b = frames[i + 1];
    if (!b || !isFreeTransit(a, b, player, hand) || rng.next() >= share) return;
    const span = b.t - a.t;
    const at = (time: number, way: number): Keyframe => ({ ...sampled(player, hand, a.t + way * span), t: a.t + time * span });
    // A hand that turns back stops first: each turn is held a tenth of the transit (two more movements).
    out.push(at(0.35, DETOUR.out), at(0.45, DETOUR.out), at(0.6, DETOUR.back), at(0.7, DETOUR.back));
  });
  return out;
}

function isFreeTransit(a: PausedKeyframe, b: PausedKeyframe, player: KeyframePlayer, hand: 'left' | 'right'): boolean {
  if (b.pause !== undefined || b.t - a.t < DETOUR.minSec || a.jaw !== b.jaw) return false;
  if (b.instrument !== undefined || (b.buttons !== undefined && b.buttons !== 0)) return false;
  if (player.inputAt(a.t * TICK_HZ).hands[hand].buttons !== 0) return false;
  const [ax, ay, az] = a.position;
  const [bx, by, bz] = b.position;
  return Math.hypot(bx - ax, by - ay, bz - az) >= DETOUR.minLength;
}

// ---- playing a novice ---------------------------------------------------------------------------------------

export interface NovicePlay {
  report: Report;
  /** The typical errors' actions as the engine took them (added, or the novice's own made differently). */
  made: Action[];
}

/** Plays the procedure's expert as a novice of `level` (1 … 3) with `seed`, then `finish()`. */
export function playNovice(procedure: Procedure, level: NoviceLevel, seed: number): NovicePlay {
  const errors = typicalErrors(procedure).slice(0, level.errors);
  const first = errors.flatMap((e) => ('first' in e ? [expertScript(e.first)] : []));
  const script = noviceScript(
    first.reduce((performance, mistake) => after(mistake, performance), expertScript(procedure)),
    level,
    seed,
  );
  const attempt = attemptFor(script);
  const pending = errors.filter((e): e is Added | Changed => !('first' in e));
  const made: Action[] = [];
  let tick = 0;
  for (const { input } of humanInputs(script, { amplitude: level.tremor, drift: 0, timing: 'script', seed })) {
    const before = attempt.engine;
    const logged = attempt.actions.length;
    attempt.tick(input);
    for (let i = pending.length - 1; i >= 0; i--) {
      const e = pending[i]!;
      const action = 'add' in e ? added(attempt, e, level, tick) : changed(attempt, e, before, logged);
      if (!action) continue;
      made.push(action);
      pending.splice(i, 1);
    }
    tick++;
  }
  attempt.finish();
  if (pending.length > 0) throw new Error(`${procedure} novice ${level.level}: ${pending.map(describe).join(', ')} never came, so the error was not made`);
  return { report: attempt.report(), made };
}

type Added = Extract<TypicalError, { add: unknown }>;
type Changed = Extract<TypicalError, { change: unknown }>;

/** The extra action, once its step has run `afterSec` (stretched as the novice is slowed); null before. */
function added(attempt: Attempt, e: Added, level: NoviceLevel, tick: number): Action | null {
  const step = attempt.engine.steps.find((s) => s.key === e.step && s.status === 'active');
  if (step?.start == null || tick / TICK_HZ < step.start + e.afterSec * level.slow) return null;
  const action = { ...e.add, t: tick / TICK_HZ, tick } as Action;
  attempt.engine = make(attempt, attempt.engine, action, true);
  return action;
}

/**
 * The novice's own first action of type `e.change` in step `e.step`, made with `e.to`: the tick's actions are
 * taken again from the engine state before it, with that one changed. Null while it has not come.
 */
function changed(attempt: Attempt, e: Changed, before: Attempt['engine'], logged: number): Action | null {
  if (!before.steps.some((s) => s.key === e.step && s.status === 'active')) return null;
  const at = attempt.actions.findIndex((a, i) => i >= logged && a.type === e.change);
  if (at < 0) return null;
  const action = { ...attempt.actions[at]!, ...e.to } as Action;
  let engine = before;
  for (let i = logged; i < attempt.actions.length; i++) engine = make(attempt, engine, i === at ? action : attempt.actions[i]!, i === at);
  const steps = (state: Attempt['engine']): string => state.steps.map((s) => `${s.key}:${s.status}`).join();
  if (steps(engine) !== steps(attempt.engine)) throw new Error(`${attempt.protocol.id}: ${describe(e)} changed the steps, not only the errors`);
  attempt.actions[at] = action;
  attempt.engine = engine;
  return action;
}

/** The engine's state after `action`; an erring action must be taken and raise an error. */
function make(attempt: Attempt, state: Attempt['engine'], action: Action, erring: boolean): Attempt['engine'] {
  const { state: next, findings } = applyAction(attempt.protocol, state, action);
  const rejected = findings.find((f) => f.type === 'action-rejected');
  if (rejected) throw new Error(`${attempt.protocol.id}: the engine rejected ${JSON.stringify(action)}: ${rejected.reason}`);
  if (erring && !findings.some((f) => f.type === 'error') && next.errors.length === state.errors.length) {
    throw new Error(`${attempt.protocol.id}: ${JSON.stringify(action)} raised no error`);
  }
  return next;
}

function describe(e: TypicalError): string {
  return 'first' in e ? e.first : 'add' in e ? `${e.add.type} in ${e.step}` : `${e.change} in ${e.step}`;
}

/** `mistake` performed, then `performance` from its start: its keyframes shifted to after the mistake's end. */
function after(mistake: KeyframeScript, performance: KeyframeScript): KeyframeScript {
  if (mistake.seed !== performance.seed || mistake.variant !== performance.variant)
    throw new Error(`${mistake.description}: not the patient of ${performance.description}`);
  const shift = (new KeyframePlayer(mistake).ticks - 1) / TICK_HZ + AFTER_MISTAKE_SEC;
  const hands = { left: [] as Keyframe[], right: [] as Keyframe[] };
  for (const hand of HANDS) hands[hand] = [...mistake.hands[hand], ...performance.hands[hand].map((f) => ({ ...f, t: f.t + shift }))];
  const { duration: _, ...rest } = performance;
  return { ...rest, ...(performance.duration !== undefined ? { duration: performance.duration + shift } : {}), hands };
}

/** The expert's own report: the benchmark the debrief sets attempts against (src/app/expert-benchmark.ts plays the same). */
export function expertReport(procedure: Procedure): Report {
  return play(procedure).report();
}

// ---- the protocols' typical errors --------------------------------------------------------------------------

/**
 * Per procedure, the typical errors in the order a novice makes them (level 2 the first, level 3 both). The
 * second is the shipped scripted mistake where one ships (its erring action, or the mistake itself first).
 */
export function typicalErrors(procedure: Procedure): TypicalError[] {
  switch (procedure) {
    case 'fls-peg-transfer':
      return [
        // A ring let go over the board, in view (minor; FLS counts it as a drop).
        { step: 'transfer-to-dominant-side', afterSec: 3, add: { type: 'drop', hand: 'left', instrument: 'grasper-left', object: 'o2', inView: true } },
        // The shipped mistake: the first ring let go outside the view, then the transfers go on with five.
        { first: 'fls-peg-transfer.drop-out-of-view' },
      ];
    case 'lap-chole-cvs':
      return [
        // The gallbladder torn by the retracting grasper (major, tissue).
        { step: 'dissect-hepatocystic-triangle', afterSec: 1, add: { type: 'tear', hand: 'left', instrument: 'atraumatic-grasper', structure: 'gallbladder' } },
        // The shipped mistake: after the critical view, a clip on the common bile duct (critical), besides the novice's own clips.
        { ...scripted('lap-chole-cvs.clip-bile-duct', 'bile-duct-injury'), afterSec: 0.5 },
      ];
    case 'interrupted-suture':
      // No scripted mistake ships: the first stitch's entry slanted (minor), the second's bite too shallow (major).
      return [
        { step: 'pass-needle#1', change: 'needle-enter', to: { angle: 45 } },
        { step: 'pass-needle#2', change: 'needle-exit', to: { depth: 1 } },
      ];
    case 'elliptical-excision':
      return [
        // The ellipse drawn off the tension lines (minor).
        { step: 'mark-ellipse', change: 'mark', to: { angle: 40 } },
        // The shipped mistake: the first side incised 1.2 mm from the lesion (major), as the scripted mistake does.
        { step: 'incise-first-side', change: 'incise', to: measuredBy('elliptical-excision.margin-too-small', 'margin-too-small') },
      ];
  }
}

const mistakes = new Map<string, Attempt>();

/** The action that raised `code` in the scripted mistake `name`, and the step it raised it in. */
function erring(name: string, code: string): { step: string; action: Action } {
  const attempt = mistakes.get(name) ?? play(name);
  mistakes.set(name, attempt);
  const error = attempt.engine.errors.find((e) => e.code === code);
  const action = error && attempt.actions.findLast((a) => a.t === error.t && a.hand === error.about?.hand && a.type !== 'contact');
  if (!error?.step || !action) throw new Error(`assets/experts/${name}.json no longer makes the ${code} error it is named for`);
  return { step: error.step, action };
}

/** The scripted mistake's erring action, to be added in the same step. */
function scripted(name: string, code: string): { step: string; add: Omit<Action, 't' | 'tick'> } {
  const { step, action } = erring(name, code);
  const { t: _t, tick: _tick, ...add } = action;
  return { step, add };
}

/** The figures the scripted mistake's erring action measured (what a novice's own action would measure). */
function measuredBy(name: string, code: string): Partial<Action> {
  const { action } = erring(name, code);
  if (action.margin === undefined || action.distance === undefined)
    throw new Error(`assets/experts/${name}.json: its ${code} action measures no margin and distance`);
  return { margin: action.margin, distance: action.distance };
}
