import { describe, expect, it } from 'vitest';
import { stepTitle } from '../../../src/core/procedure/index.ts';

const protocol = {
  steps: [
    { id: 'expose', title: 'Expose the triangle' },
    { id: 'throw', title: 'Throw a knot' },
  ],
} as Parameters<typeof stepTitle>[0];

describe('stepTitle', () => {
  it('a step id, or a repeated step’s key (id#iteration), → its title', () => {
    expect(stepTitle(protocol, 'expose')).toBe('Expose the triangle');
    expect(stepTitle(protocol, 'throw#3')).toBe('Throw a knot');
  });
  it('a key the protocol lacks (an older version’s step) shows as itself', () => {
    expect(stepTitle(protocol, 'retract#2')).toBe('retract#2');
  });
});
