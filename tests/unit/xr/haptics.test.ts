import { describe, expect, it, vi } from 'vitest';
import type { Attempt } from '../../../src/core/attempt/attempt.ts';
import { HapticFeedback } from '../../../src/xr/haptics.ts';

function setup(mode: 'learn' | 'practice' = 'practice') {
  const pulses = { left: vi.fn(async () => true), right: vi.fn(async () => true) };
  const source = (hand: 'left' | 'right') => ({ handedness: hand, gamepad: { hapticActuators: [{ pulse: pulses[hand] }] } });
  const xrSession = { inputSources: [source('left'), source('right')] } as unknown as XRSession;
  const contacts = [{ active: false }, { active: false }];
  const attempt = { mode, world: { scene: { contacts } }, findingLog: [] as object[], warningLog: [] as object[] };
  return { haptics: new HapticFeedback(), pulses, xrSession, contacts, attempt, fake: attempt as unknown as Attempt };
}

describe('HapticFeedback', () => {
  it('ticks the hand whose instrument starts touching tissue, once per touch', () => {
    const { haptics, pulses, xrSession, contacts, fake } = setup();
    contacts[1]!.active = true;
    haptics.pulse(xrSession, fake, 0, 0);
    haptics.pulse(xrSession, fake, 0, 0);
    expect(pulses.right.mock.calls).toEqual([[0.25, 25]]);
    expect(pulses.left).not.toHaveBeenCalled();
  });

  it('buzzes both hands on an error since the frame began, hardest for a critical one', () => {
    const { haptics, pulses, xrSession, attempt, fake } = setup();
    attempt.findingLog.push({ type: 'error', severity: 'minor' }, { type: 'error', severity: 'major' });
    haptics.pulse(xrSession, fake, 0, 0);
    attempt.findingLog.push({ type: 'step-started' }, { type: 'error', severity: 'critical' });
    haptics.pulse(xrSession, fake, 2, 0);
    haptics.pulse(xrSession, fake, 4, 0);
    for (const hand of [pulses.left, pulses.right])
      expect(hand.mock.calls).toEqual([
        [0.7, 120],
        [1, 250],
      ]);
  });

  it('buzzes near a danger zone in learn mode only', () => {
    for (const mode of ['learn', 'practice'] as const) {
      const { haptics, pulses, xrSession, attempt, fake } = setup(mode);
      attempt.warningLog.push({});
      haptics.pulse(xrSession, fake, 0, 0);
      expect(pulses.right.mock.calls).toEqual(mode === 'learn' ? [[0.8, 150]] : []);
    }
  });
});
