import { describe, expect, it } from 'vitest';
import { Button, idleInput } from '../../../src/core/kernel/index.ts';
import { handButtons } from '../../../src/core/world/instruments/catalog.ts';
import { Attempt } from '../../../src/core/attempt/attempt.ts';
import { DesktopInput } from '../../../src/input/desktop-input.ts';
import { DEFAULT_KEYMAP } from '../../../src/input/keymap.ts';
import { KeyboardInput } from '../../../src/input/keyboard.ts';
import { protocol } from '../procedure/helpers.ts';

describe('the bail-out decision through the input', () => {
  it('B held sets the decide button on the mouse hand; released, clears it', () => {
    const desktop = new DesktopInput();
    const keys = new KeyboardInput(DEFAULT_KEYMAP, desktop, idleInput(), []);
    expect(keys.down('b')).toEqual({ kind: 'decide' });
    expect(desktop.deciding).toBe(true);
    expect(handButtons(null, false, desktop.declaring, desktop.deciding)).toBe(Button.decide);
    keys.up('B');
    expect(desktop.deciding).toBe(false);
  });

  it('held one second, the recognisers report one decide: bail-out (before the retraction it completes nothing)', () => {
    const attempt = new Attempt({ protocol: protocol('lap-chole-cvs'), mode: 'assess', seed: 1, variant: 'dense-inflammation' });
    const input = idleInput();
    input.hands.left.buttons = Button.decide;
    for (let i = 0; i < 119; i++) attempt.tick(input);
    expect(attempt.actions.filter((a) => a.type === 'decide')).toEqual([]);
    for (let i = 0; i < 60; i++) attempt.tick(input);
    expect(attempt.actions.filter((a) => a.type === 'decide')).toEqual([{ t: 119 / 120, tick: 119, type: 'decide', hand: 'left', decision: 'bail-out' }]);
    // Without the retraction first, the bail-out step has not begun: the attempt goes on.
    expect(attempt.report().steps.map((s) => [s.id, s.status])).toEqual([
      ['retract-infundibulum', 'active'],
      ['declare-bail-out', 'pending'],
    ]);
  });
});
