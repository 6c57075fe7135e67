import type { Hand } from '../core/kernel/index.ts';
import type { Attempt } from '../core/attempt/attempt.ts';
import { handOf } from './controller-input.ts';
import { otherHand } from '../core/kernel/mirror.ts';

type Pulsable = { pulse?: (value: number, durationMs: number) => Promise<boolean> };

/**
 * Vibration, the only haptics WebXR gives: a short tick when an instrument starts touching tissue, a
 * buzz when it comes near a danger zone (learn mode), a longer one on an error (strongest for a critical
 * one) in both hands.
 */
export class HapticFeedback {
  private readonly touching: Record<Hand, boolean> = { left: false, right: false };

  /**
   * After a frame's ticks: `findingsBefore` and `warningsBefore` are the attempt's log lengths before them.
   * `mirrored`: each controller drives the other hand's instrument (a left-handed learner), so it feels that one's touch.
   */
  pulse(xrSession: XRSession, attempt: Attempt, findingsBefore: number, warningsBefore: number, mirrored = false): void {
    const contacts = attempt.world.scene?.contacts;
    const log = attempt.findingLog;
    let error = 0;
    for (let i = findingsBefore; i < log.length; i++) {
      const f = log[i]!;
      if (f.type === 'error') error = Math.max(error, f.severity === 'critical' ? 1 : f.severity === 'major' ? 0.7 : 0.4);
    }
    // Danger-zone warnings buzz only in learn mode; elsewhere they are only logged.
    const danger = attempt.mode === 'learn' && attempt.warningLog.length > warningsBefore;
    for (const source of xrSession.inputSources) {
      const hand = handOf(source);
      if (!hand) continue;
      const actuator = (source.gamepad as (Gamepad & { hapticActuators?: readonly Pulsable[] }) | undefined)?.hapticActuators?.[0];
      const driven = mirrored ? otherHand(hand) : hand;
      const touching = contacts?.[driven === 'left' ? 0 : 1]?.active ?? false;
      if (error > 0) void actuator?.pulse?.(error, error === 1 ? 250 : 120);
      else if (danger) void actuator?.pulse?.(0.8, 150);
      else if (touching && !this.touching[hand]) void actuator?.pulse?.(0.25, 25);
      this.touching[hand] = touching;
    }
  }
}
