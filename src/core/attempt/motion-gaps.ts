/**
 * What is not motion of an instrument (docs/metrics.md, "Gaps"): a hand with no instrument (on its way to
 * or from the tray), the tick an instrument is taken or changed (its tip appears somewhere else at once),
 * and a tip at the tray. The motion accumulator leaves the interval ending at such a tick out of path,
 * speed, smoothness and idle time; jumps no hand can make (tracking regained, recentring) it finds itself.
 */
import type { InstrumentState } from '../world/instruments/instrument-state.ts';
import { atTray } from '../world/instruments/tray.ts';

export function notMotion(now: InstrumentState, before: InstrumentState): boolean {
  return now.instrument === null || now.instrument !== before.instrument || atTray(now.tip);
}
