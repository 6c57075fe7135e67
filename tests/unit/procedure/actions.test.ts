import { describe, expect, it } from 'vitest';
import { parseActionLog } from '../../../src/core/procedure/index.ts';

describe('parseActionLog', () => {
  it('reads one action a line, skipping blank lines', () => {
    const log = parseActionLog(
      '{"t": 312.4, "type": "clip", "instrument": "clip-applier", "structure": "cystic-duct", "s": 0.35, "complete": true}\n\n{"t": 313, "type": "idle"}\n',
    );
    expect(log.errors).toEqual([]);
    expect(log.actions).toHaveLength(2);
  });

  it('reports malformed lines, unknown types and fields, wrong kinds and missing fields by line', () => {
    const log = parseActionLog(
      [
        '{"t": 1, "type": "grasp"}',
        '{"t": 2, "type": "clp", "structure": "x"}',
        'not json',
        '{"t": 3, "type": "cut", "structure": "cystic-duct", "forse": 2}',
        '{"t": 4, "type": "clip", "structure": "cystic-duct", "s": "high", "complete": true}',
        '{"type": "idle"}',
        '[1, 2]',
        '{"t": 0.5, "type": "idle"}',
        '{"t": 5, "type": "drop", "object": "o1"}',
      ].join('\n'),
    );
    expect(log.errors).toEqual([
      { line: 2, message: 'unknown action type "clp" (did you mean \'clip\'?)' },
      { line: 3, message: 'not valid JSON' },
      { line: 4, message: "unknown field 'forse' (did you mean 'force'?)" },
      { line: 5, message: 'field \'s\' must be a finite number, not "high"' },
      { line: 6, message: "missing field 't' (seconds)" },
      { line: 7, message: 'an action must be a JSON object' },
      { line: 8, message: 'time goes backwards (t 0.5 after 1)' },
      { line: 9, message: "a 'drop' action needs field 'inView'" },
    ]);
    expect(log.actions.map((a) => a.t)).toEqual([1]);
  });
});
