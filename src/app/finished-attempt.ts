import type { Protocol } from '../core/procedure/index.ts';
import type { Report } from '../core/scoring/index.ts';
import type { Attempt } from '../core/attempt/attempt.ts';
import type { ToolInput } from '../core/kernel/index.ts';

/** An attempt that is over, as it is stored, debriefed and exported. */
export interface FinishedAttempt {
  protocol: Protocol;
  report: Report;
  /** The attempt itself (simulation, motion, event log), read-only from here on. */
  attempt: Attempt;
  /** The attempt's id (its journal's, made when it started): the stored attempt's, so recording it twice stores it once. */
  id: string;
  seed: number;
  /** Every tick's input: with the seed, replays the attempt. */
  inputLog: readonly ToolInput[];
  /**
   * The attempt's `.scrub` recording (with its trailer when the attempt is over; without, for an export of one
   * still running), or null where none was made (watching the expert): storing then records it from `inputLog`.
   */
  recording: Uint8Array | null;
  startedAtMs: number;
  endedAtMs: number;
  /** The learner it was started for (null: the current one, "Guest" if none). */
  profileId: string | null;
  /** Recovered after an interruption: the tick it had reached; `incomplete` when kept as it was. */
  interrupted?: { atTick: number; incomplete: boolean };
}
