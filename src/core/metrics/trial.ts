/** Both hands of an attempt, fed every tick by the simulation, with the bimanual metrics at the end. */
import type { Hand } from '../kernel/input.ts';
import { MotionAccumulator, type MotionAccumulatorState } from './accumulator.ts';
import { type BimanualMetrics, bimanualMetrics } from './bimanual.ts';
import type { MotionMetrics } from './motion.ts';
import type { MotionOptionsInput } from './options.ts';
import type { MotionTotals } from './steps.ts';

export interface TrialMotion {
  hands: Record<Hand, MotionMetrics>;
  /** Null unless both hands have the same number of samples (pushed on the same ticks). */
  bimanual: BimanualMetrics | null;
}

export class TrialMotionAccumulator {
  readonly hands: Record<Hand, MotionAccumulator>;

  constructor(options: Partial<Record<Hand, MotionOptionsInput>> = {}) {
    this.hands = { left: new MotionAccumulator(options.left), right: new MotionAccumulator(options.right) };
  }

  /** Both tips at time t (s); positions in metres. View and force left out are not measured. Allocates nothing. */
  push(t: number, left: ArrayLike<number>, right: ArrayLike<number>, inView?: Readonly<Record<Hand, boolean>>, force?: Readonly<Record<Hand, number>>): void {
    this.hands.left.push(t, left[0]!, left[1]!, left[2]!, inView?.left, force?.left);
    this.hands.right.push(t, right[0]!, right[1]!, right[2]!, inView?.right, force?.right);
  }

  /** `hand`'s next sample does not follow from its last (see {@link MotionAccumulator.gap}). */
  gap(hand: Hand): void {
    this.hands[hand].gap();
  }

  /** Summed path length of both hands so far, m. */
  get pathLength(): number {
    return this.hands.left.pathLength + this.hands.right.pathLength;
  }

  /** Both hands together so far: path length (m) and movements finished, for step splits. */
  totals(): MotionTotals {
    return { pathLength: this.pathLength, movements: this.hands.left.movements + this.hands.right.movements };
  }

  result(): TrialMotion {
    const { left, right } = this.hands;
    const hands = { left: left.result(), right: right.result() };
    const bimanual =
      left.samples === right.samples
        ? bimanualMetrics(left.speeds, right.speeds, [hands.left.pathLength, hands.right.pathLength], left.options.idleSpeed)
        : null;
    return { hands, bimanual };
  }

  save(): Record<Hand, MotionAccumulatorState> {
    return { left: this.hands.left.save(), right: this.hands.right.save() };
  }

  load(state: Record<Hand, MotionAccumulatorState>): void {
    this.hands.left.load(state.left);
    this.hands.right.load(state.right);
  }
}
