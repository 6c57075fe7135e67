import type { Protocol } from '../core/procedure/index.ts';
import type { Report } from '../core/scoring/index.ts';
import type { Attempt } from '../core/attempt/attempt.ts';

/** An attempt that is over, as it is stored, debriefed and exported. */
export interface FinishedAttempt {
  protocol: Protocol;
  report: Report;
  /** The attempt itself (simulation, motion, event log), read-only from here on. */
  attempt: Attempt;
  /** The attempt's id (its journal's, made when it started): the stored attempt's, so recording it twice stores it once. */
  id: string;
  seed: number;
  /**
   * The attempt's `.scrub` recording, the one record of its input (with its trailer when the attempt is over;
   * without, for an export of one still running).
   */
  recording: Uint8Array;
  startedAtMs: number;
  endedAtMs: number;
  /** The learner it was started for (null: the current one, "Guest" if none). */
  profileId: string | null;
  /**
   * Performed mirrored (a left-handed learner, docs/accessibility.md): the report and the recording stay canonical;
   * what names a hand to the learner names the other one (`learnersHand`).
   */
  mirrored: boolean;
  /** Recovered after an interruption: the tick it had reached; `incomplete` when kept as it was. */
  interrupted?: { atTick: number; incomplete: boolean };
}
