import { describe, expect, it } from 'vitest';
import { INSTRUMENTS } from '../../../src/core/world/instruments/catalog.ts';
import { TRAY_REACH, TRAY_SPACING, nurseHands, pickAtTray, pickWithHand, trayPlace } from '../../../src/core/world/instruments/tray.ts';
import { TRAY_CENTRE, type Vec3, idleInput } from '../../../src/core/kernel/index.ts';

const suture = [
  { id: 'needle-driver', hand: 'right' as const },
  { id: 'adson-forceps', hand: 'left' as const },
  { id: 'suture-scissors', hand: 'right' as const },
  { id: 'needle' },
];
const above = (id: string, dy = 0.03): Vec3 => {
  const p = trayPlace(id)!;
  return [p[0], p[1] + dy, p[2]];
};

describe('instrument tray', () => {
  it('places every instrument on the tray, left to right by slot, TRAY_SPACING apart', () => {
    for (const spec of INSTRUMENTS) {
      const p = trayPlace(spec.id)!;
      expect(Math.abs(p[0] - TRAY_CENTRE[0])).toBeLessThan(0.21);
      expect(p[2]).toBe(TRAY_CENTRE[2]);
    }
    expect(trayPlace('needle-driver')![0] - trayPlace('adson-forceps')![0]).toBeCloseTo(TRAY_SPACING);
    expect(trayPlace('no-such-instrument')).toBeNull();
  });

  it('a pick within reach of a place takes that instrument; the held one goes back', () => {
    expect(pickAtTray(above('suture-scissors'), 'needle-driver', 'adson-forceps', suture)).toBe('suture-scissors');
    // Between two places: the nearer one.
    const a = trayPlace('needle-driver')!,
      b = trayPlace('suture-scissors')!;
    expect(pickAtTray([a[0] + 0.4 * (b[0] - a[0]), a[1], a[2]], null, null, suture)).toBe('needle-driver');
  });

  it('a pick over the held instrument’s own place hands it back (empty hand)', () => {
    expect(pickAtTray(above('suture-scissors'), 'suture-scissors', null, suture)).toBeNull();
  });

  it('a place whose instrument is in the other hand is empty: the hand keeps its own', () => {
    expect(pickAtTray(above('adson-forceps', 0.01), 'needle-driver', 'adson-forceps', suture)).toBe('needle-driver');
  });

  it('beyond TRAY_REACH of every place the hand is away from the tray', () => {
    expect(pickAtTray(above('needle', TRAY_REACH + 0.005), null, null, suture)).toBeUndefined();
    expect(pickAtTray([0, 1, -0.4], 'needle-driver', null, suture)).toBeUndefined();
  });

  it('the scrub nurse hands the next of the hand’s instruments (its own, either, or none), round the list', () => {
    expect(nurseHands(suture, 'right', 'needle-driver')).toBe('suture-scissors');
    expect(nurseHands(suture, 'right', 'suture-scissors')).toBe('needle');
    expect(nurseHands(suture, 'right', 'needle')).toBe('needle-driver');
    expect(nurseHands(suture, 'right', null)).toBe('needle-driver');
    expect(nurseHands([{ id: 'grasper-left', hand: 'either' as const }], 'right', null)).toBe('grasper-left');
    expect(nurseHands([{ id: 'grasper-left', hand: 'left' as const }], 'right', 'scalpel')).toBe('scalpel');
  });

  it('a hand’s pick writes the input: at the tray, the tray’s rule, with the other hand’s instrument taken into account', () => {
    const input = idleInput();
    input.hands.left.instrument = 'adson-forceps';
    input.hands.right.instrument = 'needle-driver';
    pickWithHand(input, 'right', above('suture-scissors'), false, suture);
    expect(input.hands.right.instrument).toBe('suture-scissors');
    pickWithHand(input, 'right', above('adson-forceps', 0.01), true, suture);
    expect(input.hands.right.instrument).toBe('suture-scissors');
    expect(input.hands.left.instrument).toBe('adson-forceps');
  });

  it('a hand’s pick away from the tray: the nurse’s next instrument with a controller (nurse), nothing with a tracked hand', () => {
    const input = idleInput();
    input.hands.right.instrument = 'needle-driver';
    pickWithHand(input, 'right', [0, 1, -0.4], false, suture);
    expect(input.hands.right.instrument).toBe('needle-driver');
    pickWithHand(input, 'right', [0, 1, -0.4], true, suture);
    expect(input.hands.right.instrument).toBe('suture-scissors');
  });
});
