/**
 * An optional part of the human-hand model (human-hand.ts, `HumanOptions.aim`), on for the procedures that
 * move loose objects about (human-table.ts, AIM_AT_OBJECTS): the person aims by sight at the objects
 * themselves. The script's positions were planned for the expert's own run; in a person's run a ring rests a
 * few millimetres elsewhere on its peg (the holes clear the pegs loosely) and sits a little differently in
 * the jaws that took it; a suture needle laid down lies where this run's hand left it. A person sees that and
 * aims at this run's ring or needle, where the script replays the expert's spot. So, per hand, from the plain
 * expert run played once (where each object's landmarks, aim-targets.ts, were at every script tick):
 *
 * - the object the hand works on is the one with a landmark nearest the expert's tip at that script tick,
 *   within AIM_RANGE, among those its instrument can take;
 * - going for it (not holding it), the hand aims that much further as this run's landmark lies from the
 *   expert's (for the needle: the same place along it that the expert's jaws went for, so a re-grasp does not
 *   walk along the needle); holding it, the hand aims so that the object's working point (a ring's centre,
 *   the needle's point) comes to where the expert's was;
 * - that wanted shift is seen `reactionDelay` late and taken up at the drift's CORRECTION_RATE, as the drift
 *   is; it is never more than AIM_MAX (a ring that fell far away is beyond what the script could follow).
 *
 * The person's tremor and aim drift are not part of the shift: they are the hand's own, corrected (the drift)
 * or not (the tremor) as before.
 */
import type { Attempt } from '../../src/core/attempt/attempt.ts';
import { TICK_HZ } from '../../src/core/kernel/clock.ts';
import { HANDS, type Hand, type Vec3 } from '../../src/core/kernel/input.ts';
import { KeyframePlayer, type KeyframeScript } from '../../src/core/recording/keyframes.ts';
import { attemptFor } from './experts.ts';
import { CORRECTION_RATE, type Aim } from './human-hand.ts';
import { aimTargets } from './aim-targets.ts';

/** The expert's tip within this of an object's landmark (aim-targets.ts): the hand is working on it (m). */
export const AIM_RANGE = 0.05;
/** The most the aim is shifted (m). */
export const AIM_MAX = 0.02;

/** Per script tick: each hand's tip, then every object's landmarks (xyz each). */
interface ExpertTrack {
  stride: number;
  samples: Float64Array;
}

/** Played once per process and script (keyed by its text: each run loads its own copy). */
const tracks = new Map<string, ExpertTrack>();

function expertTrack(script: KeyframeScript): ExpertTrack {
  const key = JSON.stringify(script);
  let track = tracks.get(key);
  if (track) return track;
  const attempt = attemptFor(script);
  const targets = aimTargets(attempt);
  const player = new KeyframePlayer(script);
  const stride = 3 * (HANDS.length + targets.landmarks.reduce((a, b) => a + b, 0));
  const samples = new Float64Array(player.ticks * stride);
  for (let t = 0; t < player.ticks; t++) {
    attempt.tick(player.inputAt(t));
    const o = t * stride;
    HANDS.forEach((hand, h) => samples.set(attempt.world.hands[hand].tip, o + 3 * h));
    targets.read(samples, o + 3 * HANDS.length);
  }
  tracks.set(key, (track = { stride, samples }));
  return track;
}

/** `aim` for playHuman: shifts towards this run's objects, as above. */
export function aimAtObjects(script: KeyframeScript, attempt: Attempt, reactionDelay: number): Aim {
  const track = expertTrack(script);
  const targets = aimTargets(attempt);
  // Each object's first landmark, counted from the first landmark of all.
  const first = targets.landmarks.map((_, k) => targets.landmarks.slice(0, k).reduce((a, b) => a + b, 0));
  const now = new Float64Array(track.stride - 3 * HANDS.length);
  const delay = Math.max(1, Math.round(reactionDelay * TICK_HZ));
  const state = HANDS.map(() => ({ shift: [0, 0, 0] as Vec3, lastMotor: [0, 0, 0] as Vec3, seen: new Float64Array(3 * delay), tick: 0 }));
  const want: Vec3 = [0, 0, 0];
  return (hand: Hand, scriptTick: number, motor: Readonly<Vec3>): Readonly<Vec3> => {
    const h = HANDS.indexOf(hand);
    const s = state[h]!;
    const o = Math.min(scriptTick, track.samples.length / track.stride - 1) * track.stride;
    const e = track.samples;
    const tip = o + 3 * h;
    const instrument = attempt.world.hands[hand].instrument;
    let target = -1;
    let mark = -1;
    let nearest = AIM_RANGE;
    targets.landmarks.forEach((count, k) => {
      if (!targets.takes(k, instrument)) return;
      for (let j = first[k]!; j < first[k]! + count; j++) {
        const p = o + 3 * (HANDS.length + j);
        const d = Math.hypot(e[p]! - e[tip]!, e[p + 1]! - e[tip + 1]!, e[p + 2]! - e[tip + 2]!);
        if (d < nearest) {
          nearest = d;
          target = k;
          mark = j;
        }
      }
    });
    want[0] = want[1] = want[2] = 0;
    if (target >= 0) {
      const holding = targets.holder(target) === h;
      if (holding) mark = first[target]!;
      targets.read(now, 0);
      const p = o + 3 * (HANDS.length + mark);
      const off = [now[3 * mark]! - e[p]!, now[3 * mark + 1]! - e[p + 1]!, now[3 * mark + 2]! - e[p + 2]!];
      // Held, the object is off by the hand's own error and shift (last tick's, which placed it) too: only the
      // rest is how it sits in the jaws.
      for (let c = 0; c < 3; c++) want[c] = holding ? -(off[c]! - s.lastMotor[c]! - s.shift[c]!) : off[c]!;
      const n = Math.hypot(...want);
      if (n > AIM_MAX) for (let c = 0; c < 3; c++) want[c] = (want[c]! * AIM_MAX) / n;
    }
    const slot = 3 * (s.tick % delay);
    for (let c = 0; c < 3; c++) {
      s.shift[c] = s.shift[c]! + (CORRECTION_RATE / TICK_HZ) * (s.seen[slot + c]! - s.shift[c]!);
      s.seen[slot + c] = want[c]!;
    }
    for (let c = 0; c < 3; c++) s.lastMotor[c] = motor[c]!;
    s.tick++;
    return s.shift;
  };
}
