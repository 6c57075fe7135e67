import { describe, expect, it } from 'vitest';
import { idleInput } from '../../../src/core/kernel/index.ts';
import { DesktopInput, ROLL_STEP } from '../../../src/input/desktop-input.ts';
import { DEFAULT_KEYMAP, isDefaultKeymap, rebind } from '../../../src/input/keymap.ts';
import { KeyboardInput, keyCommand, mouseControls, steersScope } from '../../../src/input/keyboard.ts';
import en from '../../../src/locales/en.json';
import es from '../../../src/locales/es.json';

const instruments = [{ id: 'needle-driver' }, { id: 'adson-forceps' }, { id: 'suture-scissors' }];

describe('keyCommand: a key → what it asks for', () => {
  it('number keys pick the protocol’s instruments in order; 0 puts the hand’s down; beyond the list, nothing', () => {
    expect(keyCommand('1', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'pick', instrument: 'needle-driver' });
    expect(keyCommand('3', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'pick', instrument: 'suture-scissors' });
    expect(keyCommand('0', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'pick', instrument: null });
    expect(keyCommand('4', DEFAULT_KEYMAP, instruments)).toBeNull();
  });

  it('the keymap’s keys, letters in either case', () => {
    expect(keyCommand('d', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'declare' });
    expect(keyCommand('H', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'switchHand' });
    expect(keyCommand('q', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'roll', radians: -ROLL_STEP });
    expect(keyCommand('e', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'roll', radians: ROLL_STEP });
    expect(keyCommand('p', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'pause' });
    expect(keyCommand('f', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'finish' });
    expect(keyCommand('Escape', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'exit' });
    expect(keyCommand('[', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'speed', step: -1 });
    expect(keyCommand(']', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'speed', step: 1 });
    expect(keyCommand('z', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'loupe' });
    expect(keyCommand('v', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'view' });
    expect(keyCommand('x', DEFAULT_KEYMAP, instruments)).toBeNull();
  });

  it('follows a remapped key; Space pauses unless it is bound to something else', () => {
    const keymap = rebind(DEFAULT_KEYMAP, 'finish', 'x');
    expect(keyCommand('x', keymap, instruments)).toEqual({ kind: 'finish' });
    expect(keyCommand('f', keymap, instruments)).toBeNull();
    expect(keyCommand(' ', DEFAULT_KEYMAP, instruments)).toEqual({ kind: 'pause' });
    expect(keyCommand(' ', rebind(DEFAULT_KEYMAP, 'declare', ' '), instruments)).toEqual({ kind: 'declare' });
  });

  it('a keymap is the default until a key is rebound, and again once rebound back', () => {
    expect(isDefaultKeymap({ ...DEFAULT_KEYMAP })).toBe(true);
    const swapped = rebind(DEFAULT_KEYMAP, 'finish', 'p');
    expect(isDefaultKeymap(swapped)).toBe(false);
    expect(isDefaultKeymap(rebind(swapped, 'finish', 'f'))).toBe(true);
  });
});

describe('KeyboardInput: the input’s commands act on the desktop input', () => {
  const setup = () => {
    const desktop = new DesktopInput();
    const input = idleInput();
    return { desktop, input, keys: new KeyboardInput(DEFAULT_KEYMAP, desktop, input, instruments) };
  };

  it('a number key puts the instrument into the hand the mouse drives', () => {
    const { desktop, input, keys } = setup();
    expect(keys.down('2')).toEqual({ kind: 'pick', instrument: 'adson-forceps' });
    expect(input.hands.right.instrument).toBe('adson-forceps');
    keys.down('h');
    expect(desktop.hand).toBe('left');
    keys.down('1');
    expect(input.hands.left.instrument).toBe('needle-driver');
    keys.down('0');
    expect(input.hands.left.instrument).toBeNull();
    expect(input.hands.right.instrument).toBe('adson-forceps');
  });

  it('the switch-hands key swaps the mouse’s hand each press', () => {
    const { desktop, keys } = setup();
    keys.down('h');
    keys.down('h');
    expect(desktop.hand).toBe('right');
  });

  it('declares while the declare key is held', () => {
    const { desktop, keys } = setup();
    keys.down('d');
    expect(desktop.declaring).toBe(true);
    keys.up('p');
    expect(desktop.declaring).toBe(true);
    keys.up('D');
    expect(desktop.declaring).toBe(false);
  });

  it('rolls the active hand’s instrument a step each press', () => {
    const { desktop, keys } = setup();
    keys.down('e');
    keys.down('e');
    keys.down('q');
    expect(desktop.hands.right.roll).toBeCloseTo(ROLL_STEP);
    expect(desktop.hands.left.roll).toBe(0);
  });

  it('leaves the screen’s commands to the screen: the input is untouched', () => {
    const { desktop, input, keys } = setup();
    const before = JSON.stringify(input);
    for (const key of ['p', 'f', 'Escape', '[', ']']) expect(keys.down(key)).not.toBeNull();
    expect(JSON.stringify(input)).toBe(before);
    expect(desktop.declaring).toBe(false);
    expect(desktop.hand).toBe('right');
  });
});

describe('KeyboardInput: steering a held laparoscope', () => {
  it('knows its eight steering actions (the legend lists them only where a scope can be steered)', () => {
    expect(Object.keys(DEFAULT_KEYMAP).filter((a) => steersScope(a as keyof typeof DEFAULT_KEYMAP))).toEqual([
      'scopeLeft',
      'scopeRight',
      'scopeUp',
      'scopeDown',
      'scopeIn',
      'scopeOut',
      'opticLeft',
      'opticRight',
    ]);
  });

  const setup = (steerable: boolean) => {
    const input = idleInput();
    return { input, keys: new KeyboardInput(DEFAULT_KEYMAP, new DesktopInput(), input, instruments, { steerable }) };
  };

  it('held keys steer at full speed into the input (recorded with the tick); opposite keys cancel; released, no steering', () => {
    const { input, keys } = setup(true);
    expect(keys.down('ArrowRight')).toEqual({ kind: 'steer', axis: 'pan', sign: 1 });
    keys.down('ArrowUp');
    keys.down('=');
    keys.down(',');
    expect(input.scope).toEqual({ pan: 1, tilt: 1, zoom: 1, roll: -1 });
    keys.down('ArrowLeft');
    keys.down('ArrowRight'); // key repeat: still one key held
    expect(input.scope).toEqual({ pan: 0, tilt: 1, zoom: 1, roll: -1 });
    keys.up('ArrowUp');
    keys.up('=');
    keys.up(',');
    keys.up('ArrowLeft');
    expect(input.scope).toEqual({ pan: 1, tilt: 0, zoom: 0, roll: 0 });
    keys.up('ArrowRight');
    expect(input.scope).toBeUndefined();
  });

  it('stops when the window loses the keyboard (no key-up comes)', () => {
    const { input, keys } = setup(true);
    keys.down('-');
    keys.down('.');
    expect(input.scope).toEqual({ pan: 0, tilt: 0, zoom: -1, roll: 1 });
    keys.releaseAll();
    expect(input.scope).toBeUndefined();
  });

  it('mirrored (a left-handed learner, the picture drawn reflected): ← pans and ↺ turns the canonical scope the other way; ↑ and = as ever', () => {
    const input = idleInput();
    const keys = new KeyboardInput(DEFAULT_KEYMAP, new DesktopInput(true), input, instruments, { steerable: true, mirrored: true });
    keys.down('ArrowLeft');
    keys.down('ArrowUp');
    keys.down('=');
    keys.down(',');
    expect(input.scope).toEqual({ pan: 1, tilt: 1, zoom: 1, roll: 1 });
    keys.releaseAll();
    keys.down('ArrowRight');
    expect(input.scope).toEqual({ pan: -1, tilt: 0, zoom: 0, roll: 0 });
  });

  it('does nothing where there is no held laparoscope to steer', () => {
    const { input, keys } = setup(false);
    expect(keys.down('ArrowDown')).toBeNull();
    expect(input.scope).toBeUndefined();
  });
});

describe('mouseControls: the legend’s mouse rows', () => {
  it('a right drag orbits the room view only: over the laparoscope’s picture the legend says so, in English and Spanish', () => {
    expect(mouseControls(false)).toContain('orbit');
    expect(mouseControls(true)).not.toContain('orbit');
    expect(mouseControls(true)).toContain('rightInScope');
    for (const locale of [en, es]) {
      const mouse = locale.controls.mouse as Record<string, { key: string; what: string }>;
      for (const id of [...mouseControls(false), ...mouseControls(true)]) expect(mouse[id]?.what, id).toBeTruthy();
      expect(mouse.rightInScope!.what).not.toBe(mouse.orbit!.what);
    }
  });
});
