/**
 * An optional part of the human-hand model (human-hand.ts, `HumanOptions.aim`), on for the procedures that
 * move loose objects about (human-table.ts, AIM_AT_OBJECTS): the person aims by sight at the objects
 * themselves. The script's positions were planned for the expert's own run; in a person's run a ring rests a
 * few millimetres elsewhere on its peg (the holes clear the pegs loosely) and sits a little differently in
 * the jaws that took it. A person sees that and aims at this run's ring, where the script replays the
 * expert's spot. So, per hand, from the plain expert run played once (where each object was at every script
 * tick):
 *
 * - the object the hand works on is the one nearest the expert's tip at that script tick, within AIM_RANGE;
 * - going for it (not holding it), the hand aims that much further as this run's object lies from the
 *   expert's; holding it, the hand aims so that the object comes to where the expert's was;
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

/** The expert's tip within this of an object: the hand is working on it (m). */
export const AIM_RANGE = 0.05;
/** The most the aim is shifted (m). */
export const AIM_MAX = 0.02;

/** Per script tick: each hand's tip, then each object's centre (xyz each). */
interface ExpertTrack {
  objects: number;
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
  const player = new KeyframePlayer(script);
  const objects = attempt.world.objects.length;
  const stride = 3 * (HANDS.length + objects);
  const samples = new Float64Array(player.ticks * stride);
  for (let t = 0; t < player.ticks; t++) {
    attempt.tick(player.inputAt(t));
    const o = t * stride;
    HANDS.forEach((hand, h) => samples.set(attempt.world.hands[hand].tip, o + 3 * h));
    attempt.world.objects.forEach((b, k) => samples.set([b.position.x, b.position.y, b.position.z], o + 3 * (HANDS.length + k)));
  }
  tracks.set(key, (track = { objects, stride, samples }));
  return track;
}

/** `aim` for playHuman: shifts towards this run's objects, as above. */
export function aimAtObjects(script: KeyframeScript, attempt: Attempt, reactionDelay: number): Aim {
  const track = expertTrack(script);
  const delay = Math.max(1, Math.round(reactionDelay * TICK_HZ));
  const state = HANDS.map(() => ({ shift: [0, 0, 0] as Vec3, lastMotor: [0, 0, 0] as Vec3, seen: new Float64Array(3 * delay), tick: 0 }));
  const want: Vec3 = [0, 0, 0];
  return (hand: Hand, scriptTick: number, motor: Readonly<Vec3>): Readonly<Vec3> => {
    const h = HANDS.indexOf(hand);
    const s = state[h]!;
    const o = Math.min(scriptTick, track.samples.length / track.stride - 1) * track.stride;
    const e = track.samples;
    let target = -1;
    let nearest = AIM_RANGE;
    for (let k = 0; k < track.objects; k++) {
      const p = o + 3 * (HANDS.length + k);
      const d = Math.hypot(e[p]! - e[o + 3 * h]!, e[p + 1]! - e[o + 3 * h + 1]!, e[p + 2]! - e[o + 3 * h + 2]!);
      if (d < nearest) {
        nearest = d;
        target = k;
      }
    }
    want[0] = want[1] = want[2] = 0;
    if (target >= 0) {
      const b = attempt.world.objects[target]!.position;
      const p = o + 3 * (HANDS.length + target);
      const contact = attempt.world.scene?.contacts[h];
      const holding = contact?.grasping && contact.part === target;
      const off = [b.x - e[p]!, b.y - e[p + 1]!, b.z - e[p + 2]!];
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
